package dev.facetype.cli.pictures;

import dev.facetype.classifier.Evaluation;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * The confusion matrix as a picture: rows are the true types, columns the predicted ones; each cell shows
 * the count and the share of its row, shaded by that share, with the diagonal (correct answers) in blue
 * and mistakes in red.
 */
public final class ConfusionPicture {

    private static final int CELL = 96;
    private static final int MARGIN = 30;

    private ConfusionPicture() {
    }

    public static BufferedImage draw(Evaluation evaluation, String title, FontChoice fonts) {
        List<String> labels = evaluation.labels();
        int n = labels.size();
        int[][] counts = evaluation.confusionMatrix();
        // Measure the type names to size the margins.
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D measure = scratch.createGraphics();
        measure.setFont(fonts.at(Font.BOLD, 18f));
        int titleWidth = measure.getFontMetrics().stringWidth(title);
        measure.setFont(fonts.at(Font.PLAIN, 15f));
        int labelWidth = 0;
        for (int i = 0; i < n; i++) {
            labelWidth = Math.max(labelWidth, measure.getFontMetrics().stringWidth(fonts.label(labels, i)));
        }
        measure.dispose();
        int rowHeader = labelWidth + 50;
        int columnHeader = Math.max(60, Math.min(labelWidth, 160) + 40);
        int top = 80;
        int width = Math.max(MARGIN + rowHeader + n * CELL + MARGIN, Math.max(560, titleWidth + 2 * MARGIN));
        int height = top + columnHeader + n * CELL + 70;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        g.setFont(fonts.at(Font.BOLD, 18f));
        g.drawString(title, MARGIN, 34);
        g.setFont(fonts.at(Font.PLAIN, 13f));
        g.setColor(Canvas.MUTED);
        g.drawString(String.format(Locale.ROOT, "%d faces, accuracy %.3f, balanced accuracy %.3f, macro-F1 %.3f",
                evaluation.total(), evaluation.accuracy(), evaluation.balancedAccuracy(), evaluation.macroF1()), MARGIN, 56);

        int gridLeft = MARGIN + rowHeader;
        int gridTop = top + columnHeader;
        g.setFont(fonts.at(Font.PLAIN, 15f));
        g.setColor(Canvas.INK);
        for (int c = 0; c < n; c++) {
            String text = fonts.label(labels, c);
            int x = gridLeft + c * CELL + CELL / 2;
            if (g.getFontMetrics().stringWidth(text) <= CELL - 8) {
                Canvas.centred(g, text, x, gridTop - 12);
            } else {
                // Long names are turned so that columns stay narrow.
                AffineTransform saved = g.getTransform();
                g.rotate(-Math.PI / 4, x, gridTop - 10);
                g.drawString(text, x, gridTop - 10);
                g.setTransform(saved);
            }
        }
        for (int r = 0; r < n; r++) {
            String text = fonts.label(labels, r);
            int y = gridTop + r * CELL + CELL / 2 + 5;
            g.drawString(text, gridLeft - 12 - g.getFontMetrics().stringWidth(text), y);
        }
        for (int r = 0; r < n; r++) {
            int rowTotal = 0;
            for (int c = 0; c < n; c++) {
                rowTotal += counts[r][c];
            }
            for (int c = 0; c < n; c++) {
                double share = rowTotal == 0 ? 0 : (double) counts[r][c] / rowTotal;
                Color full = r == c ? Canvas.BLUE : Canvas.RED;
                int x = gridLeft + c * CELL;
                int y = gridTop + r * CELL;
                g.setColor(mix(Color.WHITE, full, counts[r][c] == 0 ? 0 : 0.12 + 0.88 * share));
                g.fillRect(x, y, CELL, CELL);
                g.setColor(share > 0.55 ? Color.WHITE : Canvas.INK);
                g.setFont(fonts.at(Font.BOLD, 20f));
                Canvas.centred(g, Integer.toString(counts[r][c]), x + CELL / 2.0, y + CELL / 2.0 + 2);
                g.setFont(fonts.at(Font.PLAIN, 13f));
                Canvas.centred(g, String.format(Locale.ROOT, "%.0f %%", 100 * share), x + CELL / 2.0, y + CELL / 2.0 + 24);
            }
        }
        g.setColor(Canvas.INK);
        g.drawRect(gridLeft, gridTop, n * CELL, n * CELL);
        g.setFont(fonts.at(Font.PLAIN, 13f));
        g.setColor(Canvas.MUTED);
        Canvas.centred(g, "predicted type (columns); true type (rows); % of the row", gridLeft + n * CELL / 2.0,
                gridTop + n * CELL + 32);
        g.dispose();
        return image;
    }

    private static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }
}
