package dev.facetype.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code facetype} command line in-process and captures what it prints. */
final class Cli {

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {

        /** The non-empty lines of stderr. */
        java.util.List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FaceTypeCommand.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
