package dev.facetype.vision.eval;

import dev.facetype.vision.detect.FaceBox;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A photo with the faces a person marked in it (the ground truth a detector is measured against). */
public record LabelledImage(Path file, List<FaceBox> faces) {

    public LabelledImage {
        Objects.requireNonNull(file, "file");
        faces = List.copyOf(faces);
    }
}
