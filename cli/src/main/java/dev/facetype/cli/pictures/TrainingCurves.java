package dev.facetype.cli.pictures;

import dev.facetype.classifier.TrainingEvents.EpochEnded;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Loss and accuracy per epoch, side by side: training (and validation, when there was one) and the final
 * test accuracy as a dashed line.
 */
public final class TrainingCurves {

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 480;
    private static final int PANEL_GAP = 70;
    private static final int LEFT = 70;
    private static final int TOP = 92;
    private static final int BOTTOM = 60;

    private TrainingCurves() {
    }

    private record Series(String name, Color color, double[] values, boolean dashed) {
    }

    /**
     * @param history      one entry per epoch
     * @param testAccuracy the test accuracy after training, if measured
     * @param title        the first line, e.g. what was trained on
     */
    public static BufferedImage draw(List<EpochEnded> history, OptionalDouble testAccuracy, String title, FontChoice fonts) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        g.setFont(fonts.at(Font.BOLD, 18f));
        g.drawString(title, LEFT, 32);
        g.setFont(fonts.at(Font.PLAIN, 13f));
        g.setColor(Canvas.MUTED);
        g.drawString(String.format(Locale.ROOT, "%d epochs%s", history.size(), testAccuracy.isPresent()
                ? String.format(Locale.ROOT, ", test accuracy %.3f", testAccuracy.getAsDouble()) : ""), LEFT, 52);

        int n = history.size();
        double[] trainLoss = new double[n];
        double[] trainAccuracy = new double[n];
        double[] validationLoss = new double[n];
        double[] validationAccuracy = new double[n];
        boolean validation = !history.isEmpty() && history.get(0).validationLoss().isPresent();
        for (int i = 0; i < n; i++) {
            EpochEnded e = history.get(i);
            trainLoss[i] = e.trainLoss();
            trainAccuracy[i] = e.trainAccuracy();
            validationLoss[i] = e.validationLoss().orElse(Double.NaN);
            validationAccuracy[i] = e.validation().map(v -> v.accuracy()).orElse(Double.NaN);
        }
        List<Series> losses = new ArrayList<>(List.of(new Series("training loss", Canvas.BLUE, trainLoss, false)));
        List<Series> accuracies = new ArrayList<>(List.of(new Series("training accuracy", Canvas.BLUE, trainAccuracy, false)));
        if (validation) {
            losses.add(new Series("validation loss", Canvas.ORANGE, validationLoss, false));
            accuracies.add(new Series("validation accuracy", Canvas.ORANGE, validationAccuracy, false));
        }
        testAccuracy.ifPresent(t -> {
            double[] line = new double[n];
            java.util.Arrays.fill(line, t);
            accuracies.add(new Series("test accuracy (after training)", Canvas.GREEN, line, true));
        });
        int panelWidth = (WIDTH - LEFT - PANEL_GAP - 30) / 2;
        double maxLoss = 0;
        for (Series s : losses) {
            for (double v : s.values) {
                if (Double.isFinite(v)) {
                    maxLoss = Math.max(maxLoss, v);
                }
            }
        }
        panel(g, fonts, LEFT, panelWidth, "loss", losses, n, 0, niceCeiling(maxLoss));
        panel(g, fonts, LEFT + panelWidth + PANEL_GAP, panelWidth, "accuracy", accuracies, n, 0, 1);
        g.dispose();
        return image;
    }

    private static void panel(Graphics2D g, FontChoice fonts, int left, int width, String yName, List<Series> series,
                              int epochs, double yMin, double yMax) {
        int top = TOP;
        int height = HEIGHT - TOP - BOTTOM;
        g.setFont(fonts.at(Font.PLAIN, 12f));
        // Horizontal grid and y labels.
        for (int t = 0; t <= 5; t++) {
            double value = yMin + (yMax - yMin) * t / 5;
            int y = (int) Math.round(top + height - height * (double) t / 5);
            g.setColor(Canvas.GRID);
            g.drawLine(left, y, left + width, y);
            g.setColor(Canvas.INK);
            String text = String.format(Locale.ROOT, yMax <= 1.0001 && yName.equals("accuracy") ? "%.1f" : "%.2f", value);
            g.drawString(text, left - 8 - g.getFontMetrics().stringWidth(text), y + 4);
        }
        // X ticks: epochs 1..n, at most about 10 labels.
        int step = Math.max(1, (int) Math.ceil(epochs / 10.0));
        for (int e = 1; e <= epochs; e += step) {
            int x = xOf(e, epochs, left, width);
            g.setColor(Canvas.GRID);
            g.drawLine(x, top, x, top + height);
            g.setColor(Canvas.INK);
            Canvas.centred(g, Integer.toString(e), x, top + height + 18);
        }
        g.setColor(Canvas.INK);
        g.drawRect(left, top, width, height);
        Canvas.centred(g, "epoch", left + width / 2.0, top + height + 38);
        g.setFont(fonts.at(Font.BOLD, 14f));
        g.drawString(yName, left, top - 8);
        // Lines.
        for (Series s : series) {
            Path2D.Double path = new Path2D.Double();
            boolean started = false;
            for (int i = 0; i < s.values.length; i++) {
                if (!Double.isFinite(s.values[i])) {
                    continue;
                }
                double x = xOf(i + 1, epochs, left, width);
                double y = top + height - height * (Math.min(yMax, Math.max(yMin, s.values[i])) - yMin) / (yMax - yMin);
                if (started) {
                    path.lineTo(x, y);
                } else {
                    path.moveTo(x, y);
                    started = true;
                }
                if (!s.dashed) {
                    g.setColor(s.color);
                    g.fillOval((int) Math.round(x) - 3, (int) Math.round(y) - 3, 7, 7);
                }
            }
            g.setColor(s.color);
            g.setStroke(s.dashed ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {8f, 6f}, 0f)
                    : new BasicStroke(2.2f));
            g.draw(path);
            g.setStroke(new BasicStroke(1f));
        }
        // Legend, bottom right inside the panel for loss (falling) and bottom right for accuracy too.
        g.setFont(fonts.at(Font.PLAIN, 12f));
        int lineHeight = 18;
        int legendWidth = series.stream().mapToInt(s -> g.getFontMetrics().stringWidth(s.name)).max().orElse(0) + 40;
        int lx = left + width - legendWidth - 8;
        int ly = yName.equals("loss") ? top + 10 : top + height - 10 - lineHeight * series.size();
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRect(lx - 4, ly - 4, legendWidth + 8, lineHeight * series.size() + 8);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            int y = ly + lineHeight * i + lineHeight / 2;
            g.setColor(s.color);
            g.setStroke(s.dashed ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(2.2f));
            g.drawLine(lx, y, lx + 28, y);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Canvas.INK);
            g.drawString(s.name, lx + 36, y + 4);
        }
    }

    private static int xOf(int epoch, int epochs, int left, int width) {
        if (epochs <= 1) {
            return left + width / 2;
        }
        return (int) Math.round(left + 20 + (width - 40) * (epoch - 1) / (double) (epochs - 1));
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value} (and at least 0.1). */
    static double niceCeiling(double value) {
        double v = Math.max(0.1, value);
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * power >= v - 1e-12) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** The test accuracy as an {@link OptionalDouble}. */
    public static OptionalDouble accuracyOf(Optional<dev.facetype.classifier.Evaluation> test) {
        return test.map(e -> OptionalDouble.of(e.accuracy())).orElse(OptionalDouble.empty());
    }
}
