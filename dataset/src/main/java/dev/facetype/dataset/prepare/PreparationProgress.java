package dev.facetype.dataset.prepare;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How far a phase of preparation is.
 *
 * @param phase     hashing the files, or preparing the photos
 * @param done      files finished in this phase
 * @param total     files this phase will handle
 * @param cacheHits photos of this phase answered from the cache so far (0 while hashing)
 * @param elapsed   time since the phase began
 * @param file      the relative path of the file just finished, empty at the start
 */
public record PreparationProgress(Phase phase, int done, int total, int cacheHits, Duration elapsed, String file) {

    /** The two phases that touch every file. */
    public enum Phase {
        /** Reading every file once to compute its SHA-256 (finds duplicates and changed files). */
        HASHING,
        /** Decoding, detecting, cropping and checking, or reading the result from the cache. */
        PREPARING
    }

    public PreparationProgress {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(file, "file");
    }

    /** Done as a fraction of the total, 0..1 (1 for an empty phase). */
    public double fraction() {
        return total == 0 ? 1 : (double) done / total;
    }

    /** The time left at the pace so far, once anything is done. */
    public Optional<Duration> eta() {
        if (done == 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) ((double) elapsed.toNanos() / done * (total - done))));
    }
}
