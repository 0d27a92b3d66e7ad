package dev.facetype.dataset;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.augment.Augmenter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Mini-batches over one side of a split, for one epoch. With shuffling, the order of epoch {@code e} comes
 * from a generator seeded by (seed, e), so the batches are the same on every run and resuming at an epoch
 * gives the batches an uninterrupted run would have seen. Augmented variants are made as each batch is
 * drawn; the noise of a (photo, variant) pair depends only on the seed, so it is the same every epoch, like
 * the study's augmented copies saved on disk.
 */
public final class BatchIterator implements Iterator<TrainingBatch> {

    private final List<SampleRef> refs;
    private final int[] order;
    private final int batchSize;
    private final long seed;
    private final Augmenter augmenter;
    private int position;

    /**
     * @param refs      one side of a split
     * @param batchSize samples per batch; the last batch of an epoch may be smaller
     * @param seed      the training seed
     * @param epoch     0-based epoch number (selects the shuffle)
     * @param shuffle   false keeps the split's order (evaluation)
     */
    public BatchIterator(List<SampleRef> refs, int batchSize, long seed, int epoch, boolean shuffle, Augmenter augmenter) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.refs = refs;
        this.batchSize = batchSize;
        this.seed = seed;
        this.augmenter = augmenter;
        this.order = new int[refs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom random = new SplittableRandom(mix(seed, 0x45504F43L /* "EPOC" */ + epoch));
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }

    /** Number of batches in the epoch. */
    public int batchCount() {
        return (refs.size() + batchSize - 1) / batchSize;
    }

    @Override
    public boolean hasNext() {
        return position < order.length;
    }

    @Override
    public TrainingBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int count = Math.min(batchSize, order.length - position);
        List<RasterImage> images = new ArrayList<>(count);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            SampleRef ref = refs.get(order[position + i]);
            images.add(image(ref, seed, augmenter));
            labels[i] = ref.sample().label();
        }
        position += count;
        return new TrainingBatch(images, labels);
    }

    /** The pixels a reference stands for: the crop itself, or its augmented variant. */
    public static RasterImage image(SampleRef ref, long seed, Augmenter augmenter) {
        if (ref.isOriginal()) {
            return ref.sample().crop();
        }
        long variantSeed = mix(mix(seed, ref.sample().sha256().hashCode()), ref.sample().id() * 31L + ref.variant());
        return augmenter.augment(ref.sample().crop(), ref.variant(), variantSeed);
    }

    /** SplitMix64-style mixing of two values into one seed. */
    static long mix(long a, long b) {
        long z = a + 0x9E3779B97F4A7C15L * (b + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
