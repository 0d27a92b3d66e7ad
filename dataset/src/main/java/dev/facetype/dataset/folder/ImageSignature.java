package dev.facetype.dataset.folder;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * What a file is, judged by its first bytes ("magic numbers"), never by its name: Yale's GIFs have no
 * extension, and a {@code .jpg} may hold anything.
 *
 * @param kind   image, an image format that cannot be decoded, or not an image
 * @param format the format's name ({@code JPEG}, {@code HEIC/HEIF}, ...), or the first bytes in hex when
 *               it is not an image
 */
public record ImageSignature(Kind kind, String format) {

    /** How many leading bytes {@link #of} looks at. */
    public static final int HEAD_BYTES = 32;

    /** The three answers. */
    public enum Kind {
        /** JPEG, PNG, GIF, BMP, TIFF or PGM/PPM: formats the loader decodes. */
        IMAGE,
        /** An image format the loader cannot decode (WebP, HEIC, AVIF, JPEG XL, JPEG 2000, PSD). */
        UNSUPPORTED_IMAGE,
        /** Anything else. */
        NOT_AN_IMAGE
    }

    /** Recognises the format from the first bytes of a file (at least {@link #HEAD_BYTES} when available). */
    public static ImageSignature of(byte[] head) {
        if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
            return image("JPEG");
        }
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return image("PNG");
        }
        if (ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a")) {
            return image("GIF");
        }
        if (startsWith(head, 0, 'I', 'I', 0x2A, 0x00) || startsWith(head, 0, 'M', 'M', 0x00, 0x2A)) {
            return image("TIFF");
        }
        if (isBmp(head)) {
            return image("BMP");
        }
        if (head.length >= 3 && head[0] == 'P' && head[1] >= '1' && head[1] <= '7' && isSpace(head[2])) {
            return image("PNM");
        }
        if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) {
            return unsupported("WebP");
        }
        if (ascii(head, 4, "ftyp") && head.length >= 12) {
            String brand = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
            if (brand.startsWith("avi")) {
                return unsupported("AVIF");
            }
            if (brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1")) {
                return unsupported("HEIC/HEIF");
            }
        }
        if (ascii(head, 4, "JXL ") || startsWith(head, 0, 0xFF, 0x0A)) {
            return unsupported("JPEG XL");
        }
        if (ascii(head, 4, "jP  ") || startsWith(head, 0, 0xFF, 0x4F, 0xFF, 0x51)) {
            return unsupported("JPEG 2000");
        }
        if (ascii(head, 0, "8BPS")) {
            return unsupported("Photoshop PSD");
        }
        return new ImageSignature(Kind.NOT_AN_IMAGE,
                HexFormat.ofDelimiter(" ").formatHex(head, 0, Math.min(8, head.length)));
    }

    /** A bitmap file header ("BM") followed by a DIB header of one of the sizes the format defines. */
    private static boolean isBmp(byte[] head) {
        if (head.length < 18 || head[0] != 'B' || head[1] != 'M') {
            return false;
        }
        int dibSize = (head[14] & 0xFF) | (head[15] & 0xFF) << 8 | (head[16] & 0xFF) << 16 | (head[17] & 0xFF) << 24;
        return dibSize == 12 || dibSize == 40 || dibSize == 52 || dibSize == 56 || dibSize == 64 || dibSize == 108
                || dibSize == 124;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static ImageSignature image(String format) {
        return new ImageSignature(Kind.IMAGE, format);
    }

    private static ImageSignature unsupported(String format) {
        return new ImageSignature(Kind.UNSUPPORTED_IMAGE, format);
    }

    private static boolean startsWith(byte[] head, int offset, int... expected) {
        if (head.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((head[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] head, int offset, String text) {
        if (head.length < offset + text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (head[offset + i] != (byte) text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
