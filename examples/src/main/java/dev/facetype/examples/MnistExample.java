package dev.facetype.examples;

import dev.facetype.cnn.Network;
import dev.facetype.cnn.NetworkSpec;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.Trainer;
import dev.facetype.cnn.kernel.Sgemm;
import dev.facetype.cnn.layer.Initializer;
import dev.facetype.cnn.loss.SoftmaxCrossEntropy;
import dev.facetype.cnn.optim.Adam;
import dev.facetype.cnn.parallel.ComputePool;
import dev.facetype.testing.MnistData;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * TensorFlow's "Deep MNIST for Experts" network trained with facetype's engine on the official MNIST split:
 * conv 5x5x32, max-pool 2, conv 5x5x64, max-pool 2, dense 1024, dropout 0.5, dense 10; Adam 1e-4, batches
 * of 50. The tutorial reports about 99.2 % after 20,000 steps (16.7 epochs).
 *
 * <pre>
 *   examples/run MnistExample [--epochs 6] [--threads N] [--seed 1] [--data ../shared/data/mnist]
 * </pre>
 */
public final class MnistExample {

    private MnistExample() {
    }

    /** The tutorial's network for 28x28 grayscale digits. */
    public static NetworkSpec deepMnist() {
        return NetworkSpec.builder(1, 28, 28)
                .conv(32, 5).relu().maxPool(2)
                .conv(64, 5).relu().maxPool(2)
                .flatten().dense(1024).relu().dropout(0.5)
                .dense(10, Initializer.GLOROT)
                .build();
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = new Arguments(args);
        int epochs = arguments.integer("--epochs", 6);
        int threads = arguments.integer("--threads", ComputePool.defaultThreadCount());
        long seed = arguments.integer("--seed", 1);
        Path data = Path.of(arguments.text("--data", "../shared/data/mnist"));
        int batchSize = 50;

        MnistData train = MnistData.training(data);
        MnistData test = MnistData.test(data);
        System.out.printf(Locale.ROOT, "MNIST: %d training and %d test digits from %s%n", train.size(), test.size(), data);
        System.out.printf(Locale.ROOT, "engine: %d threads, %s kernels; Adam 1e-4, batch %d, %d epochs%n",
                threads, Sgemm.implementation(), batchSize, epochs);

        try (ComputePool pool = ComputePool.create(threads)) {
            Network network = Network.create(deepMnist(), seed, pool);
            System.out.print(network.summary());
            Trainer trainer = new Trainer(network, Adam.withRate(1e-4));
            SplittableRandom shuffler = new SplittableRandom(seed);
            int[] order = identity(train.size());
            int stepsPerEpoch = train.size() / batchSize;
            Tensor batch = Tensor.zeros(batchSize, 1, 28, 28);
            int[] labels = new int[batchSize];
            long start = System.nanoTime();
            long trainingNanos = 0;
            for (int epoch = 1; epoch <= epochs; epoch++) {
                shuffle(order, shuffler);
                double lossSum = 0;
                int correct = 0;
                long epochStart = System.nanoTime();
                for (int step = 0; step < stepsPerEpoch; step++) {
                    train.copyBatch(order, step * batchSize, batchSize, batch.data(), labels);
                    Trainer.StepResult result = trainer.step(batch, labels);
                    lossSum += result.loss();
                    correct += result.correct();
                    if ((step + 1) % 100 == 0 || step + 1 == stepsPerEpoch) {
                        double elapsed = (System.nanoTime() - start) / 1e9;
                        double done = (epoch - 1) + (step + 1.0) / stepsPerEpoch;
                        double eta = elapsed / done * (epochs - done);
                        System.out.printf(Locale.ROOT, "\repoch %d/%d  step %4d/%d  loss %.4f  train acc %.4f  %5.0f img/s  ETA %s   ",
                                epoch, epochs, step + 1, stepsPerEpoch, lossSum / (step + 1),
                                correct / ((step + 1.0) * batchSize),
                                (step + 1.0) * batchSize / ((System.nanoTime() - epochStart) / 1e9), duration(eta));
                    }
                }
                trainingNanos += System.nanoTime() - epochStart;
                System.out.printf(Locale.ROOT, "%nepoch %d: test accuracy so far %.4f%n", epoch, accuracy(network, test));
            }
            long inferenceStart = System.nanoTime();
            double accuracy = accuracy(network, test);
            double inferenceSeconds = (System.nanoTime() - inferenceStart) / 1e9;
            double trainingSeconds = trainingNanos / 1e9;
            System.out.printf(Locale.ROOT, "training: %s for %d images, %.0f images/s; inference %.0f images/s%n",
                    duration(trainingSeconds), (long) epochs * stepsPerEpoch * batchSize,
                    epochs * (double) stepsPerEpoch * batchSize / trainingSeconds, test.size() / inferenceSeconds);
            System.out.printf(Locale.ROOT, "test accuracy: %.4f%n", accuracy);
        }
    }

    /** Fraction of {@code data} the network labels correctly, in batches of 500. */
    static double accuracy(Network network, MnistData data) {
        int batchSize = 500;
        int correct = 0;
        int[] order = identity(data.size());
        int[] labels = new int[batchSize];
        for (int start = 0; start < data.size(); start += batchSize) {
            int count = Math.min(batchSize, data.size() - start);
            Tensor batch = Tensor.zeros(count, 1, 28, 28);
            data.copyBatch(order, start, count, batch.data(), labels);
            Tensor logits = network.forward(batch, false);
            for (int n = 0; n < count; n++) {
                if (SoftmaxCrossEntropy.argmax(logits.data(), n * 10, 10) == labels[n]) {
                    correct++;
                }
            }
        }
        return (double) correct / data.size();
    }

    static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
