package dev.facetype.cnn;

/** The loss became NaN or infinite: the learning rate is usually too high. */
public final class TrainingDivergedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(long step, float loss, double rate) {
        super("Training diverged at step " + step + ": the loss is " + loss + " (learning rate " + rate
                + "); try a lower learning rate");
    }
}
