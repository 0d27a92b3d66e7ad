package dev.facetype.vision.quality;

import java.util.Objects;

/**
 * One reason to leave a photo or face out, with a detail in words (the measured value and the limit, or
 * the decoder's message).
 */
public record Rejection(RejectReason reason, String detail) {

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return reason + ": " + detail;
    }
}
