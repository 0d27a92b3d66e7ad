package dev.facetype.vision;

import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.io.ImageLoadException;
import dev.facetype.vision.quality.PerceptualHash;
import dev.facetype.vision.quality.RejectReason;
import dev.facetype.vision.quality.Rejection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PhotoPreparer} made of one photo: the faces kept (cropped), and otherwise why the photo was
 * left out. A photo is kept when at least one face is.
 *
 * @param sourceName the path or name of the photo
 * @param width width of the upright photo in pixels (0 if it could not be decoded)
 * @param height height of the upright photo in pixels (0 if it could not be decoded)
 * @param photoHash the perceptual hash of the whole photo, for near-duplicate checks across photos (empty if
 *     it could not be decoded)
 * @param detections every face the detector found, most confident first
 * @param faces the faces kept, cropped; the largest only under {@link FacePolicy#LARGEST}
 * @param rejectedFaces the considered faces that failed a quality check
 * @param rejections why the photo is left out; empty when it is kept
 * @param loadFailure the decoder's reason when the photo could not be read
 */
public record PreparedPhoto(String sourceName, int width, int height, Optional<PerceptualHash> photoHash,
                            List<DetectedFace> detections, List<PreparedFace> faces, List<RejectedFace> rejectedFaces,
                            List<Rejection> rejections, Optional<ImageLoadException.Reason> loadFailure) {

    public PreparedPhoto {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(photoHash, "photoHash");
        Objects.requireNonNull(loadFailure, "loadFailure");
        detections = List.copyOf(detections);
        faces = List.copyOf(faces);
        rejectedFaces = List.copyOf(rejectedFaces);
        rejections = List.copyOf(rejections);
    }

    /** A photo that could not be decoded. */
    static PreparedPhoto unreadable(String sourceName, ImageLoadException error) {
        return new PreparedPhoto(sourceName, 0, 0, Optional.empty(), List.of(), List.of(), List.of(),
                List.of(new Rejection(RejectReason.UNREADABLE, error.reason() + ": " + error.getMessage())),
                Optional.of(error.reason()));
    }

    /** True when at least one face was kept. */
    public boolean kept() {
        return !faces.isEmpty();
    }

    /** The distinct reasons of {@link #rejections()}, in order of first appearance. */
    public List<RejectReason> rejectReasons() {
        return rejections.stream().map(Rejection::reason).distinct().toList();
    }
}
