package dev.facetype.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a Japanese user meets it, through {@link FaceTypeCommand#execute} with the system
 * properties Java reports: on a Japanese Windows console (MS932) the bytes of Japanese messages and type names
 * decode as MS932 without a replacement character; elsewhere they are UTF-8. A Japanese locale gives Japanese
 * messages, {@code --lang en} English ones, and type names are printed as the folders name them.
 */
class JapaneseConsoleTest {

    private static final Charset MS932 = Charset.forName("MS932");

    @TempDir
    Path temp;

    /** What one run wrote, as bytes. */
    record Bytes(int exitCode, byte[] out, byte[] err) {
    }

    static Bytes execute(Properties properties, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FaceTypeCommand.execute(args, out, err, properties);
        return new Bytes(code, out.toByteArray(), err.toByteArray());
    }

    /** Java 17 on a Japanese Windows, both streams on the console (code page 932). */
    static Properties japaneseWindowsConsole() {
        Properties properties = new Properties();
        properties.setProperty("os.name", "Windows 10");
        properties.setProperty("user.language", "ja");
        properties.setProperty("user.country", "JP");
        properties.setProperty("sun.stdout.encoding", "MS932");
        properties.setProperty("sun.stderr.encoding", "MS932");
        properties.setProperty("file.encoding", "MS932");
        return properties;
    }

    /** Java 17 on Linux in a Japanese locale (LANG=ja_JP.UTF-8). */
    static Properties japaneseLinux() {
        Properties properties = new Properties();
        properties.setProperty("os.name", "Linux");
        properties.setProperty("user.language", "ja");
        properties.setProperty("user.country", "JP");
        properties.setProperty("file.encoding", "UTF-8");
        return properties;
    }

    /** Java on Linux in an English locale. */
    static Properties englishLinux() {
        Properties properties = japaneseLinux();
        properties.setProperty("user.language", "en");
        properties.setProperty("user.country", "US");
        return properties;
    }

    /** {@code bytes} decoded strictly: an error on any byte sequence that is not {@code charset}. */
    static String decode(byte[] bytes, Charset charset) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** No sign of a character that could not be written or read. */
    static void assertClean(String text) {
        assertFalse(text.contains("?"), "a character the console charset could not hold: " + text);
        assertFalse(text.contains("\uFFFD"), "a replacement character: " + text);
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void aJapaneseWindowsConsoleGetsTheReportAndErrorsInMs932() throws Exception {
        Path csv = SurveyFiles.shiftJis(temp.resolve("アンケート結果.csv"), SurveyFiles.GOOGLE_FORMS);
        Bytes run = execute(japaneseWindowsConsole(), "survey", csv.toString(), "--types", SurveyFiles.STUDY_TYPES,
                "--per-type", "1");
        assertEquals(0, run.exitCode(), () -> new String(run.err(), MS932));

        String out = decode(run.out(), MS932);
        assertClean(out);
        assertTrue(out.startsWith("アンケート: " + csv + " (Shift_JIS (windows-31j)、回答者 10 人、候補 6 人)"), out);
        assertTrue(out.contains("  しょうゆ顔: 候補 A (90.0%)"), out);
        assertTrue(out.contains("  砂糖顔:     なし"), out);
        assertTrue(contains(run.out(), "しょうゆ顔".getBytes(MS932)), "the type name in Shift_JIS bytes");
        assertFalse(contains(run.out(), "しょうゆ顔".getBytes(StandardCharsets.UTF_8)), "not in UTF-8 bytes");
        assertThrows(CharacterCodingException.class, () -> decode(run.out(), StandardCharsets.UTF_8),
                "read as UTF-8 this would be mojibake, so it is not UTF-8");

        Bytes linux = execute(japaneseLinux(), "survey", csv.toString(), "--types", SurveyFiles.STUDY_TYPES,
                "--per-type", "1");
        assertEquals(0, linux.exitCode());
        assertEquals(out, decode(linux.out(), StandardCharsets.UTF_8), "the same text, only the bytes differ");

        Path missing = temp.resolve("ない.csv");
        Bytes error = execute(japaneseWindowsConsole(), "survey", missing.toString());
        assertEquals(ExitCode.BAD_INPUT.code(), error.exitCode());
        assertEquals(0, error.out().length);
        String err = decode(error.err(), MS932);
        assertClean(err);
        assertEquals("facetype: エラー: " + missing + ": アンケートのファイルがありません" + System.lineSeparator(), err);
    }

    @Test
    void theDefaultEverywhereElseIsUtf8AndTheOptionOrPropertyChooses() throws Exception {
        Path csv = SurveyFiles.utf8WithBom(temp.resolve("survey.csv"), SurveyFiles.GOOGLE_FORMS);
        String[] args = {"survey", csv.toString(), "--types", SurveyFiles.STUDY_TYPES};
        Bytes linux = execute(japaneseLinux(), args);
        assertEquals(0, linux.exitCode());
        String utf8 = decode(linux.out(), StandardCharsets.UTF_8);
        assertClean(utf8);
        assertTrue(utf8.contains("タイプ (--types): しょうゆ顔 (20 票)、ソース顔 (11 票)、砂糖顔 (9 票)、塩顔 (15 票)"), utf8);

        Properties englishConsole = japaneseWindowsConsole();
        englishConsole.setProperty("sun.stdout.encoding", "cp437");
        englishConsole.setProperty("sun.stderr.encoding", "cp437");
        assertArrayEquals(linux.out(), execute(englishConsole, args).out(),
                "a console that cannot write Japanese (437) gets UTF-8, not question marks");

        String[] withOption = {"survey", csv.toString(), "--types", SurveyFiles.STUDY_TYPES, "--console-encoding",
                "windows-31j"};
        assertEquals(utf8, decode(execute(japaneseLinux(), withOption).out(), MS932), "--console-encoding windows-31j");
        Properties property = japaneseLinux();
        property.setProperty(FaceTypeCommand.CONSOLE_ENCODING_PROPERTY, "MS932");
        assertEquals(utf8, decode(execute(property, args).out(), MS932), "-Dfacetype.console.encoding=MS932");
        String[] utf8Option = {"--console-encoding=UTF-8", "survey", csv.toString(), "--types", SurveyFiles.STUDY_TYPES};
        assertArrayEquals(linux.out(), execute(japaneseWindowsConsole(), utf8Option).out(),
                "--console-encoding UTF-8 on Windows after chcp 65001");
    }

    @Test
    void anUnknownEncodingIsAUsageErrorOfOneLine() throws Exception {
        Path csv = SurveyFiles.utf8WithBom(temp.resolve("survey.csv"), SurveyFiles.GOOGLE_FORMS);
        Bytes option = execute(japaneseLinux(), "survey", csv.toString(), "--console-encoding", "shift-jiz", "--lang", "en");
        assertEquals(ExitCode.USAGE.code(), option.exitCode());
        assertEquals(0, option.out().length, "nothing but the error");
        assertEquals("facetype survey: Invalid value for option '--console-encoding': unknown encoding 'shift-jiz';"
                + " use for example UTF-8 or windows-31j (see 'facetype survey --help')",
                decode(option.err(), StandardCharsets.UTF_8).strip());

        Properties badProperty = japaneseWindowsConsole();
        badProperty.setProperty(FaceTypeCommand.CONSOLE_ENCODING_PROPERTY, "shift-jiz");
        Bytes property = execute(badProperty, "survey", csv.toString());
        assertEquals(ExitCode.USAGE.code(), property.exitCode());
        assertEquals(0, property.out().length, "nothing but the error");
        assertEquals("facetype: エラー: -Dfacetype.console.encoding: unknown encoding 'shift-jiz'; use for example UTF-8"
                + " or windows-31j", decode(property.err(), StandardCharsets.UTF_8).strip());
    }

    @Test
    void aJapaneseLocaleSpeaksJapaneseLangEnOverridesAndTypeNamesStayAsTheFoldersGiveThem() throws Exception {
        String nfc = "ぱっちり顔";
        String nfd = Normalizer.normalize(nfc, Normalizer.Form.NFD);
        assertFalse(nfc.equals(nfd), "ぱ decomposes into は and a combining mark, as macOS writes folder names");
        String halfWidth = "ｿｰｽ顔";
        Path photos = temp.resolve("写真");
        copyPhoto(photos.resolve("しょうゆ顔").resolve("たなか"), "neutral", 0);
        copyPhoto(photos.resolve(nfd).resolve("すずき"), "smiling", 1);
        copyPhoto(photos.resolve(halfWidth).resolve("さとう"), "neutral", 2);
        Files.writeString(photos.resolve("しょうゆ顔").resolve("たなか").resolve("メモ.txt"), "写真ではありません");
        Path cache = temp.resolve("cache");

        Bytes japanese = execute(japaneseWindowsConsole(), "prepare", photos.toString(), "--cache", cache.toString());
        assertEquals(0, japanese.exitCode(), () -> new String(japanese.err(), MS932));
        String out = decode(japanese.out(), MS932);
        String err = decode(japanese.err(), MS932);
        assertClean(out);
        assertClean(err);
        assertTrue(err.contains("枚を") && err.contains("で準備しました"), "the locale's Japanese: " + err);
        assertTrue(out.contains("除外した写真 (1 枚):"), out);
        assertTrue(out.contains("しょうゆ顔/たなか/メモ.txt: 読み飛ばし、"), out);
        for (String label : new String[] {"しょうゆ顔", nfc, halfWidth}) {
            assertTrue(out.lines().anyMatch(line -> line.startsWith(label + " ")), label + " as a row:\n" + out);
        }
        assertFalse(out.contains("\u309A"), "the NFD folder's label is printed in NFC, the form labels are compared in");
        assertFalse(out.contains("ソース顔"), "half-width katakana are printed as the folder has them, not widened");

        Bytes english = execute(japaneseWindowsConsole(), "prepare", photos.toString(), "--cache", cache.toString(),
                "--lang", "en");
        assertEquals(0, english.exitCode());
        String englishOut = decode(english.out(), MS932);
        assertClean(englishOut);
        assertTrue(englishOut.contains("left out (1):"), englishOut);
        assertTrue(englishOut.contains("しょうゆ顔/たなか/メモ.txt: skipped, not an image"), englishOut);
        assertFalse(englishOut.contains("除外した写真"), englishOut);
        assertTrue(decode(english.err(), MS932).contains("prepared 3 photos"), decode(english.err(), MS932));
        for (String label : new String[] {"しょうゆ顔", nfc, halfWidth}) {
            assertTrue(englishOut.lines().anyMatch(line -> line.startsWith(label + " ")), label + ":\n" + englishOut);
        }

        Bytes englishLocale = execute(englishLinux(), "prepare", photos.toString(), "--cache", cache.toString());
        assertEquals(decode(english.out(), MS932), decode(englishLocale.out(), StandardCharsets.UTF_8),
                "an English locale speaks English without --lang");
        Bytes langJa = execute(englishLinux(), "--lang", "ja", "prepare", photos.toString(), "--cache", cache.toString());
        assertEquals(out, decode(langJa.out(), StandardCharsets.UTF_8), "--lang ja before the command works too");
    }

    private static void copyPhoto(Path person, String expression, int index) throws Exception {
        Files.createDirectories(person);
        Files.copy(LondonFolders.photo(expression, index), person.resolve("1.jpg"));
    }
}
