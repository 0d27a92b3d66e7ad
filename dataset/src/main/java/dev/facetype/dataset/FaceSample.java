package dev.facetype.dataset;

import dev.facetype.vision.RasterImage;
import java.util.Objects;
import java.util.Optional;

/**
 * One kept face: its crop (8-bit, already at the model's input size) and where it came from.
 *
 * @param id           position in the prepared dataset, stable for the same folder and settings
 * @param relativePath the photo's path relative to the dataset root, with {@code /} separators
 * @param sha256       hex SHA-256 of the photo file's bytes
 * @param label        index into the dataset's labels
 * @param person       the person folder, or {@code null} when the layout has no person level
 * @param crop         the face crop
 */
public record FaceSample(int id, String relativePath, String sha256, int label, String person, RasterImage crop) {

    public FaceSample {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(crop, "crop");
        if (label < 0) {
            throw new IllegalArgumentException("label index must not be negative, got " + label);
        }
    }

    public Optional<String> personName() {
        return Optional.ofNullable(person);
    }
}
