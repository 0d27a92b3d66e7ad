package dev.facetype.classifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Saves a checkpoint after every epoch (atomically, replacing the previous one), so that a killed run can
 * resume with {@link TrainingConfig#withResumeFrom(Path)}.
 */
public final class Checkpoints implements TrainingListener {

    private final Path path;

    public Checkpoints(Path path) {
        this.path = path;
    }

    @Override
    public void onEpochEnd(TrainingEvents.EpochEnded event, TrainingControl control) {
        try {
            control.saveCheckpoint(path);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write checkpoint " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }
}
