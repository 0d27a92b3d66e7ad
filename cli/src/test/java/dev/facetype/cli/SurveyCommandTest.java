package dev.facetype.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.dataset.summary.DisplayWidth;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code facetype survey} as a user runs it: the report in English and Japanese from exports in UTF-8 with a BOM
 * and in Shift_JIS, Google Forms and Microsoft Forms layouts, writing the layout as links and as copies, and
 * every mistake as one line with the right exit code before anything is written.
 */
class SurveyCommandTest {

    @TempDir
    Path temp;

    @Test
    void theEnglishReportFromAGoogleFormsExportWithAByteOrderMark() throws Exception {
        Path csv = SurveyFiles.utf8WithBom(temp.resolve("google.csv"), SurveyFiles.GOOGLE_FORMS);
        Cli.Run run = Cli.run("survey", csv.toString(), "--per-type", "1", "--types", SurveyFiles.STUDY_TYPES);
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err(), "the report is the result: stdout only");
        assertEquals(List.of(
                "survey: " + csv + " (UTF-8 with BOM, 10 respondents, 6 candidates)",
                "columns not counted:",
                "  column 1 'タイムスタンプ': added by the form",
                "types (--types): しょうゆ顔 (20 votes), ソース顔 (11 votes), 砂糖顔 (9 votes), 塩顔 (15 votes)",
                "",
                "person  しょうゆ顔  ソース顔  砂糖顔    塩顔  agreement  blank  other  chosen",
                "候補 A      90.0 %    10.0 %       -       -     90.0 %      0      0  しょうゆ顔 #1",
                "候補 B      70.0 %    20.0 %       -  10.0 %     70.0 %      0      0  -",
                "候補 C      25.0 %    75.0 %       -       -     75.0 %      2      0  ソース顔 #1",
                "候補 D           -         -  50.0 %  50.0 %     50.0 %      2      0  -",
                "候補 E      11.1 %    11.1 %  22.2 %  55.6 %     55.6 %      0      1  塩顔 #1",
                "候補 F      10.0 %    10.0 %  30.0 %  50.0 %     50.0 %      0      0  -",
                "",
                "representatives (1 per type, agreement at least 50.0 %):",
                "  しょうゆ顔: 候補 A (90.0 %)",
                "  ソース顔:   候補 C (75.0 %)",
                "  砂糖顔:     nobody",
                "  塩顔:       候補 E (55.6 %)",
                "",
                "left out (3):",
                "  候補 B: ranked 2 for しょうゆ顔, which keeps 1 (--per-type)",
                "  候補 D: tie between 砂糖顔 and 塩顔 (50.0 % each)",
                "  候補 F: ranked 2 for 塩顔, which keeps 1 (--per-type)",
                "",
                "answers not counted: 4 blank, 1 not a type (わからない x1)",
                "note: 砂糖顔 has 0 of the 1 people asked for (--per-type)"), run.out().lines().toList());
    }

    @Test
    void theJapaneseReportFromShiftJisAsExcelSavesItWithAlignedColumns() throws Exception {
        Path csv = SurveyFiles.shiftJis(temp.resolve("アンケート結果.csv"), SurveyFiles.GOOGLE_FORMS);
        Cli.Run run = Cli.run("survey", csv.toString(), "--per-type", "2", "--types", SurveyFiles.STUDY_TYPES,
                "--min-agreement", "55%", "--lang", "ja");
        assertEquals(0, run.exitCode(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertEquals("アンケート: " + csv + " (Shift_JIS (windows-31j)、回答者 10 人、候補 6 人)", lines.get(0));
        assertEquals("  1 列目 'タイムスタンプ': フォームが付ける列", lines.get(2));
        assertEquals("タイプ (--types): しょうゆ顔 (20 票)、ソース顔 (11 票)、砂糖顔 (9 票)、塩顔 (15 票)", lines.get(3));
        assertEquals("人物    しょうゆ顔  ソース顔  砂糖顔   塩顔  一致度  空欄  その他  代表", lines.get(5));
        assertEquals("候補 B       70.0%     20.0%       -  10.0%   70.0%     0       0  しょうゆ顔 2 位", lines.get(7));
        List<Integer> headerEnds = cellEnds(lines.get(5));
        for (String row : lines.subList(6, 12)) {
            assertEquals(headerEnds.subList(1, 8), cellEnds(row).subList(1, 8),
                    "right-aligned columns end together in terminal columns (kanji are two wide): " + row);
        }
        assertTrue(lines.containsAll(List.of(
                "代表 (各タイプ 2 人まで、一致度 55.0% 以上):",
                "  しょうゆ顔: 候補 A (90.0%)、候補 B (70.0%)",
                "  砂糖顔:     なし",
                "除外 (2 人):",
                "  候補 D: 砂糖顔と塩顔 が同数 (それぞれ 50.0%)",
                "  候補 F: 一致度 50.0% (塩顔) が --min-agreement 55.0% 未満",
                "数えなかった回答: 空欄 4 件、タイプでない回答 1 件 (わからない 1 件)")), run.out());
    }

    @Test
    void withoutTypesEveryAnswerIsATypeAndAStrayOneIsPointedOut() throws Exception {
        Path csv = SurveyFiles.utf8WithBom(temp.resolve("google.csv"), SurveyFiles.GOOGLE_FORMS);
        Cli.Run run = Cli.run("survey", csv.toString(), "--lang", "en");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("types (every distinct answer; fix them with --types): しょうゆ顔 (20 votes),"
                + " ソース顔 (11 votes), 砂糖顔 (9 votes), 塩顔 (15 votes), わからない (1 votes)\n"), run.out());
        assertTrue(run.out().endsWith("note: わからない is no one's most chosen answer; if it is not a type, name the"
                + " types: --types しょうゆ顔,ソース顔,砂糖顔,塩顔\n"), run.out());
    }

    @Test
    void microsoftFormsColumnsSavedByExcelInShiftJisAreNotCounted() throws Exception {
        Path csv = SurveyFiles.shiftJis(temp.resolve("forms.csv"), SurveyFiles.lines(
                "ID,開始時刻,完了時刻,メール,名前,最終変更時刻,候補 A,候補 B,候補 C",
                "1,2024/5/10 13:40,2024/5/10 13:45,anonymous,,,しょうゆ顔,塩顔,ソース顔",
                "2,2024/5/10 13:41,2024/5/10 13:46,anonymous,,,しょうゆ顔,塩顔,ソース顔",
                "3,2024/5/10 13:42,2024/5/10 13:47,anonymous,,,しょうゆ顔,砂糖顔,ソース顔"));
        Cli.Run run = Cli.run("survey", csv.toString(), "--types", SurveyFiles.STUDY_TYPES);
        assertEquals(0, run.exitCode(), run::toString);
        for (String column : List.of("1 'ID'", "2 '開始時刻'", "3 '完了時刻'", "4 'メール'", "5 '名前'", "6 '最終変更時刻'")) {
            assertTrue(run.out().contains("  column " + column + ": added by the form\n"), column + "\n" + run.out());
        }
        assertTrue(run.out().contains("(Shift_JIS (windows-31j), 3 respondents, 3 candidates)"), run.out());
        assertTrue(run.out().contains("  塩顔:       候補 B (66.7 %)\n"), run.out());
    }

    @Test
    void theLayoutAsLinksToTheOriginalsWhichStayUntouched() throws Exception {
        Path csv = SurveyFiles.shiftJis(temp.resolve("survey.csv"), SurveyFiles.GOOGLE_FORMS);
        Path photos = personFolders(temp.resolve("写真"), "候補 A", "候補 B", "候補 C", "候補 D", "候補 E", "候補 F");
        Map<String, String> before = LondonFolders.snapshot(photos);
        Path out = temp.resolve("学習用");
        Cli.Run run = Cli.run("survey", csv.toString(), "--types", SurveyFiles.STUDY_TYPES, "--per-type", "2",
                "--photos", photos.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().endsWith(String.join("\n",
                "wrote " + out + " (links of the photos in " + photos + "):",
                "  しょうゆ顔/候補 A: 2 photos",
                "  しょうゆ顔/候補 B: 2 photos",
                "  ソース顔/候補 C: 2 photos",
                "  塩顔/候補 E: 2 photos",
                "  塩顔/候補 F: 2 photos",
                "next: facetype train " + out + " -o model.fty", "")), run.out());
        Path link = out.resolve("塩顔").resolve("候補 F").resolve("1.jpg");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(photos.resolve("候補 F").resolve("1.jpg").toAbsolutePath(), Files.readSymbolicLink(link));
        assertFalse(Files.exists(out.resolve("砂糖顔")), "a type without people gets no folder");
        assertEquals(before, LondonFolders.snapshot(photos), "the photos are only read");
    }

    @Test
    void theLayoutAsCopiesInJapanese() throws Exception {
        Path csv = SurveyFiles.utf8WithBom(temp.resolve("survey.csv"), SurveyFiles.GOOGLE_FORMS);
        Path photos = personFolders(temp.resolve("photos"), "候補 A", "候補 C", "候補 E");
        Path out = temp.resolve("copies");
        Cli.Run run = Cli.run("survey", csv.toString(), "--types", SurveyFiles.STUDY_TYPES, "--per-type", "1",
                "--photos", photos.toString(), "--out", out.toString(), "--copy", "--lang", "ja");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains(out + " に書き出しました (" + photos + " の写真のコピー):\n"
                + "  しょうゆ顔/候補 A: 写真 2 枚\n"), run.out());
        Path copy = out.resolve("ソース顔").resolve("候補 C").resolve("2.jpg");
        assertFalse(Files.isSymbolicLink(copy));
        assertEquals("候補 C 2", Files.readString(copy, StandardCharsets.UTF_8));
    }

    @Test
    void placesAreCheckedBeforeAnythingIsPrintedOrWritten() throws Exception {
        Path csv = SurveyFiles.utf8WithBom(temp.resolve("survey.csv"), SurveyFiles.GOOGLE_FORMS);
        Path photos = personFolders(temp.resolve("photos"), "候補 A", "候補 C", "候補 E");
        Map<String, String> before = LondonFolders.snapshot(photos);
        Cli.Run inside = Cli.run("survey", csv.toString(), "--photos", photos.toString(), "--out",
                photos.resolve("out").toString());
        assertEquals(ExitCode.USAGE.code(), inside.exitCode(), inside::toString);
        assertEquals("", inside.out(), "no report before the refusal");
        assertEquals(List.of("facetype: error: " + photos.resolve("out") + ": the layout would be written inside the"
                + " photo folder " + photos + ", which facetype never changes; write it somewhere else"), inside.errLines());
        Path used = Files.createDirectories(temp.resolve("used"));
        Files.writeString(used.resolve("mine.txt"), "keep");
        Cli.Run notEmpty = Cli.run("survey", csv.toString(), "--photos", photos.toString(), "--out", used.toString(),
                "--lang", "ja");
        assertEquals(ExitCode.USAGE.code(), notEmpty.exitCode(), notEmpty::toString);
        assertEquals(List.of("facetype: エラー: " + used + " は空ではありません: 新しいフォルダーか空のフォルダーを指定"
                + "してください (facetype は上書きも削除もしません)"), notEmpty.errLines());
        assertEquals("keep", Files.readString(used.resolve("mine.txt")));
        Cli.Run missingPerson = Cli.run("survey", csv.toString(), "--types", SurveyFiles.STUDY_TYPES, "--photos",
                photos.toString(), "--out", temp.resolve("new").toString());
        assertEquals(ExitCode.BAD_INPUT.code(), missingPerson.exitCode(), missingPerson::toString);
        assertTrue(missingPerson.errLines().get(0).startsWith("facetype: error: " + photos + ": no folder for 候補 B"
                + " (folders there: 候補 A, 候補 C, 候補 E)"), missingPerson::toString);
        assertFalse(Files.exists(temp.resolve("new")), "nothing written");
        assertEquals(before, LondonFolders.snapshot(photos));
    }

    @Test
    void mistakesAreOneLineWithTheRightExitCode() throws Exception {
        Path csv = SurveyFiles.utf8WithBom(temp.resolve("survey.csv"), SurveyFiles.GOOGLE_FORMS);
        Path missing = temp.resolve("ない.csv");
        assertOneLine(ExitCode.BAD_INPUT, "facetype: error: " + missing + ": no such survey file", "survey", missing.toString());
        assertOneLine(ExitCode.BAD_INPUT, "facetype: エラー: " + missing + ": アンケートのファイルがありません",
                "survey", missing.toString(), "--lang", "ja");
        assertOneLine(ExitCode.USAGE, "facetype: error: --out needs --photos <folder of person folders>",
                "survey", csv.toString(), "--out", temp.resolve("o").toString());
        assertOneLine(ExitCode.USAGE, "facetype survey: Invalid value for option '--min-agreement': 'abc' is not a share"
                + " from 0 to 1 or a percentage such as 50% (see 'facetype survey --help')",
                "survey", csv.toString(), "--min-agreement", "abc");
        assertOneLine(ExitCode.USAGE, "facetype: error: --per-type must be at least 1, got 0",
                "survey", csv.toString(), "--per-type", "0");
        assertOneLine(ExitCode.USAGE, "facetype: error: --encoding: unknown encoding 'shift-jiz'; use for example UTF-8"
                + " or windows-31j", "survey", csv.toString(), "--encoding", "shift-jiz");
        Cli.Run column = Cli.run("survey", csv.toString(), "--columns", "候補 Z", "--lang", "ja");
        assertEquals(ExitCode.USAGE.code(), column.exitCode(), column::toString);
        assertTrue(column.errLines().get(0).startsWith("facetype: エラー: " + csv + ": 列 '候補 Z' がありません"),
                column::toString);
        Cli.Run both = Cli.run("survey", csv.toString(), "--link", "--copy");
        assertEquals(ExitCode.USAGE.code(), both.exitCode(), both::toString);
    }

    @Test
    void theHelpInBothLanguages() {
        Cli.Run english = Cli.run("survey", "--help");
        assertEquals(0, english.exitCode());
        assertTrue(english.out().startsWith("Usage: facetype survey "), english.out());
        for (String option : List.of("--per-type", "--min-agreement", "--types", "--columns", "--skip-columns",
                "--encoding", "--photos", "--out", "--link", "--copy", "--lang")) {
            assertTrue(english.out().contains(option), option);
        }
        assertTrue(english.out().contains("a percentage such as 50%"), english.out());
        assertEquals("", english.err(), "picocli formatted every description");
        Cli.Run japanese = Cli.run("survey", "--help", "--lang", "ja");
        assertTrue(japanese.out().startsWith("使い方: facetype survey "), japanese.out());
        assertTrue(japanese.out().contains("アンケートの結果 (Google フォームや Microsoft Forms の CSV) から"),
                japanese.out());
        assertTrue(japanese.out().contains("各タイプに残す人数。"), japanese.out());
        assertFalse(japanese.err().contains("WARN"), "every description formats: " + japanese.err());
        assertTrue(japanese.out().contains("終了コード:"), japanese.out());
    }

    private static void assertOneLine(ExitCode code, String line, String... args) {
        Cli.Run run = Cli.run(args);
        assertEquals(code.code(), run.exitCode(), run::toString);
        assertEquals(List.of(line), run.errLines(), run::toString);
    }

    /** {@code root/<person>/1.jpg} and {@code 2.jpg} for each person (the command never decodes them). */
    private static Path personFolders(Path root, String... people) throws Exception {
        for (String person : people) {
            Path folder = Files.createDirectories(root.resolve(person));
            Files.writeString(folder.resolve("1.jpg"), person + " 1", StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("2.jpg"), person + " 2", StandardCharsets.UTF_8);
        }
        return root;
    }

    /** The terminal column where each cell of a table line ends (cells are apart by two spaces or more). */
    static List<Integer> cellEnds(String line) {
        List<Integer> ends = new ArrayList<>();
        int column = 0;
        int spaces = 0;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == ' ') {
                spaces++;
            } else {
                if (spaces >= 2) {
                    ends.add(column - spaces);
                }
                spaces = 0;
            }
            column += DisplayWidth.of(new String(Character.toChars(cp)));
        }
        ends.add(column - spaces);
        return ends;
    }
}
