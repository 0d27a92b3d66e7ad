package dev.facetype.dataset.cache;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.detect.FaceBox;
import dev.facetype.vision.detect.FaceLandmarks;
import dev.facetype.vision.detect.ImagePoint;
import dev.facetype.vision.io.ImageLoadException;
import dev.facetype.vision.quality.PerceptualHash;
import dev.facetype.vision.quality.RejectReason;
import dev.facetype.vision.quality.Rejection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The binary form of a cache entry:
 *
 * <pre>
 *   "FTYC"  int version  byte kind  UTF fileSha256  UTF settingsKey  int payloadLength  payload  int crc32c
 * </pre>
 *
 * The CRC32C covers everything before it, so a torn or altered file is detected; the file hash and settings key
 * inside make an entry that was copied to the wrong place a miss rather than a wrong answer.
 */
final class CacheCodec {

    static final int VERSION = 1;
    static final byte DETECTIONS = 1;
    static final byte OUTCOME = 2;
    private static final byte[] MAGIC = {'F', 'T', 'Y', 'C'};
    private static final int MAX_TEXT = 8_000;

    private CacheCodec() {
    }

    static byte[] encode(byte kind, String fileSha, String settingsKey, byte[] payload) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 200);
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeByte(kind);
            out.writeUTF(fileSha);
            out.writeUTF(settingsKey);
            out.writeInt(payload.length);
            out.write(payload);
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The payload of an entry, after checking its frame.
     *
     * @throws IOException saying what is wrong when the bytes are not a sound entry for this key
     */
    static byte[] decode(byte[] entry, byte kind, String fileSha, String settingsKey) throws IOException {
        if (entry.length < 8 || !Arrays.equals(Arrays.copyOf(entry, 4), MAGIC)) {
            throw new IOException("not a cache entry (wrong magic)");
        }
        CRC32C crc = new CRC32C();
        crc.update(entry, 0, entry.length - 4);
        int stored = (entry[entry.length - 4] & 0xFF) << 24 | (entry[entry.length - 3] & 0xFF) << 16
                | (entry[entry.length - 2] & 0xFF) << 8 | (entry[entry.length - 1] & 0xFF);
        if (stored != (int) crc.getValue()) {
            throw new IOException("checksum mismatch");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry, 4, entry.length - 8));
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("format version " + version + ", expected " + VERSION);
        }
        if (in.readByte() != kind) {
            throw new IOException("wrong kind of entry");
        }
        if (!in.readUTF().equals(fileSha) || !in.readUTF().equals(settingsKey)) {
            throw new IOException("entry belongs to another file or settings");
        }
        int length = in.readInt();
        if (length < 0 || length != in.available()) {
            throw new IOException("payload length " + length + " does not match the entry");
        }
        return in.readNBytes(length);
    }

    static byte[] detections(DetectionRecord record) {
        return write(out -> {
            out.writeBoolean(record.loadFailure().isPresent());
            if (record.loadFailure().isPresent()) {
                out.writeUTF(record.loadFailure().get().reason().name());
                out.writeUTF(text(record.loadFailure().get().message()));
                return;
            }
            out.writeInt(record.width());
            out.writeInt(record.height());
            out.writeUTF(record.photoHash().map(PerceptualHash::toString).orElse(""));
            out.writeInt(record.detections().size());
            for (DetectedFace face : record.detections()) {
                writeBox(out, face.box());
                out.writeDouble(face.score());
                out.writeBoolean(face.landmarks().isPresent());
                if (face.landmarks().isPresent()) {
                    FaceLandmarks l = face.landmarks().get();
                    for (ImagePoint p : List.of(l.rightEye(), l.leftEye(), l.noseTip(), l.rightMouthCorner(),
                            l.leftMouthCorner())) {
                        out.writeDouble(p.x());
                        out.writeDouble(p.y());
                    }
                }
            }
        });
    }

    static DetectionRecord detections(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        try {
            if (in.readBoolean()) {
                LoadFailure failure = new LoadFailure(ImageLoadException.Reason.valueOf(in.readUTF()), in.readUTF());
                return end(in, DetectionRecord.failed(failure));
            }
            int width = in.readInt();
            int height = in.readInt();
            Optional<PerceptualHash> hash = hash(in.readUTF());
            int count = count(in);
            List<DetectedFace> faces = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                FaceBox box = readBox(in);
                double score = in.readDouble();
                Optional<FaceLandmarks> landmarks = Optional.empty();
                if (in.readBoolean()) {
                    ImagePoint[] p = new ImagePoint[5];
                    for (int k = 0; k < 5; k++) {
                        p[k] = new ImagePoint(in.readDouble(), in.readDouble());
                    }
                    landmarks = Optional.of(new FaceLandmarks(p[0], p[1], p[2], p[3], p[4]));
                }
                faces.add(new DetectedFace(box, score, landmarks));
            }
            return end(in, new DetectionRecord(Optional.empty(), width, height, hash, faces));
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid values: " + e.getMessage(), e);
        }
    }

    static byte[] outcome(PhotoOutcome outcome) {
        return write(out -> {
            out.writeInt(outcome.width());
            out.writeInt(outcome.height());
            out.writeUTF(outcome.photoHash().map(PerceptualHash::toString).orElse(""));
            out.writeInt(outcome.detectionCount());
            out.writeBoolean(outcome.loadFailure().isPresent());
            if (outcome.loadFailure().isPresent()) {
                out.writeUTF(outcome.loadFailure().get().reason().name());
                out.writeUTF(text(outcome.loadFailure().get().message()));
            }
            out.writeInt(outcome.rejections().size());
            for (Rejection rejection : outcome.rejections()) {
                out.writeUTF(rejection.reason().name());
                out.writeUTF(text(rejection.detail()));
            }
            out.writeInt(outcome.faces().size());
            for (KeptFace face : outcome.faces()) {
                writeBox(out, face.box());
                out.writeDouble(face.score());
                RasterImage crop = face.crop();
                out.writeInt(crop.width());
                out.writeInt(crop.height());
                out.writeByte(crop.channels());
                out.write(crop.toByteArray());
            }
        });
    }

    static PhotoOutcome outcome(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        try {
            int width = in.readInt();
            int height = in.readInt();
            Optional<PerceptualHash> hash = hash(in.readUTF());
            int detectionCount = in.readInt();
            Optional<LoadFailure> failure = Optional.empty();
            if (in.readBoolean()) {
                failure = Optional.of(new LoadFailure(ImageLoadException.Reason.valueOf(in.readUTF()), in.readUTF()));
            }
            int rejectionCount = count(in);
            List<Rejection> rejections = new ArrayList<>(rejectionCount);
            for (int i = 0; i < rejectionCount; i++) {
                rejections.add(new Rejection(RejectReason.valueOf(in.readUTF()), in.readUTF()));
            }
            int faceCount = count(in);
            List<KeptFace> faces = new ArrayList<>(faceCount);
            for (int i = 0; i < faceCount; i++) {
                FaceBox box = readBox(in);
                double score = in.readDouble();
                int w = in.readInt();
                int h = in.readInt();
                int c = in.readByte();
                if (w <= 0 || h <= 0 || w > 4096 || h > 4096 || (c != 1 && c != 3)) {
                    throw new IOException("impossible crop size " + w + "x" + h + "x" + c);
                }
                byte[] pixels = in.readNBytes(w * h * c);
                if (pixels.length != w * h * c) {
                    throw new IOException("crop pixels cut short");
                }
                faces.add(new KeptFace(box, score, RasterImage.adopt(w, h, c, pixels)));
            }
            return end(in, new PhotoOutcome(width, height, hash, detectionCount, faces, rejections, failure));
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid values: " + e.getMessage(), e);
        }
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            writer.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T end(DataInputStream in, T value) throws IOException {
        if (in.available() != 0) {
            throw new IOException(in.available() + " bytes left over after the payload");
        }
        return value;
    }

    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 10_000) {
            throw new IOException("impossible count " + count);
        }
        return count;
    }

    private static Optional<PerceptualHash> hash(String hex) {
        return hex.isEmpty() ? Optional.empty() : Optional.of(PerceptualHash.parse(hex));
    }

    private static void writeBox(DataOutputStream out, FaceBox box) throws IOException {
        out.writeDouble(box.x());
        out.writeDouble(box.y());
        out.writeDouble(box.width());
        out.writeDouble(box.height());
    }

    private static FaceBox readBox(DataInputStream in) throws IOException {
        return new FaceBox(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
    }

    /** writeUTF holds at most 64 KB; messages are far shorter, but never let one break an entry. */
    private static String text(String value) {
        return value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT) + "...";
    }
}
