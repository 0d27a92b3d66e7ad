package dev.facetype.cnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.cnn.layer.Initializer;
import dev.facetype.cnn.loss.SoftmaxCrossEntropy;
import dev.facetype.cnn.optim.Adam;
import dev.facetype.cnn.parallel.ComputePool;
import dev.facetype.testing.MnistData;
import dev.facetype.testing.SharedData;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The engine learns real handwriting: a narrower Deep-MNIST network (with batch normalisation, so two short
 * epochs are enough) trained on 30,000 official training digits must label at least 97 % of 2,000 official
 * test digits it never saw. (The full tutorial network and schedule is the MnistExample program.)
 */
class MnistTrainingTest {

    @Test
    void learnsToReadDigits(TestReporter reporter) throws IOException {
        MnistData train = MnistData.training(SharedData.require("data/mnist"));
        MnistData test = MnistData.test(SharedData.require("data/mnist"));
        NetworkSpec spec = NetworkSpec.builder(1, 28, 28)
                .conv(16, 5).batchNorm().relu().maxPool(2)
                .conv(32, 5).batchNorm().relu().maxPool(2)
                .flatten().dense(128).relu().dropout(0.25)
                .dense(10, Initializer.GLOROT)
                .build();
        int trainCount = 30_000;
        int testCount = 2_000;
        int batchSize = 50;
        try (ComputePool pool = ComputePool.create(ComputePool.defaultThreadCount())) {
            Network network = Network.create(spec, 2024, pool);
            Trainer trainer = new Trainer(network, Adam.withRate(1e-3));
            SplittableRandom random = new SplittableRandom(2024);
            int[] order = new int[trainCount];
            for (int i = 0; i < trainCount; i++) {
                order[i] = i;
            }
            Tensor batch = Tensor.zeros(batchSize, 1, 28, 28);
            int[] labels = new int[batchSize];
            for (int epoch = 0; epoch < 2; epoch++) {
                for (int i = trainCount - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                for (int start = 0; start + batchSize <= trainCount; start += batchSize) {
                    train.copyBatch(order, start, batchSize, batch.data(), labels);
                    trainer.step(batch, labels);
                }
            }

            int[] testOrder = new int[testCount];
            for (int i = 0; i < testCount; i++) {
                testOrder[i] = i;
            }
            Tensor testBatch = Tensor.zeros(testCount, 1, 28, 28);
            int[] testLabels = new int[testCount];
            test.copyBatch(testOrder, 0, testCount, testBatch.data(), testLabels);
            Tensor logits = network.forward(testBatch, false);
            int correct = 0;
            for (int n = 0; n < testCount; n++) {
                if (SoftmaxCrossEntropy.argmax(logits.data(), n * 10, 10) == testLabels[n]) {
                    correct++;
                }
            }
            double accuracy = (double) correct / testCount;
            reporter.publishEntry("held-out accuracy", String.valueOf(accuracy));
            assertTrue(accuracy >= 0.97, "accuracy on 2,000 held-out test digits: " + accuracy);
        }
    }
}
