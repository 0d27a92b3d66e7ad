package dev.facetype.classifier;

import java.util.List;
import java.util.Optional;

/**
 * What a training run produced.
 *
 * @param history       one entry per epoch run
 * @param test          the evaluation on the test side (empty when the split has none)
 * @param stoppedEarly  why training ended before the last epoch, if it did
 * @param seconds       wall time of the training epochs
 * @param imagesPerSecond training throughput over the whole run
 */
public record TrainingResult(List<TrainingEvents.EpochEnded> history, Optional<Evaluation> test,
                             Optional<String> stoppedEarly, double seconds, double imagesPerSecond) {

    public TrainingResult {
        history = List.copyOf(history);
    }
}
