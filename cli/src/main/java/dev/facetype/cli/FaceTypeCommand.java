package dev.facetype.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code facetype} command: prepare photo folders, train, evaluate, predict, and the demo. Start it with
 * {@link #main}, or in-process (tests, other programs) with {@link #newCommandLine} and
 * {@link CommandLine#execute}, which returns an {@link ExitCode} number instead of exiting.
 */
@Command(name = "facetype",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 4,
        description = {
            "Sorts face photos into face types (しょうゆ顔 / ソース顔 / 砂糖顔 / 塩顔, or any types you bring as folders)"
                    + " with a convolutional network written in pure Java.",
            "",
            "Photo folders are laid out as <root>/<type>/<person>/<photo> (or <root>/<type>/<photo>); facetype only"
                    + " reads them. Start with: facetype demo"
        },
        subcommands = {
            PrepareCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            PredictCommand.class,
            DemoCommand.class,
        })
public final class FaceTypeCommand implements Callable<Integer> {

    /** The web page's command; registered as {@code serve} when its module part is on the class path. */
    static final String SERVE_COMMAND_CLASS = "dev.facetype.cli.web.ServeCommand";

    /** System property naming the charset of the console (default UTF-8). */
    public static final String CONSOLE_ENCODING_PROPERTY = "facetype.console.encoding";

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // No subcommand: show what there is, as a usage error.
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }

    /** Runs the command line and exits with its {@link ExitCode}. */
    public static void main(String[] args) {
        Charset charset = consoleCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), charset), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), charset), true);
        int code = newCommandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * A configured command line writing results to {@code out} and progress and errors to {@code err}:
     * exit codes as {@link ExitCode}, one-line errors, the exit codes in every command's help.
     */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new FaceTypeCommand());
        registerServeCommand(commandLine);
        ErrorReporter reporter = new ErrorReporter();
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(reporter);
        commandLine.setParameterExceptionHandler(reporter);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        addExitCodeFooter(commandLine);
        return commandLine;
    }

    /**
     * The web page lives in {@code dev.facetype.cli.web}; it is looked up by name so that the command line
     * builds and runs without it. Its owner may replace this with a plain entry in {@code subcommands}.
     */
    private static void registerServeCommand(CommandLine commandLine) {
        try {
            Class<?> serve = Class.forName(SERVE_COMMAND_CLASS);
            commandLine.addSubcommand("serve", serve.getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException e) {
            // Not built into this jar: no serve command.
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + SERVE_COMMAND_CLASS + ": " + e, e);
        }
    }

    private static void addExitCodeFooter(CommandLine commandLine) {
        String[] codes = ExitCode.helpLines();
        String[] footer = new String[codes.length + 2];
        footer[0] = "";
        footer[1] = "Exit codes:";
        System.arraycopy(codes, 0, footer, 2, codes.length);
        commandLine.getCommandSpec().usageMessage().footer(footer);
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            if (sub.getCommandSpec().usageMessage().footer().length == 0) {
                sub.getCommandSpec().usageMessage().footer(footer);
            }
        }
    }

    private static Charset consoleCharset() {
        String name = System.getProperty(CONSOLE_ENCODING_PROPERTY);
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.trim());
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
