package dev.facetype.benchmarks;

import dev.facetype.cnn.Network;
import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.Trainer;
import dev.facetype.cnn.loss.SoftmaxCrossEntropy;
import dev.facetype.cnn.optim.Adam;
import dev.facetype.cnn.parallel.ComputePool;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * The study's scale: 16 people x 70 photos x 16 augmentations = 17,920 face images of 64x64x3, of which the
 * study trained on 12,544 (70 %). This program makes such a set ({@link SyntheticFaces}: four face types, the
 * label), trains the study's network on the 12,544 for one epoch in batches of 32 with Adam, and prints the
 * time per epoch (the study: 1 hour in Keras, 3.5 hours in TensorFlow, on a 1.2 GHz laptop), then the accuracy
 * on held-out images. The epoch's time includes turning each batch's bytes into floats.
 *
 * <p>Options: {@code --threads N} (2), {@code --epochs N} (1), {@code --evaluate N} (held-out images to score
 * afterwards, 1,600 of the 5,376; 0 for none), {@code --samples FILE.png} (writes a grid of training images to
 * look at).
 */
public final class StudyScaleEpoch {

    private static final int PEOPLE = 16;
    private static final int PHOTOS = 70;
    private static final int AUGMENTATIONS = 16;
    private static final int TRAINING_IMAGES = 12_544;

    private StudyScaleEpoch() {
    }

    public static void main(String[] args) throws IOException {
        int threads = 2;
        int epochs = 1;
        int evaluate = 1_600;
        String samples = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--evaluate" -> evaluate = Integer.parseInt(args[++i]);
                case "--samples" -> samples = args[++i];
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; use --threads, --epochs, --evaluate, --samples");
            }
        }
        long madeAt = System.nanoTime();
        SyntheticFaces faces = SyntheticFaces.generate(PEOPLE, PHOTOS, AUGMENTATIONS, 7);
        System.out.printf(Locale.ROOT, "%,d images of 64x64x3 (%d people x %d photos x %d augmentations, 4 face types)"
                        + " made in %.1f s%n", faces.count(), PEOPLE, PHOTOS, AUGMENTATIONS,
                (System.nanoTime() - madeAt) * 1e-9);
        int[] order = shuffled(faces.count(), 11);
        int[] training = java.util.Arrays.copyOf(order, TRAINING_IMAGES);
        int[] heldOut = java.util.Arrays.copyOfRange(order, TRAINING_IMAGES,
                Math.min(order.length, TRAINING_IMAGES + evaluate));
        if (samples != null) {
            writeSamples(faces, training, samples);
        }

        int batch = StudyNetwork.BATCH;
        Shape sample = StudyNetwork.spec().inputShape();
        Tensor inputs = Tensor.zeros(sample.withBatch(batch));
        int[] labels = new int[batch];
        try (ComputePool pool = ComputePool.create(threads)) {
            Network network = Network.create(StudyNetwork.spec(), 1, pool);
            Trainer trainer = new Trainer(network, Adam.withRate(1e-4));
            int steps = training.length / batch;
            System.out.printf(Locale.ROOT, "Training on %,d images, batch %d (%d steps per epoch), %d threads, "
                            + "load average %.2f%n", training.length, batch, steps, threads, loadAverage());
            for (int epoch = 1; epoch <= epochs; epoch++) {
                shuffleInPlace(training, 100 + epoch);
                double lossSum = 0;
                int correct = 0;
                long cpuStart = processCpuNanos();
                long start = System.nanoTime();
                for (int step = 0; step < steps; step++) {
                    for (int i = 0; i < batch; i++) {
                        int image = training[step * batch + i];
                        faces.copyAsFloats(image, inputs.data(), i * SyntheticFaces.IMAGE_BYTES);
                        labels[i] = faces.label(image);
                    }
                    Trainer.StepResult result = trainer.step(inputs, labels);
                    lossSum += result.loss();
                    correct += result.correct();
                    if ((step + 1) % 98 == 0) {
                        System.out.printf(Locale.ROOT, "  step %d of %d: %.1f s so far, mean loss %.3f%n", step + 1,
                                steps, (System.nanoTime() - start) * 1e-9, lossSum / (step + 1));
                    }
                }
                double seconds = (System.nanoTime() - start) * 1e-9;
                double cpuSeconds = (processCpuNanos() - cpuStart) * 1e-9;
                int images = steps * batch;
                System.out.printf(Locale.ROOT, "Epoch %d: %.1f s (%.0f images/s), %.1f CPU-s (%.2f cores busy), "
                                + "mean loss %.3f, training accuracy %.3f, load average %.2f%n", epoch, seconds,
                        images / seconds, cpuSeconds, cpuSeconds / seconds, lossSum / steps, (double) correct / images,
                        loadAverage());
            }
            evaluate(network, faces, heldOut, inputs, labels);
        }
    }

    private static void evaluate(Network network, SyntheticFaces faces, int[] heldOut, Tensor inputs, int[] labels) {
        int batch = labels.length;
        int correct = 0;
        int seen = 0;
        long start = System.nanoTime();
        for (int first = 0; first + batch <= heldOut.length; first += batch) {
            for (int i = 0; i < batch; i++) {
                faces.copyAsFloats(heldOut[first + i], inputs.data(), i * SyntheticFaces.IMAGE_BYTES);
                labels[i] = faces.label(heldOut[first + i]);
            }
            float[] logits = network.forward(inputs, false).data();
            for (int i = 0; i < batch; i++) {
                if (SoftmaxCrossEntropy.argmax(logits, i * SyntheticFaces.TYPES, SyntheticFaces.TYPES) == labels[i]) {
                    correct++;
                }
            }
            seen += batch;
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        System.out.printf(Locale.ROOT, "Held-out accuracy %.3f on %,d images (inference %.1f s, %.0f images/s)%n",
                (double) correct / seen, seen, seconds, seen / seconds);
    }

    private static int[] shuffled(int count, long seed) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        shuffleInPlace(order, seed);
        return order;
    }

    private static void shuffleInPlace(int[] values, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    /** An 8 x 4 grid of training images, two rows per face type, at twice their size. */
    private static void writeSamples(SyntheticFaces faces, int[] training, String file) throws IOException {
        int columns = 8;
        int scale = 2;
        int side = SyntheticFaces.SIDE;
        BufferedImage grid = new BufferedImage(columns * side * scale, 2 * SyntheticFaces.TYPES * side * scale,
                BufferedImage.TYPE_INT_RGB);
        float[] pixels = new float[SyntheticFaces.IMAGE_BYTES];
        int[] filled = new int[SyntheticFaces.TYPES];
        for (int image : training) {
            int type = faces.label(image);
            if (filled[type] == 2 * columns) {
                continue;
            }
            int cell = filled[type]++;
            int top = (2 * type + cell / columns) * side * scale;
            int left = (cell % columns) * side * scale;
            faces.copyAsFloats(image, pixels, 0);
            for (int y = 0; y < side * scale; y++) {
                for (int x = 0; x < side * scale; x++) {
                    int p = (y / scale) * side + x / scale;
                    int r = Math.round(pixels[p] * 255);
                    int g = Math.round(pixels[side * side + p] * 255);
                    int b = Math.round(pixels[2 * side * side + p] * 255);
                    grid.setRGB(left + x, top + y, (r << 16) | (g << 8) | b);
                }
            }
        }
        ImageIO.write(grid, "png", Paths.get(file).toFile());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
