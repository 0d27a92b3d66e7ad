package dev.facetype.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.augment.Augmenter;
import dev.facetype.vision.augment.ImageAdjustments;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mini-batches over a split: reproducible from the seed, reshuffled per epoch, augmented on the fly. */
class BatchIteratorTest {

    private final FaceDataset dataset = FaceDataset.of(Synthetic.labels(3), Synthetic.samples(3, 4, 5, false));
    private final DatasetSplit split = dataset.split(SplitSettings.of(11));
    private final Augmenter augmenter = new Augmenter();

    @Test
    void theSameSeedAndEpochGiveTheSameBatchesPixelForPixel() {
        List<TrainingBatch> first = epoch(split.train(), 17, 11, 3);
        List<TrainingBatch> second = epoch(split.train(), 17, 11, 3);
        assertEquals(first.size(), second.size());
        for (int b = 0; b < first.size(); b++) {
            assertArrayEquals(first.get(b).labels(), second.get(b).labels());
            assertEquals(first.get(b).images(), second.get(b).images());
        }
    }

    @Test
    void eachEpochVisitsEveryReferenceOnceInANewOrder() {
        List<TrainingBatch> e0 = epoch(split.train(), 32, 11, 0);
        List<TrainingBatch> e1 = epoch(split.train(), 32, 11, 1);
        BatchIterator iterator = new BatchIterator(split.train(), 32, 11, 0, true, augmenter);
        assertEquals((split.train().size() + 31) / 32, iterator.batchCount());
        assertEquals(split.train().size(), e0.stream().mapToInt(TrainingBatch::size).sum());
        assertEquals(sortedLabels(e0), sortedLabels(e1));
        assertNotEquals(labels(e0), labels(e1));
        assertNotEquals(labels(e0), labels(epoch(split.train(), 32, 12, 0)), "another seed, another order");
    }

    @Test
    void originalsAreTheCropsAndVariantsAreMadeOnTheFly() {
        SampleRef original = split.test().get(0);
        assertSame(original.sample().crop(), BatchIterator.image(original, 11, augmenter));
        FaceSample sample = split.train().get(0).sample();
        RasterImage plain = BatchIterator.image(new SampleRef(sample, 0), 11, augmenter);
        RasterImage mirrored = BatchIterator.image(new SampleRef(sample, 1), 11, augmenter);
        assertEquals(ImageAdjustments.flipHorizontal(plain), mirrored);
        List<TrainingBatch> test = epoch(split.test(), 1000, 11, 0);
        assertEquals(split.test().stream().map(r -> r.sample().crop()).toList(), test.get(0).images(),
                "evaluation keeps the split's order and the crops as they are");
    }

    private List<TrainingBatch> epoch(List<SampleRef> refs, int batchSize, long seed, int epoch) {
        List<TrainingBatch> batches = new ArrayList<>();
        new BatchIterator(refs, batchSize, seed, epoch, refs == split.train(), augmenter).forEachRemaining(batches::add);
        return batches;
    }

    private static List<Integer> labels(List<TrainingBatch> batches) {
        List<Integer> labels = new ArrayList<>();
        batches.forEach(b -> {
            for (int label : b.labels()) {
                labels.add(label);
            }
        });
        return labels;
    }

    private static List<Integer> sortedLabels(List<TrainingBatch> batches) {
        List<Integer> labels = labels(batches);
        Collections.sort(labels);
        return labels;
    }
}
