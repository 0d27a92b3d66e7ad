package dev.facetype.cli.web;

import dev.facetype.testing.SharedData;
import dev.facetype.vision.detect.FaceBox;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Real photos from the shared data sets, and made-up files for the refusals. */
final class TestPhotos {

    private TestPhotos() {
    }

    /** A 512 x 512 London photo: {@code label} is neutral or smiling, {@code person} like {@code "009"}. */
    static Path london(String label, String person) {
        return SharedData.require("data/london-faces/derived/frames_512").resolve(label).resolve(person + ".jpg");
    }

    /** The ground-truth face box of a neutral London photo. */
    static FaceBox londonNeutralBox(String person) {
        Path csv = SharedData.require("data/london-faces/derived/frames_512/neutral_face_boxes.csv");
        Map<String, FaceBox> boxes = new HashMap<>();
        try {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            String[] header = lines.get(0).split(",");
            int image = indexOf(header, "image");
            int x = indexOf(header, "box_x");
            int y = indexOf(header, "box_y");
            int w = indexOf(header, "box_w");
            int h = indexOf(header, "box_h");
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                String name = Path.of(f[image]).getFileName().toString().replace(".jpg", "");
                boxes.put(name, new FaceBox(Double.parseDouble(f[x]), Double.parseDouble(f[y]),
                        Double.parseDouble(f[w]), Double.parseDouble(f[h])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FaceBox box = boxes.get(person);
        if (box == null) {
            throw new IllegalStateException("no ground-truth box for neutral/" + person + " in " + csv);
        }
        return box;
    }

    private static int indexOf(String[] header, String column) {
        int i = Arrays.asList(header).indexOf(column);
        if (i < 0) {
            throw new IllegalStateException("column " + column + " missing from " + Arrays.toString(header));
        }
        return i;
    }

    /** {@code 2008_002506.jpg} of the dlib set: three people, 500 x 375. */
    static Path threePeople() {
        return SharedData.require("data/dlib-faces/2008_002506.jpg");
    }

    /** Its ground-truth boxes (dlib's testing.xml). */
    static List<FaceBox> threePeopleBoxes() {
        return List.of(new FaceBox(329, 78, 109, 109), new FaceBox(224, 95, 91, 91), new FaceBox(125, 65, 90, 91));
    }

    /** {@code 2008_007676.jpg} of the dlib set: seven faces, a costlier photo for the load tests. */
    static Path sevenPeople() {
        return SharedData.require("data/dlib-faces/2008_007676.jpg");
    }

    static byte[] read(Path photo) {
        try {
            return Files.readAllBytes(photo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sky-to-field gradient with a sun: a real PNG with no face in it. */
    static byte[] landscapeWithoutFace() {
        BufferedImage image = new BufferedImage(480, 320, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(110, 170, 230), 0, 200, new Color(220, 235, 250)));
        g.fillRect(0, 0, 480, 200);
        g.setColor(new Color(90, 150, 70));
        g.fillRect(0, 200, 480, 120);
        g.setColor(new Color(255, 210, 80));
        g.fillOval(360, 40, 60, 60);
        g.dispose();
        return png(image);
    }

    /** The first {@code keep} bytes of a photo: a JPEG cut off in its pixel data. */
    static byte[] truncated(Path photo, int keep) {
        return Arrays.copyOf(read(photo), keep);
    }

    /**
     * A small, well-formed PNG whose header declares {@code width x height} pixels, with a little compressed
     * pixel data: the shape of a decompression bomb (100000 x 100000 would need 30 GB decoded).
     */
    static byte[] pngDeclaring(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", header.array());
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[1 << 20]); // one megabyte of black rows compresses to about a kilobyte
        deflater.finish();
        byte[] compressed = new byte[64 * 1024];
        int length = deflater.deflate(compressed);
        deflater.end();
        chunk(out, "IDAT", Arrays.copyOf(compressed, length));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
