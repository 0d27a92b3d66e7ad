package dev.facetype.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads MNIST's IDX files (gzip-compressed; a file may be split into {@code .part0..N} slices of one gzip
 * stream). Pixels become floats in [0, 1], one 28x28 image after another.
 */
public final class MnistData {

    public static final int ROWS = 28;
    public static final int COLUMNS = 28;
    public static final int PIXELS = ROWS * COLUMNS;

    private final float[] images;
    private final int[] labels;

    private MnistData(float[] images, int[] labels) {
        this.images = images;
        this.labels = labels;
    }

    /** The official 60,000 training digits from {@code directory}. */
    public static MnistData training(Path directory) throws IOException {
        return read(directory, "train");
    }

    /** The official 10,000 test digits from {@code directory}. */
    public static MnistData test(Path directory) throws IOException {
        return read(directory, "t10k");
    }

    private static MnistData read(Path directory, String prefix) throws IOException {
        int[] labels = readLabels(open(directory, prefix + "-labels-idx1-ubyte.gz"));
        float[] images = readImages(open(directory, prefix + "-images-idx3-ubyte.gz"));
        if (images.length != labels.length * PIXELS) {
            throw new IOException("MNIST " + prefix + ": " + images.length / PIXELS + " images but " + labels.length + " labels");
        }
        return new MnistData(images, labels);
    }

    private static InputStream open(Path directory, String name) throws IOException {
        Path whole = directory.resolve(name);
        if (Files.exists(whole)) {
            return new GZIPInputStream(Files.newInputStream(whole), 1 << 16);
        }
        List<Path> parts;
        try (Stream<Path> files = Files.list(directory)) {
            parts = files.filter(p -> p.getFileName().toString().startsWith(name + ".part"))
                    .sorted().collect(Collectors.toList());
        }
        if (parts.isEmpty()) {
            throw new IOException("MNIST file " + whole + " (or its .part slices) is missing");
        }
        List<InputStream> streams = new ArrayList<>();
        for (Path part : parts) {
            streams.add(Files.newInputStream(part));
        }
        return new GZIPInputStream(new SequenceInputStream(Collections.enumeration(streams)), 1 << 16);
    }

    private static int[] readLabels(InputStream raw) throws IOException {
        try (DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != 0x00000801) {
                throw new IOException("Not an MNIST label file");
            }
            int count = in.readInt();
            byte[] bytes = in.readNBytes(count);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i];
            }
            return labels;
        }
    }

    private static float[] readImages(InputStream raw) throws IOException {
        try (DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != 0x00000803) {
                throw new IOException("Not an MNIST image file");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int columns = in.readInt();
            if (rows != ROWS || columns != COLUMNS) {
                throw new IOException("MNIST images are " + rows + "x" + columns + ", expected 28x28");
            }
            byte[] bytes = in.readNBytes(count * PIXELS);
            if (bytes.length != count * PIXELS) {
                throw new IOException("MNIST image file is truncated");
            }
            float[] images = new float[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                images[i] = (bytes[i] & 0xFF) / 255f;
            }
            return images;
        }
    }

    public int size() {
        return labels.length;
    }

    /** All pixels, image after image (each 784 floats in [0, 1]); not a copy. */
    public float[] images() {
        return images;
    }

    /** Labels 0-9; not a copy. */
    public int[] labels() {
        return labels;
    }

    /** Copies images {@code [start, start+count)} in order {@code order} into {@code batch}. */
    public void copyBatch(int[] order, int start, int count, float[] batch, int[] batchLabels) {
        for (int i = 0; i < count; i++) {
            int index = order[start + i];
            System.arraycopy(images, index * PIXELS, batch, i * PIXELS, PIXELS);
            batchLabels[i] = labels[index];
        }
    }
}
