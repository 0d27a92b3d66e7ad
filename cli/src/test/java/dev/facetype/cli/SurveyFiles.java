package dev.facetype.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Survey exports written as the forms and Excel write them, for the survey command's tests. */
final class SurveyFiles {

    /** Microsoft's Shift_JIS, as Excel saves "CSV" on a Japanese Windows. */
    static final Charset WINDOWS_31J = Charset.forName("windows-31j");

    /**
     * Google Forms, Japanese: a timestamp, then 6 candidates; 10 respondents. A and B clearly しょうゆ顔 (9/10,
     * 7/10), C ソース顔 with 2 blanks (6/8), D tied 4/4 between 砂糖顔 and 塩顔 (2 blank), E 塩顔 with one
     * "わからない" (5/9), F 塩顔 5/10.
     */
    static final String GOOGLE_FORMS = lines(
            "タイムスタンプ,候補 A,候補 B,候補 C,候補 D,候補 E,候補 F",
            "2024/05/10 13:45:12,しょうゆ顔,しょうゆ顔,ソース顔,砂糖顔,塩顔,塩顔",
            "2024/05/10 13:46:40,しょうゆ顔,しょうゆ顔,ソース顔,砂糖顔,塩顔,塩顔",
            "2024/05/10 13:47:03,しょうゆ顔,しょうゆ顔,ソース顔,砂糖顔,塩顔,塩顔",
            "2024/05/10 13:50:31,しょうゆ顔,しょうゆ顔,ソース顔,砂糖顔,塩顔,塩顔",
            "2024/05/10 14:02:00,しょうゆ顔,しょうゆ顔,ソース顔,塩顔,塩顔,塩顔",
            "2024/05/10 14:05:59,しょうゆ顔,しょうゆ顔,ソース顔,塩顔,砂糖顔,砂糖顔",
            "2024/05/10 14:10:10,しょうゆ顔,しょうゆ顔,,塩顔,砂糖顔,砂糖顔",
            "2024/05/10 14:11:11,しょうゆ顔,ソース顔,,塩顔,しょうゆ顔,砂糖顔",
            "2024/05/10 14:12:12,しょうゆ顔,ソース顔,しょうゆ顔,,ソース顔,ソース顔",
            "2024/05/10 14:13:13,ソース顔,塩顔,しょうゆ顔,,わからない,しょうゆ顔");

    /** The study's four types, as --types takes them. */
    static final String STUDY_TYPES = "しょうゆ顔,ソース顔,砂糖顔,塩顔";

    private SurveyFiles() {
    }

    /** Lines joined with CRLF, as both forms and Excel end them. */
    static String lines(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    /** {@code text} in UTF-8 after a byte order mark, as Google Forms and Excel's "CSV UTF-8" write it. */
    static Path utf8WithBom(Path file, String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return write(file, bytes.toByteArray());
    }

    /** {@code text} in Shift_JIS (windows-31j), as Excel's plain "CSV" on a Japanese Windows. */
    static Path shiftJis(Path file, String text) throws IOException {
        return write(file, text.getBytes(WINDOWS_31J));
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, bytes);
    }
}
