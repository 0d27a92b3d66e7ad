package dev.facetype.dataset.prepare;

/**
 * Hears how preparation goes; the library itself prints nothing. Calls come from worker threads but never
 * at the same time, so an implementation needs no locking. An exception thrown here stops preparation.
 */
public interface PreparationListener {

    /** A listener that ignores everything. */
    PreparationListener NONE = new PreparationListener() {
    };

    /** After each file of a phase (and once at its start, with {@code done == 0}). */
    default void progress(PreparationProgress progress) {
    }

    /** Once, when the dataset is complete. */
    default void finished(PreparationTimings timings) {
    }
}
