package dev.facetype.dataset.survey;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How answers and names are compared: Unicode NFKC (full-width ｓｏｙ and half-width ｼｮｳﾕ are the same as their
 * ordinary forms), spaces trimmed and runs of spaces (including the ideographic space) made one, Latin letters
 * lower-cased. What is shown stays as written.
 */
final class Answers {

    private Answers() {
    }

    /** The comparison key of {@code text}; empty for a blank answer. */
    static String key(String text) {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return normal.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** {@code text} as shown: trimmed, in NFC (the form folder names are compared in). */
    static String shown(String text) {
        return Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
    }
}
