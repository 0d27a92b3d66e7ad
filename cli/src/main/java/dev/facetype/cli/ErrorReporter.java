package dev.facetype.cli;

import dev.facetype.cnn.io.ModelFileException;
import dev.facetype.dataset.DatasetException;
import dev.facetype.vision.io.ImageLoadException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and an {@link ExitCode}: the message names the file and the
 * cause. Stack traces are printed only with {@code --debug}, or hinted at for unexpected (internal) errors.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        String command = commandLine.getCommandSpec().qualifiedName();
        err.println(command + ": " + ex.getMessage() + " (see '" + command + " --help')");
        err.flush();
        return ExitCode.USAGE.code();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult fullParseResult) {
        PrintWriter err = commandLine.getErr();
        ExitCode code = classify(ex);
        String prefix = "facetype: " + (code == ExitCode.INTERNAL ? "internal error: " : "error: ");
        err.println(prefix + describe(ex, code) + (code == ExitCode.INTERNAL && !debug(fullParseResult)
                ? " (rerun with --debug for the stack trace, and please report it)" : ""));
        if (debug(fullParseResult)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code.code();
    }

    /** The exit code for an exception that reached the top of a command. */
    static ExitCode classify(Throwable ex) {
        if (ex instanceof CliException cli) {
            return cli.exitCode();
        }
        if (ex instanceof ParameterException) {
            return ExitCode.USAGE;
        }
        if (ex instanceof DatasetException || ex instanceof ImageLoadException) {
            return ExitCode.BAD_INPUT;
        }
        if (ex instanceof ModelFileException) {
            return ExitCode.MODEL;
        }
        if (ex instanceof UncheckedIOException || ex instanceof java.io.IOException) {
            return ExitCode.CANNOT_WRITE;
        }
        return ExitCode.INTERNAL;
    }

    private static String describe(Throwable ex, ExitCode code) {
        String message = ex.getMessage();
        if (code == ExitCode.INTERNAL || message == null || message.isBlank()) {
            return ex.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        }
        return message.replace('\n', ' ');
    }

    private static boolean debug(ParseResult result) {
        for (ParseResult level = result; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
