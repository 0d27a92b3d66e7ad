package dev.facetype.cli;

import dev.facetype.cli.i18n.ConsoleEncoding;
import dev.facetype.cli.i18n.Language;
import dev.facetype.cnn.parallel.ComputePool;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** Options every {@code facetype} command accepts. */
public final class CommonOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-q", "--quiet"}, description = "Print results only: no progress bars or notes on stderr.")
    boolean quiet;

    @Option(names = "--threads", paramLabel = "N",
            description = "Compute threads (default: the number of processors, or -Dfacetype.threads).")
    Integer threads;

    @Option(names = "--debug", description = "Show the stack trace behind an error.")
    boolean debug;

    // Read by FaceTypeCommand's execution strategy (and, for usage errors, from the raw arguments).
    @Option(names = LanguageOption.NAME, paramLabel = "ja|en", converter = LanguageConverter.class,
            description = "Language of messages and help: ja (日本語) or en (default: the system locale's).")
    Language language;

    // Read from the raw arguments before parsing (the streams are opened first); declared so it is accepted.
    @Option(names = ConsoleEncoding.OPTION, paramLabel = "CHARSET", converter = CharsetNameConverter.class,
            description = "Encoding of stdout and stderr (default: UTF-8; on Windows the console's, e.g. MS932).")
    String consoleEncoding;

    /** The threads asked for, or the engine's default. */
    public int threads() {
        if (threads == null) {
            return ComputePool.defaultThreadCount();
        }
        if (threads < 1) {
            throw new CliException(ExitCode.USAGE, FaceTypeCommand.messages(mixee).get("error.threads", threads));
        }
        return threads;
    }

    /**
     * Whether the threads were chosen by the user, with {@code --threads} or {@code -Dfacetype.threads}, rather
     * than left to the default (a command may then pick its own, as {@code serve} does).
     */
    public boolean threadsAsked() {
        String property = System.getProperty(ComputePool.THREADS_PROPERTY);
        return threads != null || property != null && !property.isBlank();
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean debug() {
        return debug;
    }

    /** {@code --lang ja} or {@code --lang en} (or a locale such as {@code ja_JP}). */
    static final class LanguageConverter implements ITypeConverter<Language> {
        @Override
        public Language convert(String value) {
            return Language.parse(value).orElseThrow(() -> new TypeConversionException("'" + value
                    + "' is not a language facetype speaks; use ja or en"));
        }
    }

    /** Checks that {@code --console-encoding} names a charset Java knows. */
    static final class CharsetNameConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return ConsoleEncoding.charset(value, ConsoleEncoding.OPTION).name();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("unknown encoding '" + value.trim()
                        + "'; use for example UTF-8 or windows-31j");
            }
        }
    }
}
