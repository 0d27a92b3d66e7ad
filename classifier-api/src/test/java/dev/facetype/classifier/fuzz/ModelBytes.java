package dev.facetype.classifier.fuzz;

import dev.facetype.classifier.Preprocessing;
import dev.facetype.cnn.Network;
import dev.facetype.cnn.NetworkSpec;
import dev.facetype.cnn.io.ModelFile;
import dev.facetype.cnn.parallel.ComputePool;
import dev.facetype.vision.crop.CropSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Model-file bytes for the fuzz targets: a tiny but complete classifier model, and a way to wrap any body in
 * a preamble and trailer whose checksums match, so that mutations reach the header and section parsers
 * instead of stopping at the checksum (a fuzzer almost never guesses a CRC32C).
 */
final class ModelBytes {

    /** Magic, version, body length and preamble checksum. */
    static final int PREAMBLE = 24;

    private ModelBytes() {
    }

    /** A face-type classifier model of two types on 8 x 8 gray crops: a few hundred bytes. */
    static byte[] tinyClassifier() {
        NetworkSpec spec = NetworkSpec.builder(1, 8, 8).conv(2, 3).relu().maxPool(2).flatten().dense(2).build();
        try (ComputePool pool = ComputePool.create(1)) {
            Network network = Network.create(spec, 1, pool);
            Map<String, Object> facetype = new LinkedHashMap<>();
            facetype.put("classifierFormat", 1);
            facetype.put("labels", List.of("しょうゆ顔", "ソース顔"));
            facetype.put("architecture", "custom");
            facetype.put("preprocessing", new Preprocessing(new CropSettings(0.2, 8, 1, false), new float[] {0.5f},
                    new float[] {0.25f}).toMap());
            facetype.put("minConfidence", 0.0);
            facetype.put("provenance", Map.of("seed", 1));
            return toBytes(ModelFile.Contents.of(network, Map.of("facetype", facetype)));
        }
    }

    static byte[] toBytes(ModelFile.Contents contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelFile.write(out, contents);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The body of a model file: what lies between the preamble and the trailer. */
    static byte[] bodyOf(byte[] model) {
        return Arrays.copyOfRange(model, PREAMBLE, model.length - 4);
    }

    /** {@code body} as a model file of format version 1 whose preamble and trailer checksums match. */
    static byte[] withValidChecksums(byte[] body) {
        ByteBuffer file = ByteBuffer.allocate(PREAMBLE + body.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        file.put(new byte[] {(byte) 0x89, 'F', 'T', 'Y', 'M', '\r', '\n', 0x1A}).putInt(ModelFile.FORMAT_VERSION)
                .putLong(body.length);
        CRC32C preamble = new CRC32C();
        preamble.update(file.array(), 0, PREAMBLE - 4);
        file.putInt((int) preamble.getValue());
        file.put(body);
        CRC32C whole = new CRC32C();
        whole.update(file.array(), 0, PREAMBLE + body.length);
        file.putInt((int) whole.getValue());
        return file.array();
    }
}
