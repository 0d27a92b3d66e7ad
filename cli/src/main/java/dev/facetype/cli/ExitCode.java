package dev.facetype.cli;

/**
 * The exit codes of the {@code facetype} command, documented in {@code --help} and the README. Scripts may
 * rely on them; do not renumber.
 */
public enum ExitCode {
    /** Everything asked was done. */
    OK(0, "success"),
    /** The command line itself is wrong: an unknown option, a missing argument, a value out of range. */
    USAGE(1, "bad usage: unknown option, missing argument, invalid value"),
    /**
     * The photos are the problem: a photo or folder is missing or unreadable, a file is not an image, a folder
     * has no type folders or no usable face.
     */
    BAD_INPUT(2, "bad input: photo or folder missing or unreadable, not an image, no face"),
    /** The model file is missing, damaged, of a newer format, or not a facetype model. */
    MODEL(3, "model file: missing, damaged, newer format, or not a facetype model"),
    /** A bug: facetype failed in a way it did not expect. {@code --debug} shows the stack trace. */
    INTERNAL(4, "internal error: a bug (rerun with --debug and report the stack trace)"),
    /** An output file (model, picture, report) could not be written. */
    CANNOT_WRITE(5, "an output file (model, picture, report) could not be written");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The number the process exits with. */
    public int code() {
        return code;
    }

    /** One line saying when this code is returned. */
    public String meaning() {
        return meaning;
    }

    /** The codes as lines for a help footer: {@code "  0  success"}. */
    static String[] helpLines() {
        ExitCode[] values = values();
        String[] lines = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            lines[i] = "  " + values[i].code + "   " + values[i].meaning;
        }
        return lines;
    }
}
