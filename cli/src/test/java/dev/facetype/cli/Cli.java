package dev.facetype.cli;

import dev.facetype.cli.i18n.Language;
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

    /**
     * Runs in English whatever the machine's locale, so that the tests' English expectations hold on a Japanese
     * system too; {@code --lang ja} among the arguments still switches to Japanese.
     */
    static Run run(String... args) {
        return run(Language.ENGLISH, args);
    }

    /** Runs as on a system whose locale speaks {@code systemLanguage}. */
    static Run run(Language systemLanguage, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FaceTypeCommand.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true), systemLanguage)
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
