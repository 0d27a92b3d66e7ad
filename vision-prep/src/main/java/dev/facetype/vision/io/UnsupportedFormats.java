package dev.facetype.vision.io;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Names common image formats that no installed ImageIO plugin reads, from their first bytes, so the user
 * hears "this is a HEIC photo, convert it" rather than "not an image".
 */
final class UnsupportedFormats {

    private UnsupportedFormats() {
    }

    /** The format's name when {@code bytes} starts like a known image format facetype cannot decode. */
    static Optional<String> recognise(byte[] bytes) {
        if (startsWith(bytes, 0, "RIFF") && startsWith(bytes, 8, "WEBP")) {
            return Optional.of("WebP");
        }
        if (startsWith(bytes, 4, "ftyp") && bytes.length >= 12) {
            String brand = new String(bytes, 8, 4, StandardCharsets.ISO_8859_1);
            if (brand.startsWith("avi")) {
                return Optional.of("AVIF");
            }
            if (brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1")) {
                return Optional.of("HEIC/HEIF");
            }
        }
        if (startsWith(bytes, 4, "JXL ") || (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && bytes[1] == 0x0A)) {
            return Optional.of("JPEG XL");
        }
        if (startsWith(bytes, 4, "jP  ") || (bytes.length >= 4 && (bytes[0] & 0xFF) == 0xFF
                && (bytes[1] & 0xFF) == 0x4F && (bytes[2] & 0xFF) == 0xFF && (bytes[3] & 0xFF) == 0x51)) {
            return Optional.of("JPEG 2000");
        }
        if (startsWith(bytes, 0, "8BPS")) {
            return Optional.of("Photoshop PSD");
        }
        if (startsWith(bytes, 0, "%PDF")) {
            return Optional.of("PDF");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, int offset, String ascii) {
        if (bytes.length < offset + ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[offset + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
