package dev.facetype.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * A study-sized set of 64x64 colour face images drawn with Java2D: people of four face types (narrow eyes and
 * light brows; large eyes and heavy brows; a round, soft face; a pale face with small features), each photographed
 * many times (head position and tilt, lighting, expression, background vary), and each photo augmented (mirror,
 * shift, brightness and contrast, sensor noise), as the study did with its real photos. The type of a person is
 * the label. Images are kept as bytes in (channel, row, column) order, as facetype's tensors want them.
 */
final class SyntheticFaces {

    static final int SIDE = 64;
    static final int CHANNELS = 3;
    static final int IMAGE_BYTES = CHANNELS * SIDE * SIDE;
    static final int TYPES = 4;

    private final int count;
    private final byte[] pixels;
    private final int[] labels;

    private SyntheticFaces(int count) {
        this.count = count;
        this.pixels = new byte[count * IMAGE_BYTES];
        this.labels = new int[count];
    }

    /** {@code people} people (spread evenly over the four types) x {@code photos} photos x {@code augmentations}. */
    static SyntheticFaces generate(int people, int photos, int augmentations, long seed) {
        SyntheticFaces set = new SyntheticFaces(people * photos * augmentations);
        SplittableRandom random = new SplittableRandom(seed);
        BufferedImage canvas = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[SIDE * SIDE];
        int index = 0;
        for (int person = 0; person < people; person++) {
            int type = person % TYPES;
            Person look = Person.random(type, random.split());
            for (int photo = 0; photo < photos; photo++) {
                look.draw(canvas, random);
                canvas.getRGB(0, 0, SIDE, SIDE, rgb, 0, SIDE);
                for (int a = 0; a < augmentations; a++) {
                    set.augment(rgb, index, a == 0, random);
                    set.labels[index] = type;
                    index++;
                }
            }
        }
        return set;
    }

    int count() {
        return count;
    }

    int label(int image) {
        return labels[image];
    }

    /** Writes image {@code image} as floats in [0, 1] to {@code dst} from {@code offset}. */
    void copyAsFloats(int image, float[] dst, int offset) {
        int from = image * IMAGE_BYTES;
        for (int i = 0; i < IMAGE_BYTES; i++) {
            dst[offset + i] = (pixels[from + i] & 0xFF) * (1f / 255f);
        }
    }

    /** One augmented copy of a photo; the first copy of each photo is the photo itself. */
    private void augment(int[] rgb, int image, boolean original, SplittableRandom random) {
        boolean mirror = !original && random.nextBoolean();
        int shiftX = original ? 0 : random.nextInt(-4, 5);
        int shiftY = original ? 0 : random.nextInt(-4, 5);
        float contrast = original ? 1f : 0.8f + 0.4f * random.nextFloat();
        float brightness = original ? 0f : -25f + 50f * random.nextFloat();
        float noise = original ? 0f : 6f * random.nextFloat();
        int base = image * IMAGE_BYTES;
        int plane = SIDE * SIDE;
        for (int y = 0; y < SIDE; y++) {
            int sourceY = Math.min(SIDE - 1, Math.max(0, y + shiftY));
            for (int x = 0; x < SIDE; x++) {
                int sourceX = Math.min(SIDE - 1, Math.max(0, (mirror ? SIDE - 1 - x : x) + shiftX));
                int pixel = rgb[sourceY * SIDE + sourceX];
                float grain = noise == 0f ? 0f : (float) (random.nextGaussian() * noise);
                for (int c = 0; c < CHANNELS; c++) {
                    int value = (pixel >> (16 - 8 * c)) & 0xFF;
                    float adjusted = (value - 128f) * contrast + 128f + brightness + grain;
                    pixels[base + c * plane + y * SIDE + x] = (byte) Math.min(255, Math.max(0, Math.round(adjusted)));
                }
            }
        }
    }

    /** What stays the same across one person's photos; the face type sets the ranges. */
    private record Person(Color skin, Color hair, double faceWidth, double faceHeight, double eyeWidth,
                          double eyeHeight, double eyeSpacing, float browWeight, double noseLength,
                          double mouthWidth, float lipWeight, Color lips) {

        static Person random(int type, SplittableRandom random) {
            double jitter = 0.08;
            double faceWidth = switch (type) {
                case 0 -> 30; case 1 -> 33; case 2 -> 37; default -> 31;
            } * (1 + jitter * (random.nextDouble() - 0.5));
            double faceHeight = switch (type) {
                case 0 -> 44; case 1 -> 42; case 2 -> 38; default -> 41;
            } * (1 + jitter * (random.nextDouble() - 0.5));
            double eyeWidth = switch (type) {
                case 0 -> 7; case 1 -> 9; case 2 -> 8; default -> 6;
            } + random.nextDouble();
            double eyeHeight = switch (type) {
                case 0 -> 2.0; case 1 -> 4.5; case 2 -> 4.0; default -> 2.8;
            } + 0.6 * random.nextDouble();
            float browWeight = switch (type) {
                case 0 -> 1.2f; case 1 -> 3.2f; case 2 -> 1.8f; default -> 1.0f;
            } + 0.5f * random.nextFloat();
            int tone = switch (type) {
                case 0 -> 205; case 1 -> 175; case 2 -> 215; default -> 232;
            } + random.nextInt(-12, 13);
            Color skin = new Color(clamp(tone + 18), clamp(tone - 22), clamp(tone - 55));
            int shade = random.nextInt(15, 70);
            Color hair = new Color(shade, clamp(shade - 8), clamp(shade - 15));
            Color lips = type == 3 ? new Color(clamp(tone - 10), clamp(tone - 60), clamp(tone - 60))
                    : new Color(clamp(tone - 30), clamp(tone - 95), clamp(tone - 90));
            return new Person(skin, hair, faceWidth, faceHeight, eyeWidth, eyeHeight,
                    11 + 2 * random.nextDouble(), browWeight, type == 1 ? 10 : 7 + random.nextDouble() * 2,
                    type == 3 ? 8 : 10 + 3 * random.nextDouble(), type == 3 ? 1.2f : 2.2f, lips);
        }

        /** One photo: the pose, light, expression and background change each time. */
        void draw(BufferedImage canvas, SplittableRandom random) {
            Graphics2D g = canvas.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            Color backgroundTop = new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
            Color backgroundBottom = backgroundTop.darker();
            g.setPaint(new GradientPaint(0, 0, backgroundTop, 0, SIDE, backgroundBottom));
            g.fillRect(0, 0, SIDE, SIDE);
            double cx = SIDE / 2.0 + random.nextDouble(-3, 3);
            double cy = SIDE / 2.0 + random.nextDouble(-2, 3);
            g.rotate(Math.toRadians(random.nextDouble(-12, 12)), cx, cy);
            double scale = random.nextDouble(0.92, 1.08);
            double w = faceWidth * scale;
            double h = faceHeight * scale;
            g.setColor(hair);
            g.fill(new Ellipse2D.Double(cx - w / 2 - 3, cy - h / 2 - 5, w + 6, h * 0.75));
            g.setColor(skin);
            g.fill(new Ellipse2D.Double(cx - w / 2, cy - h / 2, w, h));
            double eyeY = cy - h * 0.08;
            double spacing = eyeSpacing * scale;
            double openness = random.nextDouble(0.6, 1.1);
            for (int side = -1; side <= 1; side += 2) {
                double ex = cx + side * spacing / 2;
                g.setColor(Color.WHITE);
                g.fill(new Ellipse2D.Double(ex - eyeWidth / 2, eyeY - eyeHeight * openness / 2, eyeWidth,
                        eyeHeight * openness));
                g.setColor(new Color(40, 25, 15));
                double iris = Math.min(eyeWidth, eyeHeight * openness) * 0.8;
                double look = random.nextDouble(-1, 1);
                g.fill(new Ellipse2D.Double(ex - iris / 2 + look, eyeY - iris / 2, iris, iris));
                g.setColor(hair.darker());
                g.setStroke(new BasicStroke(browWeight * (float) scale, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                double browY = eyeY - eyeHeight - 2.5 - random.nextDouble(0, 1.5);
                g.draw(new Line2D.Double(ex - eyeWidth / 2 - 0.5, browY + side * 0.3, ex + eyeWidth / 2 + 0.5,
                        browY - side * 0.3));
            }
            g.setColor(skin.darker());
            g.setStroke(new BasicStroke(1.2f));
            g.draw(new Line2D.Double(cx, eyeY + 2, cx + 1, eyeY + 2 + noseLength * scale));
            double smile = random.nextDouble(-0.4, 1.0);
            double mouthY = eyeY + 4 + noseLength * scale + 2;
            double mw = mouthWidth * scale;
            g.setColor(lips);
            g.setStroke(new BasicStroke(lipWeight, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            double arcHeight = Math.max(1, 6 * Math.abs(smile));
            g.draw(new Arc2D.Double(cx - mw / 2, mouthY - (smile > 0 ? arcHeight : 0), mw, arcHeight,
                    smile > 0 ? 200 : 20, 140, Arc2D.OPEN));
            // Side light: one half of the picture brighter than the other.
            double light = random.nextDouble(-1, 1);
            g.setPaint(new GradientPaint(0, 0, new Color(255, 255, 255, (int) (60 * Math.max(0, light))),
                    SIDE, 0, new Color(0, 0, 0, (int) (60 * Math.max(0, -light)))));
            g.fillRect(-SIDE, -SIDE, 3 * SIDE, 3 * SIDE);
            g.dispose();
        }

        private static int clamp(int value) {
            return Math.min(255, Math.max(0, value));
        }
    }
}
