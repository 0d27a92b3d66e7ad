package dev.facetype.cli.progress;

import dev.facetype.classifier.TrainingControl;
import dev.facetype.classifier.TrainingEvents;
import dev.facetype.classifier.TrainingListener;
import dev.facetype.classifier.TrainingResult;
import dev.facetype.cli.i18n.Language;
import dev.facetype.cli.i18n.Messages;

/**
 * Renders training on a {@link ProgressLine}: a bar per epoch with loss, accuracy, images per second and the
 * time left, and one finished line per epoch with the validation figures when there are any.
 */
public final class TrainingProgress implements TrainingListener {

    private static final int BAR_WIDTH = 24;

    private final ProgressLine line;
    private final Messages messages;

    /** Progress in English on {@code line}. */
    public TrainingProgress(ProgressLine line) {
        this(line, Messages.of(Language.ENGLISH));
    }

    /** Progress in the language of {@code messages} on {@code line}. */
    public TrainingProgress(ProgressLine line, Messages messages) {
        this.line = line;
        this.messages = messages;
    }

    @Override
    public void onTrainingStart(TrainingEvents.Started event) {
        line.finish(messages.get("training.start", event.architecture(), event.parameterCount(), event.epochs(),
                event.trainSamples(), event.threads(),
                event.firstEpoch() > 0 ? messages.get("training.resuming", event.firstEpoch() + 1) : ""));
    }

    @Override
    public void onBatchEnd(TrainingEvents.BatchEnded event) {
        double fraction = (event.batch() + 1.0) / event.batchesPerEpoch();
        line.update(messages.get("training.batch", event.epoch() + 1, event.epochs(), ProgressLine.bar(fraction, BAR_WIDTH),
                100 * fraction, event.meanLoss(), event.accuracy(), event.imagesPerSecond(),
                ProgressLine.clock(event.etaSeconds())));
    }

    @Override
    public void onEpochEnd(TrainingEvents.EpochEnded event, TrainingControl control) {
        StringBuilder text = new StringBuilder(messages.get("training.epoch", event.epoch() + 1, event.epochs(),
                event.trainLoss(), event.trainAccuracy()));
        event.validationLoss().ifPresent(loss -> text.append(messages.get("training.validationLoss", loss)));
        event.validation().ifPresent(v -> text.append(messages.get("training.validationAccuracy", v.accuracy())));
        text.append(messages.get("training.epochTime", event.seconds(), event.imagesPerSecond()));
        line.finish(text.toString());
    }

    @Override
    public void onTrainingEnd(TrainingResult result) {
        result.stoppedEarly().ifPresent(reason -> line.finish(messages.get("training.stoppedEarly", reason)));
        line.finish(messages.get("training.trained", ProgressLine.clock(result.seconds()), result.imagesPerSecond()));
    }
}
