package dev.facetype.cli;

import dev.facetype.cli.i18n.Language;
import dev.facetype.cli.i18n.Messages;
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
 * The frame of the line ({@code facetype: error: }, the hints) is in the run's language; picocli's own usage
 * messages and the libraries' messages are English.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private final Language defaultLanguage;

    /** A reporter speaking {@code defaultLanguage} unless the arguments say {@code --lang}. */
    ErrorReporter(Language defaultLanguage) {
        this.defaultLanguage = defaultLanguage;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        Messages messages = Messages.of(LanguageOption.in(args).orElse(defaultLanguage));
        String command = commandLine.getCommandSpec().qualifiedName();
        err.println(messages.get("error.usage", command, ex.getMessage(), command));
        err.flush();
        return ExitCode.USAGE.code();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult fullParseResult) {
        PrintWriter err = commandLine.getErr();
        Messages messages = FaceTypeCommand.messages(commandLine.getCommandSpec());
        ExitCode code = classify(ex);
        String key = code != ExitCode.INTERNAL ? "error.line" : debug(fullParseResult) ? "error.internalDebug"
                : "error.internal";
        err.println(messages.get(key, describe(ex, code)));
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
