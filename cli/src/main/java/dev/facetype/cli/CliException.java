package dev.facetype.cli;

import java.util.Objects;

/**
 * An expected failure the command line reports as one line (its message, which names the file and the cause)
 * and an {@link ExitCode}; never shown with a stack trace unless {@code --debug} is given.
 */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public CliException(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    public CliException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
