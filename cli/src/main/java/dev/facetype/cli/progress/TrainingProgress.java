package dev.facetype.cli.progress;

import dev.facetype.classifier.TrainingControl;
import dev.facetype.classifier.TrainingEvents;
import dev.facetype.classifier.TrainingListener;
import dev.facetype.classifier.TrainingResult;
import java.util.Locale;

/**
 * Renders training on a {@link ProgressLine}: a bar per epoch with loss, accuracy, images per second and the
 * time left, and one finished line per epoch with the validation figures when there are any.
 */
public final class TrainingProgress implements TrainingListener {

    private static final int BAR_WIDTH = 24;

    private final ProgressLine line;

    public TrainingProgress(ProgressLine line) {
        this.line = line;
    }

    @Override
    public void onTrainingStart(TrainingEvents.Started event) {
        line.finish(String.format(Locale.ROOT, "training the %s network (%,d weights) for %d epochs of %,d images, "
                        + "%d threads%s", event.architecture(), event.parameterCount(), event.epochs(), event.trainSamples(),
                event.threads(),
                event.firstEpoch() > 0 ? ", resuming at epoch " + (event.firstEpoch() + 1) : ""));
    }

    @Override
    public void onBatchEnd(TrainingEvents.BatchEnded event) {
        double fraction = (event.batch() + 1.0) / event.batchesPerEpoch();
        line.update(String.format(Locale.ROOT, "epoch %d/%d %s %3.0f%%  loss %.4f  accuracy %.3f  %,.0f images/s  ETA %s",
                event.epoch() + 1, event.epochs(), ProgressLine.bar(fraction, BAR_WIDTH), 100 * fraction,
                event.meanLoss(), event.accuracy(), event.imagesPerSecond(), ProgressLine.clock(event.etaSeconds())));
    }

    @Override
    public void onEpochEnd(TrainingEvents.EpochEnded event, TrainingControl control) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "epoch %d/%d  loss %.4f  accuracy %.3f", event.epoch() + 1, event.epochs(), event.trainLoss(),
                event.trainAccuracy()));
        event.validationLoss().ifPresent(loss -> text.append(String.format(Locale.ROOT, "  validation loss %.4f", loss)));
        event.validation().ifPresent(v -> text.append(String.format(Locale.ROOT, "  validation accuracy %.3f", v.accuracy())));
        text.append(String.format(Locale.ROOT, "  %.1f s  %,.0f images/s", event.seconds(), event.imagesPerSecond()));
        line.finish(text.toString());
    }

    @Override
    public void onTrainingEnd(TrainingResult result) {
        result.stoppedEarly().ifPresent(reason -> line.finish("stopped early: " + reason));
        line.finish(String.format(Locale.ROOT, "trained in %s (%,.0f images/s)", ProgressLine.clock(result.seconds()),
                result.imagesPerSecond()));
    }
}
