package dev.facetype.cli.pictures;

import java.awt.Font;
import java.util.List;

/**
 * The font pictures are drawn with, and whether it has every glyph of the type names.
 *
 * @param font      the font at size 12
 * @param coversAll false when no available font shows the type names; pictures then show type numbers
 */
public record FontChoice(Font font, boolean coversAll) {

    /** The font at another size and style. */
    public Font at(int style, float size) {
        return font.deriveFont(style, size);
    }

    /** How to show type {@code index} of {@code labels}: its name, or {@code "type N"} when it cannot be drawn. */
    public String label(List<String> labels, int index) {
        String label = labels.get(index);
        return font.canDisplayUpTo(label) == -1 ? label : "type " + (index + 1);
    }

    /** A note for the user when type names are replaced by numbers, else empty. */
    public String missingGlyphsNote(List<String> labels) {
        if (coversAll) {
            return "";
        }
        StringBuilder out = new StringBuilder("no installed font has the glyphs of the type names, so the pictures show"
                + " type numbers (");
        for (int i = 0; i < labels.size(); i++) {
            out.append(i == 0 ? "" : ", ").append("type ").append(i + 1).append(" = ").append(labels.get(i));
        }
        return out.append("); install a Japanese font (for example Debian's fonts-noto-cjk) or set ")
                .append(Fonts.FONT_ENVIRONMENT).append("=<font file>").toString();
    }
}
