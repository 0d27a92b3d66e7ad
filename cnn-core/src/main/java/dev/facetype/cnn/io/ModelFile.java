package dev.facetype.cnn.io;

import dev.facetype.cnn.Network;
import dev.facetype.cnn.NetworkSpec;
import dev.facetype.cnn.io.ModelFileException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The binary model format, little-endian throughout:
 *
 * <pre>
 *   preamble   magic (8 bytes: 0x89 'F' 'T' 'Y' 'M' '\r' '\n' 0x1A), format version (u32),
 *              body length in bytes (u64), CRC32C of the preamble so far (u32)
 *   body       header length (u32), header (UTF-8 JSON: architecture, seed, parameter count, metadata),
 *              section count (u32), then per section: name length (u16), name (UTF-8),
 *              float count (u64), floats (f32 each)
 *   trailer    CRC32C of preamble and body (u32)
 * </pre>
 *
 * The "parameters" section holds the network's flat parameter buffer; further sections (optimiser state
 * in a checkpoint, say) are optional. The preamble has its own checksum so that a damaged length field is
 * reported as corruption, not as truncation. No Java serialization is involved, so files are portable and
 * safe to read from untrusted sources. Writing to a path goes through a temporary file and a rename, so a
 * crash never leaves half a model behind.
 */
public final class ModelFile {

    /** The format version this code writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    /** Name of the section holding the network's parameters. */
    public static final String PARAMETERS = "parameters";

    private static final byte[] MAGIC = {(byte) 0x89, 'F', 'T', 'Y', 'M', '\r', '\n', 0x1A};
    private static final int PREAMBLE = MAGIC.length + 4 + 8 + 4;
    /** The largest file read: the whole file is held in one array. */
    private static final int MAX_BYTES = Integer.MAX_VALUE - 8;

    /** What a model file holds. {@code sections} includes {@value #PARAMETERS}. */
    public record Contents(NetworkSpec spec, long seed, Map<String, Object> metadata, Map<String, float[]> sections) {
        public Contents {
            metadata = metadata == null ? Map.of() : metadata;
            sections = new LinkedHashMap<>(sections);
            if (!sections.containsKey(PARAMETERS)) {
                throw new IllegalArgumentException("A model file needs a '" + PARAMETERS + "' section");
            }
        }

        /** The contents of a network's architecture and weights plus metadata. */
        public static Contents of(Network network, Map<String, Object> metadata) {
            Map<String, float[]> sections = new LinkedHashMap<>();
            sections.put(PARAMETERS, network.parameters().values());
            return new Contents(network.spec(), network.seed(), metadata, sections);
        }

        public float[] parameters() {
            return sections.get(PARAMETERS);
        }
    }

    private ModelFile() {
    }

    /** Writes atomically: to a temporary file beside {@code path}, then renamed over it. */
    public static void write(Path path, Contents contents) throws IOException {
        Path absolute = path.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
        Path temporary = Files.createTempFile(directory, absolute.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                write(out, contents);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes the model to a stream (not closed). */
    public static void write(OutputStream out, Contents contents) throws IOException {
        byte[] body = body(contents);
        ByteBuffer preamble = ByteBuffer.allocate(PREAMBLE).order(ByteOrder.LITTLE_ENDIAN);
        preamble.put(MAGIC).putInt(FORMAT_VERSION).putLong(body.length);
        CRC32C preambleCrc = new CRC32C();
        preambleCrc.update(preamble.array(), 0, PREAMBLE - 4);
        preamble.putInt((int) preambleCrc.getValue());
        CRC32C crc = new CRC32C();
        crc.update(preamble.array());
        crc.update(body);
        out.write(preamble.array());
        out.write(body);
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue()).array());
    }

    private static byte[] body(Contents contents) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("format", "facetype-model");
        header.put("architecture", contents.spec().toMap());
        header.put("seed", contents.seed());
        header.put("parameterCount", contents.parameters().length);
        header.put("metadata", contents.metadata());
        byte[] headerBytes = Json.write(header).getBytes(StandardCharsets.UTF_8);

        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(le(4).putInt(headerBytes.length).array());
        body.write(headerBytes);
        body.write(le(4).putInt(contents.sections().size()).array());
        for (Map.Entry<String, float[]> section : contents.sections().entrySet()) {
            byte[] name = section.getKey().getBytes(StandardCharsets.UTF_8);
            if (name.length > 0xFFFF) {
                throw new IllegalArgumentException("Section name too long: " + section.getKey());
            }
            float[] values = section.getValue();
            body.write(le(2).putShort((short) name.length).array());
            body.write(name);
            body.write(le(8).putLong(values.length).array());
            ByteBuffer floats = le(values.length * 4);
            floats.asFloatBuffer().put(values);
            body.write(floats.array());
        }
        return body.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Reads a model file; the exception's message names the file and what is wrong with it. */
    public static Contents read(Path path) throws IOException {
        if (Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path)) {
            // Opening a pipe would wait for a writer forever.
            throw new ModelFileException(Reason.NOT_A_MODEL, path + ": not a model file but a pipe, device or socket");
        }
        if (Files.isRegularFile(path) && Files.size(path) > MAX_BYTES) {
            throw new ModelFileException(Reason.NOT_A_MODEL, path + ": " + Files.size(path) + " bytes, larger than"
                    + " any facetype model file can be (" + MAX_BYTES + ")");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString());
        }
    }

    /** Reads a model from a stream; {@code source} names it in error messages. */
    public static Contents read(InputStream in, String source) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new ModelFileException(Reason.NOT_A_MODEL, source + ": more than " + MAX_BYTES
                    + " bytes, larger than any facetype model file can be");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        checkPreamble(bytes, buffer, source);
        long bodyLength = buffer.getLong(MAGIC.length + 4);
        long expected = PREAMBLE + bodyLength + 4;
        if (bytes.length < expected) {
            throw new ModelFileException(Reason.TRUNCATED, source + ": model file is truncated: " + bytes.length
                    + " bytes of " + expected + "; it was not completely written or copied");
        }
        if (bytes.length > expected) {
            throw new ModelFileException(Reason.CORRUPT, source + ": model file has " + (bytes.length - expected)
                    + " unexpected bytes after its end");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, (int) (expected - 4));
        if ((int) crc.getValue() != buffer.getInt((int) (expected - 4))) {
            throw new ModelFileException(Reason.CORRUPT, source + ": model file is corrupt: its checksum does not "
                    + "match (bytes changed after it was written)");
        }
        buffer.position(PREAMBLE);
        try {
            return parseBody(buffer);
        } catch (RuntimeException e) {
            throw new ModelFileException(Reason.INCONSISTENT, source + ": model file contents are inconsistent: "
                    + e.getMessage(), e);
        }
    }

    private static void checkPreamble(byte[] bytes, ByteBuffer buffer, String source) throws ModelFileException {
        int magicBytes = Math.min(bytes.length, MAGIC.length);
        for (int i = 0; i < magicBytes; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new ModelFileException(Reason.NOT_A_MODEL, source + ": not a facetype model file (wrong signature)");
            }
        }
        if (bytes.length < PREAMBLE) {
            throw new ModelFileException(Reason.TRUNCATED, source + ": model file is truncated: " + bytes.length
                    + " bytes, shorter than its " + PREAMBLE + "-byte preamble");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, PREAMBLE - 4);
        if ((int) crc.getValue() != buffer.getInt(PREAMBLE - 4)) {
            throw new ModelFileException(Reason.CORRUPT, source + ": model file is corrupt: its preamble checksum "
                    + "does not match");
        }
        int version = buffer.getInt(MAGIC.length);
        if (version > FORMAT_VERSION || version < 1) {
            throw new ModelFileException(Reason.UNSUPPORTED_VERSION, source + ": model file format version " + version
                    + " is not supported; this facetype reads versions 1 to " + FORMAT_VERSION
                    + (version > FORMAT_VERSION ? " (the file was written by a newer facetype)" : ""));
        }
    }

    @SuppressWarnings("unchecked")
    private static Contents parseBody(ByteBuffer buffer) {
        int headerLength = buffer.getInt();
        if (headerLength < 0 || headerLength > buffer.remaining()) {
            throw new IllegalArgumentException("header claims " + headerLength + " bytes, more than the file holds");
        }
        byte[] headerBytes = new byte[headerLength];
        buffer.get(headerBytes);
        Map<String, Object> header = Json.parseObject(new String(headerBytes, StandardCharsets.UTF_8));
        if (!"facetype-model".equals(header.get("format"))) {
            throw new IllegalArgumentException("header format is " + header.get("format"));
        }
        NetworkSpec spec = NetworkSpec.fromMap((Map<String, Object>) header.get("architecture"));
        long seed = ((Number) header.get("seed")).longValue();
        long parameterCount = ((Number) header.get("parameterCount")).longValue();
        Object metadata = header.get("metadata");
        int sectionCount = buffer.getInt();
        Map<String, float[]> sections = new LinkedHashMap<>();
        for (int s = 0; s < sectionCount; s++) {
            byte[] name = new byte[Short.toUnsignedInt(buffer.getShort())];
            buffer.get(name);
            long count = buffer.getLong();
            // Divided, not multiplied: a count near 2^62 times 4 wraps around to a small number.
            if (count < 0 || count > (buffer.remaining() - 4) / 4) {
                throw new IllegalArgumentException("section '" + new String(name, StandardCharsets.UTF_8)
                        + "' claims " + count + " values, more than the file holds");
            }
            float[] values = new float[(int) count];
            buffer.asFloatBuffer().get(values);
            buffer.position(buffer.position() + values.length * 4);
            sections.put(new String(name, StandardCharsets.UTF_8), values);
        }
        if (buffer.remaining() != 4) {
            throw new IllegalArgumentException(buffer.remaining() - 4 + " bytes left after the last section");
        }
        float[] parameters = sections.get(PARAMETERS);
        if (parameters == null) {
            throw new IllegalArgumentException("no '" + PARAMETERS + "' section");
        }
        if (parameters.length != parameterCount) {
            throw new IllegalArgumentException("header says " + parameterCount + " parameters, section has "
                    + parameters.length);
        }
        Contents contents = new Contents(spec, seed,
                metadata instanceof Map ? (Map<String, Object>) metadata : Map.of(), sections);
        int expected = Network.parameterCount(spec);
        if (expected != parameters.length) {
            throw new IllegalArgumentException("architecture needs " + expected + " parameters");
        }
        return contents;
    }
}
