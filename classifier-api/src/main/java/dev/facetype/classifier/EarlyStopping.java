package dev.facetype.classifier;

/**
 * Stops training when the validation loss has not improved for {@code patience} epochs, and keeps the
 * weights of the best epoch. Needs a validation side; without one it never stops anything.
 */
public final class EarlyStopping implements TrainingListener {

    private final int patience;
    private double best = Double.POSITIVE_INFINITY;
    private int epochsWithoutImprovement;

    public EarlyStopping(int patience) {
        if (patience <= 0) {
            throw new IllegalArgumentException("patience must be positive, got " + patience);
        }
        this.patience = patience;
    }

    @Override
    public void onEpochEnd(TrainingEvents.EpochEnded event, TrainingControl control) {
        if (event.validationLoss().isEmpty()) {
            return;
        }
        double loss = event.validationLoss().get();
        if (loss < best) {
            best = loss;
            epochsWithoutImprovement = 0;
            control.markBest();
        } else if (++epochsWithoutImprovement >= patience) {
            control.requestStop(String.format(java.util.Locale.ROOT,
                    "validation loss has not improved for %d epochs (best %.4f)", patience, best));
        }
    }
}
