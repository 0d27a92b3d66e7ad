package dev.facetype.dataset.prepare;

import java.time.Duration;
import java.util.Objects;

/**
 * How long preparation took and how much work the cache saved; enough for a caller to print the speed-up of
 * a second run.
 *
 * @param scanning         listing folders and reading the first bytes of every file
 * @param hashing          reading every image file once for its SHA-256
 * @param preparing        decoding, detecting, cropping and checking, or reading the cache
 * @param total            the whole of {@code prepare}
 * @param photos           distinct photos prepared (duplicates excluded)
 * @param cacheHits        photos whose finished crops came from the cache
 * @param detectionHits    photos re-cropped from cached detections (decoded, not detected)
 * @param decodes          photos decoded
 * @param detections       detector runs
 * @param corruptEntries   cache entries found damaged and recomputed
 * @param cacheWriteErrors cache entries that could not be written (the next run will redo them)
 * @param threads          worker threads used
 */
public record PreparationTimings(Duration scanning, Duration hashing, Duration preparing, Duration total, int photos,
                                 int cacheHits, int detectionHits, int decodes, int detections, int corruptEntries,
                                 int cacheWriteErrors, int threads) {

    public PreparationTimings {
        Objects.requireNonNull(scanning, "scanning");
        Objects.requireNonNull(hashing, "hashing");
        Objects.requireNonNull(preparing, "preparing");
        Objects.requireNonNull(total, "total");
    }

    /** How many times faster this run was than {@code earlier} (wall time of the whole preparation). */
    public double speedUpOver(PreparationTimings earlier) {
        return (double) earlier.total.toNanos() / Math.max(1, total.toNanos());
    }

    /** A one-line account, e.g. for a log: times, cache hits, decodes and detections. */
    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "%d photos in %.2f s (scan %.2f s, hash %.2f s, prepare %.2f s, %d threads): %d from the cache, "
                        + "%d re-cropped from cached detections, %d decoded, %d detector runs%s",
                photos, seconds(total), seconds(scanning), seconds(hashing), seconds(preparing), threads, cacheHits,
                detectionHits, decodes, detections,
                (corruptEntries > 0 ? ", " + corruptEntries + " corrupt cache entries recomputed" : "")
                        + (cacheWriteErrors > 0 ? ", " + cacheWriteErrors + " cache entries not written" : ""));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
