package dev.facetype.cnn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.cnn.Network;
import dev.facetype.cnn.NetworkSpec;
import dev.facetype.cnn.io.ModelFileException.Reason;
import dev.facetype.cnn.parallel.ComputePool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Model files whose checksums are right but whose contents were made to hurt (found by fuzzing the reader):
 * each is refused as {@code INCONSISTENT}, without allocating what it claims and without overflowing the stack.
 */
class ModelFileHostileContentsTest {

    /** A section claiming 0x6f46726569666973 values: times 4 it wrapped to a negative number and passed the check. */
    @Test
    void aSectionCountThatOverflowsWhenMultipliedIsRefused() throws Exception {
        byte[] body = bodyOf(validModel());
        ByteBuffer buffer = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        int countAt = 4 + buffer.getInt(0) + 4 + 2 + ModelFile.PARAMETERS.length();
        buffer.putLong(countAt, 0x6f46726569666973L);
        ModelFileException error = readFails(withValidChecksums(body));
        assertEquals(Reason.INCONSISTENT, error.reason(), error.getMessage());
        assertTrue(error.getMessage().contains("more than the file holds"), error.getMessage());
    }

    @Test
    void aHeaderLongerThanTheFileIsRefusedBeforeAllocatingIt() throws Exception {
        byte[] body = bodyOf(validModel());
        ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).putInt(0, Integer.MAX_VALUE - 16);
        ModelFileException error = readFails(withValidChecksums(body));
        assertEquals(Reason.INCONSISTENT, error.reason(), error.getMessage());
        assertTrue(error.getMessage().contains("header claims"), error.getMessage());
    }

    @Test
    void aHeaderNestedAHundredThousandLevelsDeepIsRefusedNotAStackOverflow() throws Exception {
        byte[] header = "[".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(4 + header.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        body.putInt(header.length).put(header).putInt(0);
        ModelFileException error = readFails(withValidChecksums(body.array()));
        assertEquals(Reason.INCONSISTENT, error.reason(), error.getMessage());
        assertTrue(error.getMessage().contains("nested deeper than 256"), error.getMessage());
    }

    @Test
    void jsonNestedWithinTheLimitStillParses() {
        String deep = "[".repeat(256) + "]".repeat(256);
        assertEquals(deep, Json.write(Json.parse(deep)));
    }

    private static byte[] validModel() throws Exception {
        NetworkSpec spec = NetworkSpec.builder(1, 4, 4).flatten().dense(2).build();
        try (ComputePool pool = ComputePool.create(1)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ModelFile.write(out, ModelFile.Contents.of(Network.create(spec, 1, pool), Map.of()));
            return out.toByteArray();
        }
    }

    private static byte[] bodyOf(byte[] model) {
        return java.util.Arrays.copyOfRange(model, 24, model.length - 4);
    }

    /** {@code body} in a format-1 preamble and trailer whose checksums match it. */
    private static byte[] withValidChecksums(byte[] body) {
        ByteBuffer file = ByteBuffer.allocate(24 + body.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        file.put(new byte[] {(byte) 0x89, 'F', 'T', 'Y', 'M', '\r', '\n', 0x1A}).putInt(1).putLong(body.length);
        CRC32C preamble = new CRC32C();
        preamble.update(file.array(), 0, 20);
        file.putInt((int) preamble.getValue()).put(body);
        CRC32C whole = new CRC32C();
        whole.update(file.array(), 0, 24 + body.length);
        file.putInt((int) whole.getValue());
        return file.array();
    }

    private static ModelFileException readFails(byte[] bytes) {
        return assertThrows(ModelFileException.class, () -> ModelFile.read(new ByteArrayInputStream(bytes), "model.fty"));
    }
}
