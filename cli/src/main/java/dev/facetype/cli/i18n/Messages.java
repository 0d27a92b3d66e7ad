package dev.facetype.cli.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;

/**
 * The command line's own texts (progress, notes, summaries, errors) in one {@link Language}, from the UTF-8
 * properties files {@code messages.properties} (English) and {@code messages_ja.properties} beside this class.
 * A key missing from the Japanese file falls back to English. Patterns are {@link String#format} patterns
 * (apostrophes need no escaping, a literal percent sign is {@code %%}) formatted with {@link Locale#ROOT}, so
 * numbers always have a decimal point. Type and person names are passed as arguments, exactly as the folders
 * name them. Immutable and safe to share.
 */
public final class Messages {

    private static final String FOLDER = "/dev/facetype/cli/i18n/";
    private static final Map<Language, Messages> LOADED = new EnumMap<>(Language.class);

    private final Language language;
    private final ResourceBundle bundle;

    private Messages(Language language, ResourceBundle bundle) {
        this.language = language;
        this.bundle = bundle;
    }

    /** The texts in {@code language}. */
    public static synchronized Messages of(Language language) {
        return LOADED.computeIfAbsent(language, Messages::load);
    }

    /** The language of these texts. */
    public Language language() {
        return language;
    }

    /**
     * The text for {@code key} with {@code args} filled in.
     *
     * @throws MissingResourceException when no file has the key (a bug, caught by the bundle tests)
     */
    public String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern.replace("%%", "%") : String.format(Locale.ROOT, pattern, args);
    }

    /** True when the English or Japanese file has {@code key}. */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** A share 0..1 as a percentage with one decimal: {@code 72.7 %} in English, {@code 72.7%} in Japanese. */
    public String percent(double share) {
        return get("format.percent", 100 * share);
    }

    private static Messages load(Language language) {
        ResourceBundle english = read("messages.properties", null);
        ResourceBundle bundle = language == Language.ENGLISH ? english : read("messages_" + language.tag() + ".properties",
                english);
        return new Messages(language, bundle);
    }

    /** Reads one file as UTF-8 (explicitly, whatever the JVM's default), with {@code parent} for missing keys. */
    static ResourceBundle read(String file, ResourceBundle parent) {
        try (InputStream in = Messages.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("the message file " + FOLDER + file + " is missing from the jar");
            }
            return new ChainedBundle(new InputStreamReader(in, StandardCharsets.UTF_8), parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the message file " + FOLDER + file, e);
        }
    }

    /** A properties bundle whose missing keys come from another bundle. */
    private static final class ChainedBundle extends PropertyResourceBundle {
        ChainedBundle(InputStreamReader reader, ResourceBundle parent) throws IOException {
            super(reader);
            if (parent != null) {
                setParent(parent);
            }
        }
    }
}
