package dev.facetype.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The way the README.ja quick start goes: a survey a Japanese user ran with Google Forms, opened in Excel and
 * saved as "CSV" (Shift_JIS, CRLF, Japanese headers, a grid question, an age question, stray spaces and a
 * half-width answer), fed to {@code facetype survey --photos --out}; the folders it writes go straight into
 * {@code facetype train}, all on a Japanese Windows console (MS932).
 */
class SurveyToTrainingTest {

    private static final Charset MS932 = Charset.forName("MS932");

    @TempDir
    Path temp;

    @Test
    void aJapaneseExcelSurveyBecomesFoldersThatTrainAsTheyAre() throws Exception {
        String question = "この人は何顔だと思いますか？";
        Path csv = temp.resolve("顔タイプ調査.csv");
        Files.write(csv, SurveyFiles.lines(
                "タイムスタンプ,年代," + question + " [たなか]," + question + " [すずき]," + question + " [ごとう],"
                        + question + " [さとう]," + question + " [いとう]," + question + " [わたなべ],"
                        + question + " [やまだ]",
                "2026/11/20 9:01:02,20代,しょうゆ顔,ソース顔,しょうゆ顔,ソース顔,しょうゆ顔,ソース顔,しょうゆ顔",
                "2026/11/20 9:05:40,30代,しょうゆ顔,ソース顔,しょうゆ顔,ソース顔,しょうゆ顔,ソース顔,ソース顔",
                "2026/11/20 9:12:13,20代,しょうゆ顔 ,ｿｰｽ顔,しょうゆ顔,ソース顔,ソース顔,ソース顔,",
                "2026/11/20 10:30:00,40代,しょうゆ顔,ソース顔,ソース顔,ソース顔,しょうゆ顔,しょうゆ顔,しょうゆ顔",
                "2026/11/20 11:45:59,50代,ソース顔,ソース顔,しょうゆ顔,しょうゆ顔,しょうゆ顔,ソース顔,ソース顔")
                .getBytes(MS932));

        // <photos>/<person>/<photo>; ごとう's folder in NFD, as a Mac writes it.
        Path photos = temp.resolve("写真");
        String[] people = {"たなか", "すずき", Normalizer.normalize("ごとう", Normalizer.Form.NFD), "さとう", "いとう",
            "わたなべ", "やまだ"};
        for (int i = 0; i < people.length; i++) {
            Path folder = Files.createDirectories(photos.resolve(people[i]));
            Files.copy(LondonFolders.photo("neutral", 10 + i), folder.resolve("正面.jpg"));
            Files.copy(LondonFolders.photo("smiling", 10 + i), folder.resolve("笑顔.jpg"));
        }
        Map<String, String> before = LondonFolders.snapshot(photos);
        Path faces = temp.resolve("学習用");

        JapaneseConsoleTest.Bytes survey = JapaneseConsoleTest.execute(JapaneseConsoleTest.japaneseWindowsConsole(),
                "survey", csv.toString(), "--per-type", "3", "--min-agreement", "0.5", "--photos", photos.toString(),
                "--out", faces.toString(), "--copy");
        String report = JapaneseConsoleTest.decode(survey.out(), MS932);
        assertEquals(0, survey.exitCode(), () -> report + new String(survey.err(), MS932));
        JapaneseConsoleTest.assertClean(report);
        assertTrue(report.startsWith("アンケート: " + csv + " (Shift_JIS (windows-31j)、回答者 5 人、候補 7 人)"), report);
        assertTrue(report.contains("  2 列目 '年代': "), "the age question is not counted:\n" + report);
        assertTrue(report.contains("しょうゆ顔 (16 票)、ソース顔 (18 票)"),
                "'しょうゆ顔 ' and 'ｿｰｽ顔' count as the types they mean:\n" + report);
        assertTrue(report.contains("  しょうゆ顔: たなか (80.0%)、ごとう (80.0%)、いとう (80.0%)"), report);
        assertTrue(report.contains("  ソース顔:   すずき (100.0%)、さとう (80.0%)、わたなべ (80.0%)"), report);
        assertTrue(report.contains("  しょうゆ顔/ごとう: 写真 2 枚"),
                "the NFD folder's name shows composed on the console, not as こ?とう:\n" + report);
        assertTrue(report.contains("次は: facetype train " + faces + " -o model.fty"), report);

        try (Stream<Path> written = Files.walk(faces)) {
            List<String> files = written.filter(Files::isRegularFile)
                    .map(p -> faces.relativize(p).toString().replace('\\', '/')).sorted().toList();
            assertEquals(12, files.size(), files::toString);
            assertTrue(files.contains("しょうゆ顔/たなか/笑顔.jpg"), files::toString);
            assertTrue(files.contains("ソース顔/すずき/正面.jpg"), files::toString);
            assertTrue(files.stream().noneMatch(f -> f.contains("やまだ")), "やまだ is a tie (2 to 2, one blank)");
        }

        Path model = temp.resolve("model.fty");
        JapaneseConsoleTest.Bytes train = JapaneseConsoleTest.execute(JapaneseConsoleTest.japaneseWindowsConsole(),
                "train", faces.toString(), "-o", model.toString(), "--epochs", "1", "--size", "32", "--threads", "2",
                "--cache", temp.resolve("cache").toString(), "--no-pictures");
        String out = JapaneseConsoleTest.decode(train.out(), MS932);
        String err = JapaneseConsoleTest.decode(train.err(), MS932);
        assertEquals(0, train.exitCode(), () -> out + err);
        JapaneseConsoleTest.assertClean(out);
        JapaneseConsoleTest.assertClean(err);
        assertTrue(Files.isRegularFile(model));
        assertTrue(out.lines().anyMatch(l -> l.startsWith("しょうゆ顔 ")) && out.lines().anyMatch(l -> l.startsWith("ソース顔 ")),
                "the types as the survey named them:\n" + out);
        assertTrue(out.contains("テスト用: 学習に使っていない 2 人の顔 4 枚"), "by person: one of each type tested\n" + out);
        assertTrue(out.lines().anyMatch(l -> l.matches("テスト正解率: [01]\\.\\d\\d")), out);
        assertFalse(err.contains("error") || err.contains("エラー"), err);
        assertEquals(before, LondonFolders.snapshot(photos), "the photos are only read");
    }
}
