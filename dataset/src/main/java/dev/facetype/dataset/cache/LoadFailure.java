package dev.facetype.dataset.cache;

import dev.facetype.vision.io.ImageLoadException;
import java.util.Objects;

/**
 * Why a photo could not be decoded.
 *
 * @param reason  the decoder's kind of failure
 * @param message what went wrong, without the file's name (the same bytes may sit under another name)
 */
public record LoadFailure(ImageLoadException.Reason reason, String message) {

    public LoadFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
