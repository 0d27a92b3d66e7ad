package dev.facetype.classifier;

import dev.facetype.cnn.optim.Adam;
import dev.facetype.cnn.optim.LearningRateSchedule;
import dev.facetype.cnn.optim.Optimizer;
import dev.facetype.cnn.optim.Sgd;
import dev.facetype.vision.augment.AugmentationSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How to train: epochs, batch size, optimiser and learning-rate schedule, and an optional checkpoint to
 * resume from. Immutable; start from {@link #defaults()} and change values with the {@code with...} methods.
 *
 * @param epochs        passes over the training side
 * @param batchSize     samples per optimiser step
 * @param optimizer     {@code adam} or {@code sgd} (SGD with momentum 0.9)
 * @param learningRate  the initial learning rate
 * @param schedule      {@code constant}, {@code cosine} (to 1/100 of the initial rate over the run, with one
 *                      epoch of warm-up) or {@code step} (halved every quarter of the run)
 * @param weightDecay   L2 decay on weights (decoupled for Adam), 0 for none
 * @param augmentation  the augmenter's settings: the study's 16 variants, plus optional random jitter
 *                      (rotation, shift, scale, brightness) that is drawn afresh every epoch
 * @param resumeFrom    a checkpoint written by {@link Checkpoints} to continue from, if any
 */
public record TrainingConfig(int epochs, int batchSize, String optimizer, double learningRate, String schedule,
                             double weightDecay, AugmentationSettings augmentation, Optional<Path> resumeFrom) {

    public TrainingConfig {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        optimizer = optimizer.toLowerCase(Locale.ROOT);
        if (!optimizer.equals("adam") && !optimizer.equals("sgd")) {
            throw new IllegalArgumentException("optimizer must be adam or sgd, got " + optimizer);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        schedule = schedule.toLowerCase(Locale.ROOT);
        if (!schedule.equals("constant") && !schedule.equals("cosine") && !schedule.equals("step")) {
            throw new IllegalArgumentException("schedule must be constant, cosine or step, got " + schedule);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must not be negative, got " + weightDecay);
        }
        augmentation = augmentation == null ? AugmentationSettings.defaults() : augmentation;
        resumeFrom = resumeFrom == null ? Optional.empty() : resumeFrom;
    }

    /** 10 epochs, batch 32, Adam 1e-3 on a cosine schedule, weight decay 1e-4, the study's 16 variants. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(10, 32, "adam", 1e-3, "cosine", 1e-4, AugmentationSettings.defaults(), Optional.empty());
    }

    /**
     * Moderate random jitter on top of the study's variants (rotation up to 10 degrees, shift 6 %, scale
     * 10 %, brightness 16 levels): with a few hundred photos it is the difference between memorising the
     * training faces and recognising new ones.
     */
    public static AugmentationSettings withJitter(AugmentationSettings base) {
        return base.withMaxRotationDegrees(10).withMaxShiftFraction(0.06).withMaxScaleJitter(0.1).withMaxBrightnessShift(16);
    }

    public TrainingConfig withEpochs(int value) {
        return new TrainingConfig(value, batchSize, optimizer, learningRate, schedule, weightDecay, augmentation, resumeFrom);
    }

    public TrainingConfig withBatchSize(int value) {
        return new TrainingConfig(epochs, value, optimizer, learningRate, schedule, weightDecay, augmentation, resumeFrom);
    }

    public TrainingConfig withOptimizer(String value, double rate) {
        return new TrainingConfig(epochs, batchSize, value, rate, schedule, weightDecay, augmentation, resumeFrom);
    }

    public TrainingConfig withSchedule(String value) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, value, weightDecay, augmentation, resumeFrom);
    }

    public TrainingConfig withWeightDecay(double value) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, schedule, value, augmentation, resumeFrom);
    }

    public TrainingConfig withAugmentation(AugmentationSettings value) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, schedule, weightDecay, value, resumeFrom);
    }

    public TrainingConfig withResumeFrom(Path checkpoint) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, schedule, weightDecay, augmentation, Optional.of(checkpoint));
    }

    /** The optimiser for a run of {@code stepsPerEpoch * epochs} steps. */
    Optimizer createOptimizer(long stepsPerEpoch) {
        long total = Math.max(2, stepsPerEpoch * epochs);
        LearningRateSchedule rates;
        switch (schedule) {
            case "cosine":
                long warmup = Math.min(stepsPerEpoch, total / 2);
                rates = LearningRateSchedule.cosine(learningRate, learningRate / 100, warmup, total);
                break;
            case "step":
                rates = LearningRateSchedule.stepDecay(learningRate, Math.max(1, total / 4), 0.5);
                break;
            default:
                rates = LearningRateSchedule.constant(learningRate);
        }
        if (optimizer.equals("sgd")) {
            return new Sgd(rates, 0.9, weightDecay);
        }
        return new Adam(rates, 0.9, 0.999, 1e-8, weightDecay);
    }

    /** The settings as JSON-ready data, for the model's provenance. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("epochs", epochs);
        map.put("batchSize", batchSize);
        map.put("optimizer", optimizer);
        map.put("learningRate", learningRate);
        map.put("schedule", schedule);
        map.put("weightDecay", weightDecay);
        Map<String, Object> jitter = new LinkedHashMap<>();
        jitter.put("contrast", java.util.List.of(augmentation.lowContrast(), augmentation.mediumContrast(), augmentation.highContrast()));
        jitter.put("noiseSigma", augmentation.noiseSigma());
        jitter.put("maxRotationDegrees", augmentation.maxRotationDegrees());
        jitter.put("maxShiftFraction", augmentation.maxShiftFraction());
        jitter.put("maxScaleJitter", augmentation.maxScaleJitter());
        jitter.put("maxBrightnessShift", augmentation.maxBrightnessShift());
        map.put("augmentation", jitter);
        return map;
    }
}
