package dev.facetype.cli;

import dev.facetype.cli.i18n.ConsoleEncoding;
import dev.facetype.cli.i18n.Language;
import dev.facetype.cli.i18n.Messages;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
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
 *
 * <p>Messages and help follow the system locale (Japanese for {@code ja}, else English) unless {@code --lang}
 * says otherwise; stdout and stderr are written in the charset {@link ConsoleEncoding} chooses.
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
            SurveyCommand.class,
            PrepareCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            PredictCommand.class,
            DemoCommand.class,
        })
public final class FaceTypeCommand implements Callable<Integer> {

    /** The web page's command; registered as {@code serve} when its module part is on the class path. */
    static final String SERVE_COMMAND_CLASS = "dev.facetype.cli.web.ServeCommand";

    /** System property naming the charset of the console (see {@link ConsoleEncoding}). */
    public static final String CONSOLE_ENCODING_PROPERTY = ConsoleEncoding.PROPERTY;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    /** The language of this run: the default until the arguments are parsed, then {@code --lang} if given. */
    private volatile Language language;

    private FaceTypeCommand(Language language) {
        this.language = language;
    }

    /** The texts of this run, in its language. */
    Messages messages() {
        return Messages.of(language);
    }

    /**
     * The texts of the run that {@code command} belongs to; the system locale's for a command used on its own,
     * outside a {@code facetype} command line.
     */
    public static Messages messages(CommandSpec command) {
        return command != null && command.root().userObject() instanceof FaceTypeCommand root ? root.messages()
                : Messages.of(Language.ofSystem());
    }

    /** The language given with {@code --lang} at any level of the command line, if one was. */
    public static Optional<Language> askedLanguage(CommandSpec command) {
        CommandLine root = command.root().commandLine();
        return root.getParseResult() == null ? Optional.empty() : LanguageOption.in(root.getParseResult());
    }

    @Override
    public Integer call() {
        // No subcommand: show what there is, as a usage error.
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }

    /** Runs the command line and exits with its {@link ExitCode}. */
    public static void main(String[] args) {
        int code = execute(args, new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err),
                System.getProperties());
        System.exit(code);
    }

    /**
     * Runs the command line on byte streams, as {@link #main} does on the process's: the text is encoded in the
     * charsets {@link ConsoleEncoding#choose} picks from {@code --console-encoding} and {@code properties}, in the
     * language of their {@code user.language} unless {@code --lang} is given. An unknown charset name is a usage
     * error (exit code 1), written in UTF-8.
     *
     * @return the {@link ExitCode} number
     */
    public static int execute(String[] args, OutputStream stdout, OutputStream stderr, Properties properties) {
        ConsoleEncoding.Choice charsets;
        try {
            charsets = ConsoleEncoding.choose(ConsoleEncoding.optionIn(args), properties);
        } catch (IllegalArgumentException e) {
            if (ConsoleEncoding.optionIn(args) == null) {
                // An unknown name in -Dfacetype.console.encoding, which no option converter sees: one line, in UTF-8.
                PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
                Language language = LanguageOption.in(args).orElse(Language.of(properties));
                err.println(Messages.of(language).get("error.line", e.getMessage()));
                err.flush();
                return ExitCode.USAGE.code();
            }
            // An unknown name in --console-encoding: the option's converter reports it as a usage error, in UTF-8.
            charsets = new ConsoleEncoding.Choice(StandardCharsets.UTF_8, StandardCharsets.UTF_8, "default");
        }
        PrintWriter out = new PrintWriter(ConsoleEncoding.writer(stdout, charsets.stdout()), true);
        PrintWriter err = new PrintWriter(ConsoleEncoding.writer(stderr, charsets.stderr()), true);
        int code = newCommandLine(out, err, Language.of(properties)).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * A configured command line writing results to {@code out} and progress and errors to {@code err}:
     * exit codes as {@link ExitCode}, one-line errors, the exit codes in every command's help, and the system
     * locale's language unless {@code --lang} is given.
     */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        return newCommandLine(out, err, Language.ofSystem());
    }

    /** As {@link #newCommandLine(PrintWriter, PrintWriter)}, speaking {@code language} unless {@code --lang} is given. */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err, Language language) {
        FaceTypeCommand root = new FaceTypeCommand(language);
        CommandLine commandLine = new CommandLine(root);
        registerServeCommand(commandLine);
        ErrorReporter reporter = new ErrorReporter(language);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(reporter);
        commandLine.setParameterExceptionHandler(reporter);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        HelpLanguage.apply(commandLine, language);
        commandLine.setExecutionStrategy(parseResult -> {
            // The language is known once the arguments are parsed; help and messages are produced after this.
            Language chosen = LanguageOption.in(parseResult).orElse(language);
            root.language = chosen;
            HelpLanguage.apply(commandLine, chosen);
            return new CommandLine.RunLast().execute(parseResult);
        });
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
}
