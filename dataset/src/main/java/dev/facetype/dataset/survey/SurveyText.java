package dev.facetype.dataset.survey;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The text of a survey file and the encoding it was read in. Survey exports come as UTF-8 with a byte order
 * mark (Google Forms, Excel's "CSV UTF-8"), UTF-8 without one, Shift_JIS (Excel's plain "CSV" on a Japanese
 * Windows, really Microsoft's windows-31j), or UTF-16 (Excel's "Unicode text"). Detection, in order:
 * <ol>
 *   <li>a byte order mark says UTF-8, UTF-16LE or UTF-16BE;</li>
 *   <li>without one, zero bytes in every other position say UTF-16;</li>
 *   <li>bytes that are valid UTF-8 are UTF-8 (plain ASCII included): Shift_JIS Japanese is almost never
 *       valid UTF-8, because its lead bytes 0x81-0x9F are UTF-8 continuation bytes;</li>
 *   <li>else bytes that are valid windows-31j are Shift_JIS;</li>
 *   <li>else the file is refused, naming the first byte that is not UTF-8.</li>
 * </ol>
 * A named encoding skips detection; its bytes must then be valid in it.
 *
 * @param text          the decoded text, without the byte order mark
 * @param charset       the encoding used
 * @param byteOrderMark whether the file started with a byte order mark
 */
public record SurveyText(String text, Charset charset, boolean byteOrderMark) {

    /** Microsoft's Shift_JIS, as Excel writes it on a Japanese Windows. */
    public static final Charset SHIFT_JIS = Charset.forName("windows-31j");

    private static final int SNIFF_BYTES = 4096;

    /** How the encoding is shown: {@code UTF-8 with BOM}, {@code Shift_JIS (windows-31j)}, ... */
    public String encodingName() {
        String name = charset.equals(SHIFT_JIS) ? "Shift_JIS (windows-31j)" : charset.name();
        return byteOrderMark ? name + " with BOM" : name;
    }

    /**
     * Decodes {@code bytes}, detecting the encoding unless {@code forced} names one.
     *
     * @param file for error messages
     * @throws SurveyException {@code UNKNOWN_ENCODING} or {@code INVALID_IN_ENCODING}
     */
    public static SurveyText decode(byte[] bytes, Charset forced, Path file) {
        Charset bomCharset = byteOrderMark(bytes);
        int bomLength = bomCharset == null ? 0 : bomCharset.equals(StandardCharsets.UTF_8) ? 3 : 2;
        if (forced != null) {
            boolean bom = bomCharset != null && bomCharset.equals(forced);
            int start = bom ? bomLength : 0;
            int invalid = firstInvalidByte(bytes, start, forced);
            if (invalid >= 0) {
                throw new SurveyException(SurveyException.Problem.INVALID_IN_ENCODING, file,
                        List.of(forced.name(), Integer.toString(invalid)), file + ": byte " + invalid
                        + " is not valid " + forced.name() + "; leave out the encoding to detect it");
            }
            return new SurveyText(decode(bytes, start, forced), forced, bom);
        }
        if (bomCharset != null) {
            // The mark says what the file is: a damaged sequence further on becomes U+FFFD, an unknown answer.
            return new SurveyText(decode(bytes, bomLength, bomCharset), bomCharset, true);
        }
        Charset utf16 = utf16WithoutMark(bytes);
        if (utf16 != null) {
            return new SurveyText(decode(bytes, 0, utf16), utf16, false);
        }
        int notUtf8 = firstInvalidByte(bytes, 0, StandardCharsets.UTF_8);
        if (notUtf8 < 0) {
            return new SurveyText(decode(bytes, 0, StandardCharsets.UTF_8), StandardCharsets.UTF_8, false);
        }
        if (firstInvalidByte(bytes, 0, SHIFT_JIS) < 0) {
            return new SurveyText(decode(bytes, 0, SHIFT_JIS), SHIFT_JIS, false);
        }
        throw new SurveyException(SurveyException.Problem.UNKNOWN_ENCODING, file, List.of(Integer.toString(notUtf8)),
                file + ": neither UTF-8 nor Shift_JIS (byte " + notUtf8 + " is not UTF-8); save it as \"CSV UTF-8\"");
    }

    private static Charset byteOrderMark(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    /** UTF-16 without a mark: most of the high (or low) bytes of the first characters are zero. */
    private static Charset utf16WithoutMark(byte[] bytes) {
        int pairs = Math.min(bytes.length, SNIFF_BYTES) / 2;
        if (pairs < 2) {
            return null;
        }
        int zeroEven = 0;
        int zeroOdd = 0;
        for (int i = 0; i < pairs; i++) {
            zeroEven += bytes[2 * i] == 0 ? 1 : 0;
            zeroOdd += bytes[2 * i + 1] == 0 ? 1 : 0;
        }
        if (zeroOdd > pairs * 0.4 && zeroEven == 0) {
            return StandardCharsets.UTF_16LE;
        }
        if (zeroEven > pairs * 0.4 && zeroOdd == 0) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    /** The offset of the first byte that is not valid in {@code charset}, or -1. */
    static int firstInvalidByte(byte[] bytes, int start, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (!result.isOverflow()) {
                break; // Underflow: every byte decoded.
            }
            out.clear();
        }
        CoderResult end;
        do {
            out.clear();
            end = decoder.flush(out);
        } while (end.isOverflow());
        return end.isError() ? in.position() : -1;
    }

    private static String decode(byte[] bytes, int start, Charset charset) {
        return new String(bytes, start, bytes.length - start, charset);
    }
}
