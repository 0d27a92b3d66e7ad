package dev.facetype.cli.pictures;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Test faces with the types the model gave them: a green frame for a right answer, a red one (and the true
 * type) for a wrong one. Faces are grouped by true type, mistakes first, at most {@link #MAX_FACES}.
 */
public final class ContactSheet {

    /** More faces than this are not drawn (the caption says how many were left out). */
    public static final int MAX_FACES = 120;

    private static final int FACE = 96;
    private static final int CELL_WIDTH = 118;
    private static final int CELL_HEIGHT = 150;
    private static final int COLUMNS = 10;
    private static final int MARGIN = 24;
    private static final int TOP = 84;

    private ContactSheet() {
    }

    /**
     * One face of the sheet.
     *
     * @param crop        the face crop as the model saw it
     * @param actual      the true type's index
     * @param predicted   the predicted type's index
     * @param probability the predicted type's probability
     */
    public record Face(BufferedImage crop, int actual, int predicted, double probability) {
        boolean correct() {
            return actual == predicted;
        }
    }

    public static BufferedImage draw(List<Face> faces, List<String> labels, String title, FontChoice fonts) {
        List<Face> ordered = new ArrayList<>(faces);
        ordered.sort(Comparator.comparingInt(Face::actual).thenComparing(Face::correct));
        List<Face> shown = ordered.subList(0, Math.min(MAX_FACES, ordered.size()));
        int columns = Math.max(1, Math.min(COLUMNS, shown.size()));
        int rows = Math.max(1, (shown.size() + columns - 1) / columns);
        int width = Math.max(2 * MARGIN + columns * CELL_WIDTH, 640);
        int height = TOP + rows * CELL_HEIGHT + MARGIN;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        long correct = faces.stream().filter(Face::correct).count();
        g.setFont(fonts.at(Font.BOLD, 18f));
        g.drawString(title, MARGIN, 32);
        g.setFont(fonts.at(Font.PLAIN, 13f));
        g.setColor(Canvas.MUTED);
        g.drawString(String.format(Locale.ROOT, "%d of %d right (%.1f %%); green frame: right, red: wrong (true type"
                        + " below)%s", correct, faces.size(), faces.isEmpty() ? 0 : 100.0 * correct / faces.size(),
                shown.size() < faces.size() ? "; " + (faces.size() - shown.size()) + " more not shown" : ""), MARGIN, 54);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        for (int i = 0; i < shown.size(); i++) {
            Face face = shown.get(i);
            int x = MARGIN + (i % columns) * CELL_WIDTH + (CELL_WIDTH - FACE) / 2;
            int y = TOP + (i / columns) * CELL_HEIGHT;
            g.drawImage(face.crop, x, y, FACE, FACE, null);
            g.setColor(face.correct() ? Canvas.GREEN : Canvas.RED);
            g.setStroke(new BasicStroke(4f));
            g.drawRect(x - 2, y - 2, FACE + 3, FACE + 3);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Canvas.INK);
            g.setFont(fonts.at(Font.BOLD, 13f));
            Canvas.centred(g, fit(g, fonts.label(labels, face.predicted), CELL_WIDTH - 4), x + FACE / 2.0, y + FACE + 19);
            g.setFont(fonts.at(Font.PLAIN, 12f));
            g.setColor(face.correct() ? Canvas.MUTED : Canvas.RED);
            String second = face.correct() ? String.format(Locale.ROOT, "%.0f %%", 100 * face.probability)
                    : String.format(Locale.ROOT, "%.0f %%, is %s", 100 * face.probability, fonts.label(labels, face.actual));
            Canvas.centred(g, fit(g, second, CELL_WIDTH - 4), x + FACE / 2.0, y + FACE + 36);
        }
        g.dispose();
        return image;
    }

    private static String fit(Graphics2D g, String text, int width) {
        if (g.getFontMetrics().stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (cut.length() > 1 && g.getFontMetrics().stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }
}
