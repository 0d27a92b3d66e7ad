package dev.facetype.cli.i18n;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The charsets the command line writes stdout and stderr in, chosen once at start-up:
 * <ol>
 *   <li>{@code --console-encoding NAME}, else the system property {@value #PROPERTY};</li>
 *   <li>on Windows, the console's own code page as Java reports it: {@code sun.stdout.encoding} /
 *       {@code sun.stderr.encoding} (set when the stream is a console), else {@code stdout.encoding} /
 *       {@code stderr.encoding} (Java 19+): {@code MS932} (Shift_JIS) on a Japanese console, so that
 *       しょうゆ顔 is not shown as mojibake, {@code UTF-8} after {@code chcp 65001}. A code page that cannot
 *       write Japanese (437, 1252) is passed over for UTF-8, since type names are often Japanese;</li>
 *   <li>otherwise UTF-8: terminals on Linux and macOS, files and pipes.</li>
 * </ol>
 * In a charset without combining marks (MS932) text is written in Unicode NFC, so that a name macOS wrote
 * decomposed ({@code ご} as {@code こ} + U+3099) shows as the same characters; a character the chosen charset
 * still cannot hold is written as {@code ?}.
 */
public final class ConsoleEncoding {

    /** System property naming the console's charset; {@code --console-encoding} wins over it. */
    public static final String PROPERTY = "facetype.console.encoding";

    /** The option that names the console's charset. */
    public static final String OPTION = "--console-encoding";

    /**
     * The charsets chosen.
     *
     * @param stdout where results go
     * @param stderr where progress, notes and errors go
     * @param source why: {@code option}, {@code property}, {@code console} or {@code default}
     */
    public record Choice(Charset stdout, Charset stderr, String source) {
    }

    /** Text a console charset must be able to write to be used: kana and kanji of the study's type names. */
    private static final String JAPANESE_SAMPLE = "しょうゆ顔ソース";

    /** The voicing mark of a decomposed {@code ご}, {@code ド}, {@code ば}: in NFD file names macOS writes. */
    private static final char COMBINING_DAKUTEN = '\u3099';

    private ConsoleEncoding() {
    }

    /**
     * Chooses the charsets.
     *
     * @param option     the value of {@code --console-encoding}, or {@code null}
     * @param properties the system properties ({@code os.name}, the encodings the JVM found, {@value #PROPERTY})
     * @throws IllegalArgumentException when the option or property names no charset Java knows
     */
    public static Choice choose(String option, Properties properties) {
        if (option != null) {
            Charset charset = charset(option, OPTION);
            return new Choice(charset, charset, "option");
        }
        String property = properties.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            Charset charset = charset(property, "-D" + PROPERTY);
            return new Choice(charset, charset, "property");
        }
        if (properties.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            Optional<Charset> out = reported(properties, "stdout");
            Optional<Charset> err = reported(properties, "stderr");
            if (out.isPresent() || err.isPresent()) {
                return new Choice(out.orElse(StandardCharsets.UTF_8), err.orElse(out.orElse(StandardCharsets.UTF_8)),
                        "console");
            }
        }
        return new Choice(StandardCharsets.UTF_8, StandardCharsets.UTF_8, "default");
    }

    /**
     * A writer of {@code stream} in {@code charset}; in Unicode NFC when the charset cannot write a combining mark
     * (MS932, Shift_JIS, EUC-JP, ...), as they are, composed or not, in UTF-8 and the other Unicode charsets.
     */
    public static Writer writer(OutputStream stream, Charset charset) {
        Writer writer = new OutputStreamWriter(stream, charset);
        return charset.canEncode() && charset.newEncoder().canEncode(COMBINING_DAKUTEN) ? writer : new NfcWriter(writer);
    }

    /** The charset named {@code name}, or an error naming where it came from. */
    public static Charset charset(String name, String where) {
        try {
            return Charset.forName(name.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException(where + ": unknown encoding '" + name.trim()
                    + "'; use for example UTF-8 or windows-31j");
        }
    }

    /**
     * The value of {@code --console-encoding} in the arguments ({@code --console-encoding X} or
     * {@code --console-encoding=X}), read before picocli parses them because the streams must exist first.
     */
    public static String optionIn(String[] args) {
        String value = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                break;
            }
            if (args[i].equals(OPTION) && i + 1 < args.length) {
                value = args[i + 1];
            } else if (args[i].startsWith(OPTION + "=")) {
                value = args[i].substring(OPTION.length() + 1);
            }
        }
        return value;
    }

    /**
     * What the JVM found for a stream on Windows: the console's code page (Java 17+), else the stream's encoding
     * (Java 19+), if it can write Japanese.
     */
    private static Optional<Charset> reported(Properties properties, String stream) {
        for (String key : new String[] {"sun." + stream + ".encoding", stream + ".encoding"}) {
            String name = properties.getProperty(key);
            if (name != null && !name.isBlank()) {
                try {
                    Charset charset = Charset.forName(name.trim());
                    if (charset.canEncode() && charset.newEncoder().canEncode(JAPANESE_SAMPLE)) {
                        return Optional.of(charset);
                    }
                } catch (IllegalArgumentException e) {
                    // An encoding this JVM does not know: try the next property, then UTF-8.
                }
            }
        }
        return Optional.empty();
    }
}
