package dev.facetype.classifier;

/**
 * Receives training events: progress, logging, early stopping and checkpoints are all listeners, so the
 * library itself prints nothing. Methods run on the training thread, between steps; keep them quick.
 */
public interface TrainingListener {

    /** Before the first step. */
    default void onTrainingStart(TrainingEvents.Started event) {
    }

    /** After every optimiser step. */
    default void onBatchEnd(TrainingEvents.BatchEnded event) {
    }

    /**
     * After every epoch, with the validation figures when there is a validation side. {@code control}
     * can stop training or save a checkpoint.
     */
    default void onEpochEnd(TrainingEvents.EpochEnded event, TrainingControl control) {
    }

    /** After the last epoch (or an early stop), with the final result. */
    default void onTrainingEnd(TrainingResult result) {
    }
}
