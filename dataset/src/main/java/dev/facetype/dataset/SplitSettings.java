package dev.facetype.dataset;

import java.util.Optional;

/**
 * How to split a prepared dataset; immutable. A seed is always required: the same seed gives the same split.
 *
 * @param mode               the split mode, or {@code null} for the dataset's default ({@link SplitMode#BY_PERSON}
 *                           when the folders name persons, else {@link SplitMode#BY_PHOTO})
 * @param testFraction       share of the test side, 0 (no test side) up to below 1; the study used 0.3
 * @param validationFraction share of the validation side, 0 (none) up to below 1
 * @param seed               decides which photos go where
 */
public record SplitSettings(SplitMode mode, double testFraction, double validationFraction, long seed) {

    /** The study's share of the test side. */
    public static final double DEFAULT_TEST_FRACTION = 0.3;

    public SplitSettings {
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("the test fraction must be in [0, 1), got " + testFraction);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("the validation fraction must be in [0, 1), got " + validationFraction);
        }
        if (!(testFraction + validationFraction < 1)) {
            throw new IllegalArgumentException("test (" + testFraction + ") and validation (" + validationFraction
                    + ") fractions leave nothing to train on");
        }
    }

    /** 7:3 train/test, no validation side, the dataset's default mode. */
    public static SplitSettings of(long seed) {
        return new SplitSettings(null, DEFAULT_TEST_FRACTION, 0, seed);
    }

    /** The mode asked for, if any. */
    public Optional<SplitMode> requestedMode() {
        return Optional.ofNullable(mode);
    }

    /** The share left for training. */
    public double trainFraction() {
        return 1 - testFraction - validationFraction;
    }

    public SplitSettings withMode(SplitMode value) {
        return new SplitSettings(value, testFraction, validationFraction, seed);
    }

    public SplitSettings withTestFraction(double value) {
        return new SplitSettings(mode, value, validationFraction, seed);
    }

    public SplitSettings withValidationFraction(double value) {
        return new SplitSettings(mode, testFraction, value, seed);
    }

    public SplitSettings withSeed(long value) {
        return new SplitSettings(mode, testFraction, validationFraction, value);
    }
}
