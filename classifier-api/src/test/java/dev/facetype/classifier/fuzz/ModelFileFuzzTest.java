package dev.facetype.classifier.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.facetype.classifier.FaceTypeClassifier;
import dev.facetype.cnn.io.ModelFile;
import dev.facetype.cnn.io.ModelFileException;
import dev.facetype.vision.detect.FaceDetector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Any bytes given as a model file either load or fail with a {@link ModelFileException} that names the file
 * and has a reason: no other exception or error may escape {@link ModelFile#read} or
 * {@link FaceTypeClassifier#load}.
 *
 * <p>Raw bytes rarely get past the checksums, so two targets wrap the fuzzer's bytes as a body with matching
 * checksums ({@link ModelBytes#withValidChecksums}): they exercise the header (JSON), the sections, the
 * architecture and the classifier's settings, which is where damage that keeps a valid checksum (a file
 * written by another program, or by a buggy one) would show.
 *
 * <p>The normal build runs the committed inputs in {@code ModelFileFuzzTestInputs/}; to fuzz, see the README's
 * "Reliability" section.
 */
class ModelFileFuzzTest {

    private static final Supplier<FaceDetector> NO_DETECTOR = () -> {
        throw new AssertionError("loading a model must not start the face detector");
    };

    @FuzzTest(maxDuration = "2m")
    void anyBytesReadOrFailWithAReason(byte[] data) throws IOException {
        readOrFailWithAReason(data);
    }

    @FuzzTest(maxDuration = "2m")
    void anyBodyWithValidChecksumsReadsOrFailsWithAReason(byte[] body) throws IOException {
        readOrFailWithAReason(ModelBytes.withValidChecksums(body));
    }

    @FuzzTest(maxDuration = "2m")
    void anyBodyWithValidChecksumsLoadsAsAClassifierOrFailsWithAReason(byte[] body) throws IOException {
        Path file = Files.createTempFile("fuzz", ".fty");
        try {
            Files.write(file, ModelBytes.withValidChecksums(body));
            try (FaceTypeClassifier classifier = FaceTypeClassifier.load(file, 1, NO_DETECTOR)) {
                check(classifier.labels().size() >= 1, "a classifier without types was loaded");
                check(classifier.preprocessing().inputSize() > 0, "no input size");
            } catch (ModelFileException e) {
                check(e.getMessage().startsWith(file.toString()), "message does not name the file: " + e.getMessage());
                check(e.reason() != null, "no reason");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void readOrFailWithAReason(byte[] data) throws IOException {
        try {
            ModelFile.Contents contents = ModelFile.read(new ByteArrayInputStream(data), "model.fty");
            check(contents.parameters() != null, "no parameters");
        } catch (ModelFileException e) {
            check(e.getMessage().startsWith("model.fty: "), "message does not name the file: " + e.getMessage());
            check(e.reason() != null, "no reason");
        }
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new AssertionError(problem);
        }
    }
}
