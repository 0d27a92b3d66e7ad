package dev.facetype.dataset.survey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading survey exports: every encoding a form or Excel writes, RFC 4180 quoting, and the ways it fails. */
class SurveyTableTest {

    private static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private static final String JAPANESE = "タイムスタンプ,候補 A,候補 B\r\n"
            + "2024/05/10 13:45:12,しょうゆ顔,ソース顔\r\n"
            + "2024/05/10 13:47:03,塩顔,砂糖顔\r\n";

    @TempDir
    Path temp;

    @Test
    void utf8WithAByteOrderMarkAsGoogleFormsWritesIt() throws Exception {
        SurveyTable table = SurveyTable.read(write("google.csv", bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                JAPANESE.getBytes(StandardCharsets.UTF_8))));
        assertEquals(StandardCharsets.UTF_8, table.text().charset());
        assertTrue(table.text().byteOrderMark());
        assertEquals("UTF-8 with BOM", table.text().encodingName());
        assertEquals(List.of("タイムスタンプ", "候補 A", "候補 B"), table.header(), "the mark is not part of the first header");
        assertEquals(List.of("2024/05/10 13:45:12", "しょうゆ顔", "ソース顔"), table.rows().get(0));
    }

    @Test
    void utf8WithoutAByteOrderMark() throws Exception {
        SurveyTable table = SurveyTable.read(write("plain.csv", JAPANESE.getBytes(StandardCharsets.UTF_8)));
        assertEquals(StandardCharsets.UTF_8, table.text().charset());
        assertFalse(table.text().byteOrderMark());
        assertEquals("塩顔", table.cell(1, 1));
    }

    @Test
    void shiftJisAsExcelSavesCsvOnAJapaneseWindows() throws Exception {
        byte[] bytes = JAPANESE.getBytes(WINDOWS_31J);
        // The bytes really are Shift_JIS: し is 0x82 0xB5, and they are not valid UTF-8.
        assertEquals((byte) 0x82, "し".getBytes(WINDOWS_31J)[0]);
        assertTrue(SurveyText.firstInvalidByte(bytes, 0, StandardCharsets.UTF_8) >= 0);
        SurveyTable table = SurveyTable.read(write("excel.csv", bytes));
        assertEquals(WINDOWS_31J, table.text().charset());
        assertEquals("Shift_JIS (windows-31j)", table.text().encodingName());
        assertEquals(List.of("タイムスタンプ", "候補 A", "候補 B"), table.header());
        assertEquals(List.of("2024/05/10 13:47:03", "塩顔", "砂糖顔"), table.rows().get(1));
    }

    @Test
    void shiftJisWithWindowsOnlyCharactersAndHalfWidthKana() throws Exception {
        // ① and ～ exist only in Microsoft's Shift_JIS; ｼｮｳﾕ is half-width kana (one byte each).
        String text = "候補①,候補～\nｼｮｳﾕ顔,ソース顔\n";
        SurveyTable table = SurveyTable.read(write("kana.csv", text.getBytes(WINDOWS_31J)));
        assertEquals(WINDOWS_31J, table.text().charset());
        assertEquals(List.of("候補①", "候補～"), table.header());
        assertEquals("ｼｮｳﾕ顔", table.cell(0, 0));
    }

    @Test
    void utf16WithAMarkAndTabsAsExcelsUnicodeText() throws Exception {
        String text = "候補 A\t候補 B\r\nしょうゆ顔\t塩顔\r\n";
        SurveyTable table = SurveyTable.read(write("unicode.txt", bytes(new byte[] {(byte) 0xFF, (byte) 0xFE},
                text.getBytes(StandardCharsets.UTF_16LE))));
        assertEquals(StandardCharsets.UTF_16LE, table.text().charset());
        assertEquals('\t', table.separator());
        assertEquals(List.of("しょうゆ顔", "塩顔"), table.rows().get(0));
    }

    @Test
    void aNamedEncodingIsUsedAsIsAndItsBytesMustFit() throws Exception {
        Path file = write("named.csv", JAPANESE.getBytes(WINDOWS_31J));
        assertEquals("候補 A", SurveyTable.read(file, WINDOWS_31J).header().get(1));
        SurveyException wrong = assertThrows(SurveyException.class, () -> SurveyTable.read(file, StandardCharsets.UTF_8));
        assertEquals(SurveyException.Problem.INVALID_IN_ENCODING, wrong.problem());
        assertTrue(wrong.getMessage().startsWith(file + ": byte "), wrong.getMessage());
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() throws Exception {
        String text = "\"候補 A, 左\",\"候補 \"\"B\"\"\",\"ご意見\"\n"
                + "しょうゆ顔,\"ソース顔\",\"二行の\r\nコメント\"\n"
                + "\n"
                + "塩顔,,\n";
        SurveyTable table = SurveyTable.read(write("quoted.csv", text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("候補 A, 左", "候補 \"B\"", "ご意見"), table.header());
        assertEquals(List.of("しょうゆ顔", "ソース顔", "二行の\r\nコメント"), table.rows().get(0));
        assertEquals(List.of("塩顔", "", ""), table.rows().get(1), "the blank line is no respondent");
        assertEquals(List.of(2, 5), table.rowLines(), "rows know their lines, a quoted line break counted");
    }

    @Test
    void shortRowsArePaddedWithBlanks() throws Exception {
        SurveyTable table = SurveyTable.read(write("short.csv", "a,b,c\nしょうゆ顔\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("しょうゆ顔", "", ""), table.rows().get(0));
    }

    @Test
    void semicolonsAreFoundWhenTheHeaderUsesThem() {
        assertEquals(';', SurveyCsv.separator("a;b;c\n1,5;2;3"));
        assertEquals(',', SurveyCsv.separator("\"a;b\",c\n"));
    }

    @Test
    void failuresNameTheFileAndTheCause() throws Exception {
        Path missing = temp.resolve("なし.csv");
        assertProblem(SurveyException.Problem.FILE_MISSING, missing, missing + ": no such survey file");
        assertProblem(SurveyException.Problem.NOT_A_FILE, temp, temp + " is a folder: give the survey's CSV file");
        Path empty = write("empty.csv", new byte[0]);
        assertProblem(SurveyException.Problem.EMPTY, empty, empty + ": no header row (the first line names the questions)");
        Path headerOnly = write("header.csv", "候補 A,候補 B\r\n,\r\n".getBytes(StandardCharsets.UTF_8));
        assertProblem(SurveyException.Problem.NO_RESPONSES, headerOnly, headerOnly + ": a header but no answers");
        Path unclosed = write("unclosed.csv", "a,b\n\"しょうゆ顔,塩顔\n".getBytes(StandardCharsets.UTF_8));
        SurveyException quote = assertProblem(SurveyException.Problem.UNCLOSED_QUOTE, unclosed,
                unclosed + ": a quoted field opened on line 2 is never closed (read as UTF-8)");
        assertEquals(List.of("2"), quote.details());
        // Latin-1 bytes of "café" then 0xFF: neither valid UTF-8 nor valid windows-31j.
        Path binary = write("binary.csv", new byte[] {'c', 'a', 'f', (byte) 0xE9, ',', (byte) 0xFF, (byte) 0xFF, '\n'});
        SurveyException unknown = assertProblem(SurveyException.Problem.UNKNOWN_ENCODING, binary,
                binary + ": neither UTF-8 nor Shift_JIS (byte 3 is not UTF-8); save it as \"CSV UTF-8\"");
        assertEquals(List.of("3"), unknown.details());
    }

    private SurveyException assertProblem(SurveyException.Problem problem, Path file, String message) {
        SurveyException e = assertThrows(SurveyException.class, () -> SurveyTable.read(file));
        assertEquals(problem, e.problem(), e.getMessage());
        assertEquals(message, e.getMessage());
        assertEquals(file, e.file());
        return e;
    }

    @Test
    void readingNeverChangesTheFile() throws Exception {
        byte[] bytes = JAPANESE.getBytes(WINDOWS_31J);
        Path file = write("kept.csv", bytes);
        SurveyTable.read(file);
        assertArrayEquals(bytes, Files.readAllBytes(file));
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(temp.resolve(name), bytes);
    }

    private static byte[] bytes(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
