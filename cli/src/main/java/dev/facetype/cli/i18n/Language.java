package dev.facetype.cli.i18n;

import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The languages the command line speaks. Without {@code --lang} it follows the system locale: Japanese when the
 * locale's language is {@code ja}, English otherwise.
 */
public enum Language {
    /** English, the default for every locale but Japanese. */
    ENGLISH("en", Locale.ENGLISH),
    /** Japanese. */
    JAPANESE("ja", Locale.JAPANESE);

    private final String tag;
    private final Locale locale;

    Language(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    /** The language tag the user types after {@code --lang}: {@code en} or {@code ja}. */
    public String tag() {
        return tag;
    }

    /** The locale of the language, for resource bundles. */
    public Locale locale() {
        return locale;
    }

    /** Japanese for a Japanese locale ({@code ja}, {@code ja_JP}, ...), English for any other. */
    public static Language of(Locale locale) {
        return locale != null && "ja".equals(locale.getLanguage()) ? JAPANESE : ENGLISH;
    }

    /** The language of the system locale ({@code user.language}, from {@code LANG} or the Windows settings). */
    public static Language ofSystem() {
        return of(Locale.getDefault());
    }

    /** The language of {@code user.language} in {@code properties}, else of the system locale. */
    public static Language of(Properties properties) {
        String language = properties.getProperty("user.language");
        return language == null || language.isBlank() ? ofSystem() : of(new Locale(language));
    }

    /**
     * The language a user named: {@code ja}, {@code en}, or a tag such as {@code ja-JP}, {@code ja_JP.UTF-8} or
     * {@code en_US}; case does not matter. Empty for anything else.
     */
    public static Optional<Language> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String primary = text.trim().toLowerCase(Locale.ROOT).split("[-_.@]", 2)[0];
        for (Language language : values()) {
            if (language.tag.equals(primary)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
