package dev.facetype.vision.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The perceptual hashes of the photos seen so far, to find near-duplicates across a collection. A linear
 * scan: four XORs and popcounts per photo are fast enough for tens of thousands of photos. Safe for concurrent use;
 * which of two duplicates counts as "earlier" depends on the order of {@link #findOrAdd} calls, so feed it
 * photos in a fixed order (sorted paths) for reproducible results.
 */
public final class NearDuplicateIndex {

    /** An earlier photo that a new one is a near-duplicate of. */
    public record Match(String photo, PerceptualHash hash, int distance) {
    }

    private record Entry(String photo, PerceptualHash hash) {
    }

    private final int maxDistance;
    private final List<Entry> entries = new ArrayList<>();

    /** An index that reports photos within {@code maxDistance} bits (the quality settings' limit). */
    public NearDuplicateIndex(int maxDistance) {
        if (maxDistance < 0 || maxDistance > PerceptualHash.BITS) {
            throw new IllegalArgumentException("maxDistance must be in 0.." + PerceptualHash.BITS + ", got " + maxDistance);
        }
        this.maxDistance = maxDistance;
    }

    /**
     * The closest earlier photo within the distance, if any; otherwise records this photo and returns empty.
     * A duplicate is not recorded, so a third copy is matched against the first.
     */
    public synchronized Optional<Match> findOrAdd(String photo, PerceptualHash hash) {
        Match best = null;
        for (Entry entry : entries) {
            int distance = entry.hash().distance(hash);
            if (distance <= maxDistance && (best == null || distance < best.distance())) {
                best = new Match(entry.photo(), entry.hash(), distance);
            }
        }
        if (best == null) {
            entries.add(new Entry(photo, hash));
        }
        return Optional.ofNullable(best);
    }

    /** How many distinct photos have been recorded. */
    public synchronized int size() {
        return entries.size();
    }
}
