package dev.facetype.dataset.cache;

import dev.facetype.vision.quality.PerceptualHash;
import dev.facetype.vision.quality.Rejection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What preparation made of one photo's bytes under one set of settings: its kept face crops, or why it was
 * rejected. The second level of the cache: a hit needs no decoding and no detection.
 *
 * @param width          upright photo width (0 if it could not be decoded)
 * @param height         upright photo height (0 if it could not be decoded)
 * @param photoHash      the whole photo's perceptual hash, for near-duplicate checks
 * @param detectionCount how many faces the detector found
 * @param faces          the kept faces with their crops
 * @param rejections     why the photo is left out; empty when a face is kept
 * @param loadFailure    set when the bytes could not be decoded
 */
public record PhotoOutcome(int width, int height, Optional<PerceptualHash> photoHash, int detectionCount,
                           List<KeptFace> faces, List<Rejection> rejections, Optional<LoadFailure> loadFailure) {

    public PhotoOutcome {
        Objects.requireNonNull(photoHash, "photoHash");
        Objects.requireNonNull(loadFailure, "loadFailure");
        faces = List.copyOf(faces);
        rejections = List.copyOf(rejections);
        if (width < 0 || height < 0 || detectionCount < 0) {
            throw new IllegalArgumentException("negative size or count: " + width + "x" + height + ", " + detectionCount);
        }
        if (faces.isEmpty() == rejections.isEmpty() && loadFailure.isEmpty()) {
            throw new IllegalArgumentException("a photo outcome has kept faces or rejections, not both or neither");
        }
    }

    /** True when at least one face was kept. */
    public boolean kept() {
        return !faces.isEmpty();
    }
}
