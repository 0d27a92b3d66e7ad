package dev.facetype.cli.pictures;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks a font that has the glyphs of the type names, so that しょうゆ顔 is drawn as such and not as boxes.
 * In order: a font file named by {@code FACETYPE_FONT} (or {@code -Dfacetype.font}); Java's SansSerif when it
 * covers the text (it does on Windows and macOS, and on Linux with a CJK font installed); a known Japanese
 * font by name; any installed font that covers the text. With none, {@link FontChoice#coversAll()} is false
 * and pictures fall back to type numbers.
 */
public final class Fonts {

    /** Environment variable with the path of a TrueType/OpenType font file to draw text with. */
    public static final String FONT_ENVIRONMENT = "FACETYPE_FONT";
    /** System property with the same meaning, which wins over the environment variable. */
    public static final String FONT_PROPERTY = "facetype.font";

    /** Fonts known to have Japanese glyphs, the most legible first. */
    static final List<String> JAPANESE_FAMILIES = List.of("Noto Sans CJK JP", "Noto Sans JP", "Source Han Sans JP",
            "Source Han Sans", "IPAexGothic", "IPAGothic", "IPAPGothic", "Hiragino Sans", "Hiragino Kaku Gothic ProN",
            "Yu Gothic UI", "Yu Gothic", "Meiryo", "MS Gothic", "TakaoGothic", "VL Gothic", "Droid Sans Fallback",
            "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Arial Unicode MS");

    private Fonts() {
    }

    /** The font for drawing all of {@code texts}, at size 12 (derive other sizes from it). */
    public static FontChoice forTexts(Collection<String> texts) {
        Set<String> all = new LinkedHashSet<>(texts);
        Font configured = configuredFont();
        if (configured != null && covers(configured, all)) {
            return new FontChoice(configured, true);
        }
        Font sansSerif = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        if (covers(sansSerif, all)) {
            return new FontChoice(sansSerif, true);
        }
        List<String> installed = Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
        for (String family : JAPANESE_FAMILIES) {
            if (installed.contains(family)) {
                Font font = new Font(family, Font.PLAIN, 12);
                if (covers(font, all)) {
                    return new FontChoice(font, true);
                }
            }
        }
        for (String family : installed) {
            Font font = new Font(family, Font.PLAIN, 12);
            if (covers(font, all)) {
                return new FontChoice(font, true);
            }
        }
        return new FontChoice(sansSerif, false);
    }

    static boolean covers(Font font, Collection<String> texts) {
        return texts.stream().allMatch(text -> font.canDisplayUpTo(text) == -1);
    }

    private static Font configuredFont() {
        String path = System.getProperty(FONT_PROPERTY);
        if (path == null || path.isBlank()) {
            path = System.getenv(FONT_ENVIRONMENT);
        }
        if (path == null || path.isBlank() || !Files.isRegularFile(Path.of(path))) {
            return null;
        }
        try {
            return Font.createFont(Font.TRUETYPE_FONT, Path.of(path).toFile()).deriveFont(Font.PLAIN, 12f);
        } catch (IOException | FontFormatException e) {
            return null;
        }
    }
}
