package dev.facetype.cnn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.cnn.Network;
import dev.facetype.cnn.NetworkSpec;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.io.ModelFileException.Reason;
import dev.facetype.cnn.layer.Initializer;
import dev.facetype.cnn.parallel.ComputePool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    private static final ComputePool POOL = ComputePool.create(2);

    private static Network network() {
        NetworkSpec spec = NetworkSpec.builder(3, 12, 12).conv(4, 3).relu().maxPool(2)
                .flatten().dense(10).relu().dropout(0.3).dense(3, Initializer.GLOROT).build();
        return Network.create(spec, 77, POOL);
    }

    private static byte[] bytesOf(ModelFile.Contents contents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.write(out, contents);
        return out.toByteArray();
    }

    private static ModelFileException readFails(byte[] bytes) {
        return assertThrows(ModelFileException.class,
                () -> ModelFile.read(new ByteArrayInputStream(bytes), "model.fty"));
    }

    @Test
    void saveThenLoadPredictsBitIdentically(@TempDir Path dir) throws IOException {
        Network original = network();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("labels", List.of("しょうゆ顔", "ソース顔", "塩顔"));
        metadata.put("note", "tab\there \"quoted\"");
        Path file = dir.resolve("model.fty");
        ModelFile.write(file, ModelFile.Contents.of(original, metadata));

        ModelFile.Contents loaded = ModelFile.read(file);
        Network restored = Network.withParameters(loaded.spec(), loaded.seed(), loaded.parameters(), POOL);
        assertEquals(original.spec(), restored.spec());
        assertEquals(metadata, loaded.metadata());
        SplittableRandom random = new SplittableRandom(3);
        float[] data = new float[5 * 3 * 12 * 12];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        Tensor x = new Tensor(original.spec().inputShape().withBatch(5), data);
        assertArrayEquals(original.predictProbabilities(x).data(), restored.predictProbabilities(x).data());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void extraSectionsRoundTrip() throws IOException {
        Network original = network();
        Map<String, float[]> sections = new LinkedHashMap<>();
        sections.put(ModelFile.PARAMETERS, original.parameters().values());
        sections.put("optimizer.0", new float[] {1, 2, 3});
        ModelFile.Contents loaded = ModelFile.read(new ByteArrayInputStream(
                bytesOf(new ModelFile.Contents(original.spec(), 77, Map.of(), sections))), "checkpoint");
        assertArrayEquals(new float[] {1, 2, 3}, loaded.sections().get("optimizer.0"));
    }

    @Test
    void truncationAtEverySectionBoundaryIsReportedAsTruncation() throws IOException {
        byte[] bytes = bytesOf(ModelFile.Contents.of(network(), Map.of("k", "v")));
        List<Integer> cuts = new ArrayList<>(List.of(0, 4, 8, 12, 20, 23, 24, 28));
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = buffer.getInt(24);
        int afterHeader = 28 + headerLength;
        cuts.addAll(List.of(28 + headerLength / 2, afterHeader, afterHeader + 4, afterHeader + 6, afterHeader + 16,
                afterHeader + 16 + 4000, bytes.length - 4, bytes.length - 1));
        for (int cut : cuts) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            if (cut == 0) {
                continue; // an empty file: see emptyFile()
            }
            ModelFileException error = readFails(truncated);
            assertEquals(Reason.TRUNCATED, error.reason(), "cut at " + cut + ": " + error.getMessage());
            assertTrue(error.getMessage().startsWith("model.fty: "), error.getMessage());
        }
    }

    @Test
    void emptyFile() {
        assertEquals(Reason.TRUNCATED, readFails(new byte[0]).reason());
    }

    @Test
    void everyFlippedBitIsCaught() throws IOException {
        byte[] bytes = bytesOf(ModelFile.Contents.of(network(), Map.of()));
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 300; trial++) {
            int position = trial < 28 ? trial : 8 + random.nextInt(bytes.length - 8);
            byte[] damaged = bytes.clone();
            damaged[position] ^= (byte) (1 << random.nextInt(8));
            ModelFileException error = readFails(damaged);
            Reason expected = position < 8 ? Reason.NOT_A_MODEL : Reason.CORRUPT;
            assertEquals(expected, error.reason(), "bit flipped at byte " + position + ": " + error.getMessage());
        }
    }

    @Test
    void wrongMagic() {
        ModelFileException error = readFails("PK\u0003\u0004 this is a zip".getBytes());
        assertEquals(Reason.NOT_A_MODEL, error.reason());
        assertTrue(error.getMessage().contains("not a facetype model"), error.getMessage());
    }

    @Test
    void newerFormatVersionIsRefusedByName() throws IOException {
        byte[] bytes = bytesOf(ModelFile.Contents.of(network(), Map.of()));
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(8, ModelFile.FORMAT_VERSION + 1);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, 20);
        buffer.putInt(20, (int) crc.getValue());
        ModelFileException error = readFails(bytes);
        assertEquals(Reason.UNSUPPORTED_VERSION, error.reason());
        assertTrue(error.getMessage().contains("newer"), error.getMessage());
    }

    @Test
    void weightCountThatContradictsTheArchitectureIsInconsistent() throws IOException {
        Network net = network();
        Map<String, float[]> sections = Map.of(ModelFile.PARAMETERS, new float[net.parameters().count() - 1]);
        byte[] bytes = bytesOf(new ModelFile.Contents(net.spec(), 1, Map.of(), sections));
        ModelFileException error = readFails(bytes);
        assertEquals(Reason.INCONSISTENT, error.reason());
        assertTrue(error.getMessage().contains("parameters"), error.getMessage());
    }
}
