package dev.facetype.cli;

import dev.facetype.cli.i18n.Language;
import java.util.Optional;
import picocli.CommandLine.ParseResult;

/** Finds the language asked for with {@code --lang}, at any level of the command line. */
final class LanguageOption {

    /** The option's name. */
    static final String NAME = "--lang";

    private LanguageOption() {
    }

    /** The last {@code --lang} given to the command or its subcommand, once parsed. */
    static Optional<Language> in(ParseResult result) {
        Language found = null;
        for (ParseResult level = result; level != null; level = level.subcommand()) {
            Language value = level.matchedOptionValue(NAME, null);
            if (value != null) {
                found = value;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The last valid {@code --lang X} or {@code --lang=X} in raw arguments: for a usage error, where the
     * arguments could not be parsed.
     */
    static Optional<Language> in(String[] args) {
        Optional<Language> found = Optional.empty();
        for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
            String value = args[i].equals(NAME) && i + 1 < args.length ? args[i + 1]
                    : args[i].startsWith(NAME + "=") ? args[i].substring(NAME.length() + 1) : null;
            Optional<Language> language = Language.parse(value);
            if (language.isPresent()) {
                found = language;
            }
        }
        return found;
    }
}
