package dev.facetype.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** A grouped bar chart of training and inference images/s per engine, drawn with Java2D into a PNG. */
final class ThroughputPlot {

    /** One engine's two bars. */
    record Bar(String engine, double training, double inference) {
    }

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 70;
    private static final int BOTTOM = 70;
    private static final Color TRAINING = new Color(0x2F6DB5);
    private static final Color INFERENCE = new Color(0xE08A2E);

    private ThroughputPlot() {
    }

    static void write(Path file, List<Bar> bars, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);

        double max = bars.stream().mapToDouble(b -> Math.max(b.training(), b.inference())).max().orElse(1);
        double step = niceStep(max / 5);
        double top = Math.ceil(max * 1.08 / step) * step;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int plotWidth = WIDTH - LEFT - RIGHT;

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 32);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics metrics = g.getFontMetrics();
        for (double tick = 0; tick <= top + 1e-9; tick += step) {
            int y = TOP + plotHeight - (int) Math.round(tick / top * plotHeight);
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(LEFT, y, LEFT + plotWidth, y);
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, "%.0f", tick);
            g.drawString(label, LEFT - 8 - metrics.stringWidth(label), y + 5);
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString("images per second", -(TOP + plotHeight / 2 + 55), 22);
        rotated.dispose();

        int group = plotWidth / Math.max(1, bars.size());
        int barWidth = Math.min(110, group / 3);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int center = LEFT + group * i + group / 2;
            drawBar(g, center - barWidth, barWidth, bar.training(), top, plotHeight, TRAINING);
            drawBar(g, center, barWidth, bar.inference(), top, plotHeight, INFERENCE);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            FontMetrics bold = g.getFontMetrics();
            g.drawString(bar.engine(), center - bold.stringWidth(bar.engine()) / 2, TOP + plotHeight + 24);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        legend(g, LEFT + 10, HEIGHT - 22, TRAINING, "training (forward, backward, Adam)");
        legend(g, LEFT + 310, HEIGHT - 22, INFERENCE, "inference (forward)");
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void drawBar(Graphics2D g, int x, int width, double value, double top, int plotHeight, Color color) {
        int height = (int) Math.round(value / top * plotHeight);
        int y = TOP + plotHeight - height;
        g.setColor(color);
        g.fillRect(x + 2, y, width - 4, height);
        g.setColor(Color.BLACK);
        String label = String.format(Locale.ROOT, "%.0f", value);
        g.drawString(label, x + width / 2 - g.getFontMetrics().stringWidth(label) / 2, y - 6);
    }

    private static void legend(Graphics2D g, int x, int y, Color color, String text) {
        g.setColor(color);
        g.fillRect(x, y - 11, 14, 14);
        g.setColor(Color.BLACK);
        g.drawString(text, x + 20, y + 1);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    private static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (factor * power >= raw) {
                return factor * power;
            }
        }
        return 10 * power;
    }
}
