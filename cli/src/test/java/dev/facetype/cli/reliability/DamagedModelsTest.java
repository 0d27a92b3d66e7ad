package dev.facetype.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.classifier.FaceTypeClassifier;
import dev.facetype.cnn.io.ModelFile;
import dev.facetype.cnn.io.ModelFileException;
import dev.facetype.cnn.io.ModelFileException.Reason;
import dev.facetype.testing.SharedData;
import dev.facetype.testing.TestModels;
import dev.facetype.vision.detect.FaceDetector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real model (test-support's London smile model) damaged by hand in every way the issue names: cut at every
 * boundary between its parts, one bit flipped in each part, another signature, a newer format, types that do
 * not match the network, and more. Each must give its own {@link ModelFileException} reason through the public
 * API ({@link FaceTypeClassifier#load}) and, through {@code facetype predict}, exit code 3 with one line that
 * names the file.
 */
class DamagedModelsTest {

    private static final Supplier<FaceDetector> NO_DETECTOR = () -> {
        throw new AssertionError("a damaged model must be refused before the detector is needed");
    };

    @TempDir
    static Path dir;

    private static byte[] original;
    private static Path photo;

    /** One damaged file and the reason it must be refused with. */
    private record Damage(String name, byte[] bytes, Reason expected) {
    }

    @BeforeAll
    static void readTheModel() throws IOException {
        original = Files.readAllBytes(TestModels.londonSmile());
        photo = SharedData.require("data/london-faces/derived/small_256/smiling/001.jpg");
    }

    @TestFactory
    Stream<DynamicTest> everyDamageIsRefusedWithItsReasonByTheApiAndByPredict() throws IOException {
        return damages().stream().map(damage -> DynamicTest.dynamicTest(damage.name() + " -> " + damage.expected(), () -> {
            Path file = dir.resolve(damage.name() + ".fty");
            Files.write(file, damage.bytes());
            ModelFileException error = assertThrows(ModelFileException.class,
                    () -> FaceTypeClassifier.load(file, 1, NO_DETECTOR).close());
            assertEquals(damage.expected(), error.reason(), error.getMessage());
            assertTrue(error.getMessage().startsWith(file.toString()), "names the file: " + error.getMessage());
            assertFalse(error.getMessage().contains("\n"), "one line: " + error.getMessage());

            CommandRunner.Run run = CommandRunner.run("predict", file.toString(), photo.toString());
            assertEquals(3, run.exitCode(), run::toString);
            assertEquals(1, run.errLines().size(), "one line, no stack trace: " + run);
            assertTrue(run.errLines().get(0).contains(file.toString()), run::toString);
            assertEquals("", run.out(), run::toString);
        }));
    }

    /** The damages, computed from the file's own layout (see {@link ModelFile}). */
    private static List<Damage> damages() throws IOException {
        List<Damage> damages = new ArrayList<>();
        for (int cut : boundaries()) {
            damages.add(new Damage("cut-at-" + cut, Arrays.copyOf(original, cut), Reason.TRUNCATED));
        }
        for (int position : new int[] {3, 9, 16, 22, 26, 40, 400, original.length / 2, original.length - 100,
                original.length - 2}) {
            byte[] flipped = original.clone();
            flipped[position] ^= 0x04;
            damages.add(new Damage("bit-flipped-at-" + position, flipped, position < 8 ? Reason.NOT_A_MODEL : Reason.CORRUPT));
        }
        byte[] zip = original.clone();
        System.arraycopy(new byte[] {'P', 'K', 3, 4}, 0, zip, 0, 4);
        damages.add(new Damage("zip-signature", zip, Reason.NOT_A_MODEL));
        damages.add(new Damage("a-jpeg-photo", Files.readAllBytes(photo), Reason.NOT_A_MODEL));
        damages.add(new Damage("text", "model: none\n".getBytes(StandardCharsets.UTF_8), Reason.NOT_A_MODEL));
        damages.add(new Damage("format-version-2", withPreamble(original, ModelFile.FORMAT_VERSION + 1), Reason.UNSUPPORTED_VERSION));
        damages.add(new Damage("format-version-0", withPreamble(original, 0), Reason.UNSUPPORTED_VERSION));
        damages.add(new Damage("trailing-bytes", Arrays.copyOf(original, original.length + 16), Reason.CORRUPT));

        ModelFile.Contents contents = ModelFile.read(TestModels.londonSmile());
        damages.add(new Damage("three-types-for-two-outputs", rewritten(contents, "labels",
                List.of("neutral", "smiling", "laughing")), Reason.INCONSISTENT));
        damages.add(new Damage("one-type-for-two-outputs", rewritten(contents, "labels", List.of("neutral")),
                Reason.INCONSISTENT));
        damages.add(new Damage("classifier-format-2", rewritten(contents, "classifierFormat", 2), Reason.UNSUPPORTED_VERSION));
        damages.add(new Damage("no-preprocessing", rewritten(contents, "preprocessing", null), Reason.INCONSISTENT));
        damages.add(new Damage("preprocessing-is-text", rewritten(contents, "preprocessing", "48 px"), Reason.INCONSISTENT));
        damages.add(new Damage("bare-network", bytesOf(new ModelFile.Contents(contents.spec(), contents.seed(), Map.of(),
                contents.sections())), Reason.INCONSISTENT));
        Map<String, float[]> shortWeights = new LinkedHashMap<>(contents.sections());
        shortWeights.put(ModelFile.PARAMETERS, Arrays.copyOf(contents.parameters(), contents.parameters().length - 1));
        damages.add(new Damage("one-weight-missing", bytesOf(new ModelFile.Contents(contents.spec(), contents.seed(),
                contents.metadata(), shortWeights)), Reason.INCONSISTENT));
        return damages;
    }

    /**
     * Every place where one part of the file ends and the next begins: inside and after the preamble, after the
     * header's length and the header, after the section count, after each section's name length, name, value
     * count and values, before and inside the trailer; and 1 byte.
     */
    private static List<Integer> boundaries() {
        ByteBuffer buffer = ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> cuts = new ArrayList<>(List.of(1, 8, 12, 20, 24, 28));
        int position = 28 + buffer.getInt(24);
        cuts.add(position);
        int sections = buffer.getInt(position);
        position += 4;
        cuts.add(position);
        for (int s = 0; s < sections; s++) {
            int nameLength = Short.toUnsignedInt(buffer.getShort(position));
            cuts.add(position += 2);
            cuts.add(position += nameLength);
            long count = buffer.getLong(position);
            cuts.add(position += 8);
            cuts.add(position + (int) (count * 2));
            cuts.add(position += (int) (count * 4));
        }
        assertEquals(original.length - 4, position, "the layout was walked to the trailer");
        cuts.add(original.length - 2);
        cuts.add(original.length - 1);
        return cuts;
    }

    private static byte[] withPreamble(byte[] model, int version) {
        byte[] bytes = model.clone();
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(8, version);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, 20);
        buffer.putInt(20, (int) crc.getValue());
        return bytes;
    }

    /** The model rewritten (valid checksums) with one classifier setting changed, or removed when null. */
    @SuppressWarnings("unchecked")
    private static byte[] rewritten(ModelFile.Contents contents, String key, Object value) throws IOException {
        Map<String, Object> facetype = new LinkedHashMap<>((Map<String, Object>) contents.metadata().get("facetype"));
        if (value == null) {
            facetype.remove(key);
        } else {
            facetype.put(key, value);
        }
        Map<String, Object> metadata = new LinkedHashMap<>(contents.metadata());
        metadata.put("facetype", facetype);
        return bytesOf(new ModelFile.Contents(contents.spec(), contents.seed(), metadata, contents.sections()));
    }

    private static byte[] bytesOf(ModelFile.Contents contents) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ModelFile.write(out, contents);
        return out.toByteArray();
    }
}
