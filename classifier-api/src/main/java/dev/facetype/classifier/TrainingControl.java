package dev.facetype.classifier;

import java.io.IOException;
import java.nio.file.Path;

/** What a listener may do at the end of an epoch. */
public interface TrainingControl {

    /** Ends training after this epoch; the reason is reported in the result. */
    void requestStop(String reason);

    /**
     * Writes a checkpoint (weights, optimiser state, epoch) that {@link TrainingConfig#withResumeFrom} can
     * continue from; written atomically.
     */
    void saveCheckpoint(Path path) throws IOException;

    /** Remembers the current weights as the best so far; training ends with the best weights restored. */
    void markBest();
}
