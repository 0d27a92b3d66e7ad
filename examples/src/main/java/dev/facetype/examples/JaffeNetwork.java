package dev.facetype.examples;

import dev.facetype.cnn.Network;
import dev.facetype.cnn.NetworkSpec;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.Trainer;
import dev.facetype.cnn.layer.Initializer;
import dev.facetype.cnn.loss.SoftmaxCrossEntropy;
import dev.facetype.cnn.optim.Adam;
import dev.facetype.cnn.parallel.ComputePool;
import dev.facetype.dataset.BatchIterator;
import dev.facetype.dataset.DatasetSplit;
import dev.facetype.dataset.SampleRef;
import dev.facetype.dataset.TrainingBatch;
import dev.facetype.vision.RasterImage;
import dev.facetype.vision.augment.Augmenter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The small CNN both splits are trained with, straight on cnn-core: 48x48 gray crops scaled to [0, 1] minus
 * the training side's mean image; conv 5x5x16, pool, conv 3x3x32, pool, conv 3x3x64, pool, dense 128, dropout
 * 0.5, dense 7; Adam 1e-3, batches of 32, the split's 16 augmented variants generated on the fly.
 */
final class JaffeNetwork {

    static final int SIZE = 48;
    static final int BATCH = 32;

    private final int classes;
    private final int epochs;
    private final long seed;
    private final ComputePool pool;
    private final Augmenter augmenter = new Augmenter();

    /** What training on one split gave. */
    record Result(double testAccuracy, int[][] confusion, int testCount, double seconds) {
    }

    JaffeNetwork(int classes, int epochs, long seed, ComputePool pool) {
        this.classes = classes;
        this.epochs = epochs;
        this.seed = seed;
        this.pool = pool;
    }

    static NetworkSpec spec(int classes) {
        return NetworkSpec.builder(1, SIZE, SIZE)
                .conv(16, 5).relu().maxPool(2)
                .conv(32, 3).relu().maxPool(2)
                .conv(64, 3).relu().maxPool(2)
                .flatten().dense(128).relu().dropout(0.5)
                .dense(classes, Initializer.GLOROT)
                .build();
    }

    /** Trains a fresh network on the split's training side and tests it on its test side. */
    Result trainAndTest(DatasetSplit split, Consumer<String> log) {
        long start = System.nanoTime();
        float[] mean = meanImage(split.train());
        Network network = Network.create(spec(classes), seed, pool);
        Trainer trainer = new Trainer(network, Adam.withRate(1e-3));
        for (int epoch = 0; epoch < epochs; epoch++) {
            BatchIterator batches = new BatchIterator(split.train(), BATCH, seed, epoch, true, augmenter);
            double loss = 0;
            int correct = 0;
            int seen = 0;
            while (batches.hasNext()) {
                TrainingBatch batch = batches.next();
                Trainer.StepResult step = trainer.step(tensor(batch, mean), batch.labels());
                loss += step.loss() * batch.size();
                correct += step.correct();
                seen += batch.size();
            }
            int[][] confusion = evaluate(network, split.test(), mean);
            log.accept(String.format(Locale.ROOT, "  epoch %2d/%d  loss %.3f  train accuracy %5.1f %%  test accuracy %5.1f %%",
                    epoch + 1, epochs, loss / seen, 100.0 * correct / seen, 100 * accuracy(confusion)));
        }
        int[][] confusion = evaluate(network, split.test(), mean);
        return new Result(accuracy(confusion), confusion, split.test().size(), (System.nanoTime() - start) / 1e9);
    }

    private int[][] evaluate(Network network, List<SampleRef> test, float[] mean) {
        int[][] confusion = new int[classes][classes];
        BatchIterator batches = new BatchIterator(test, 256, seed, 0, false, augmenter);
        while (batches.hasNext()) {
            TrainingBatch batch = batches.next();
            Tensor logits = network.forward(tensor(batch, mean), false);
            for (int n = 0; n < batch.size(); n++) {
                confusion[batch.labels()[n]][SoftmaxCrossEntropy.argmax(logits.data(), n * classes, classes)]++;
            }
        }
        return confusion;
    }

    /** The mean of the distinct training crops, pixel by pixel, in [0, 1]. */
    private static float[] meanImage(List<SampleRef> train) {
        double[] sum = new double[SIZE * SIZE];
        Set<Integer> seen = new HashSet<>();
        for (SampleRef ref : train) {
            if (seen.add(ref.sample().id())) {
                byte[] pixels = ref.sample().crop().toByteArray();
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += (pixels[i] & 0xFF) / 255.0;
                }
            }
        }
        float[] mean = new float[sum.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) (sum[i] / seen.size());
        }
        return mean;
    }

    /** Batch of crops as an (N, 1, 48, 48) tensor: [0, 1] minus the mean image. */
    private static Tensor tensor(TrainingBatch batch, float[] mean) {
        Tensor tensor = Tensor.zeros(batch.size(), 1, SIZE, SIZE);
        float[] data = tensor.data();
        for (int n = 0; n < batch.size(); n++) {
            RasterImage image = batch.images().get(n);
            if (image.width() != SIZE || image.height() != SIZE || image.channels() != 1) {
                throw new IllegalStateException("expected 48x48 gray crops, got " + image);
            }
            byte[] pixels = image.toByteArray();
            for (int i = 0; i < pixels.length; i++) {
                data[n * pixels.length + i] = (pixels[i] & 0xFF) / 255f - mean[i];
            }
        }
        return tensor;
    }

    static double accuracy(int[][] confusion) {
        int correct = 0;
        int total = 0;
        for (int i = 0; i < confusion.length; i++) {
            for (int j = 0; j < confusion.length; j++) {
                total += confusion[i][j];
                correct += i == j ? confusion[i][j] : 0;
            }
        }
        return total == 0 ? 0 : (double) correct / total;
    }
}
