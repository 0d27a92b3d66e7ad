package dev.facetype.cli.reliability;

import dev.facetype.cli.FaceTypeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the {@code facetype} command line in this JVM, as a user would type it, and keeps what it printed. */
final class CommandRunner {

    /** One run's exit code, stdout and stderr. */
    record Run(int exitCode, String out, String err) {

        /** The non-blank lines of stderr. */
        List<String> errLines() {
            return err.lines().filter(line -> !line.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private CommandRunner() {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FaceTypeCommand.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
