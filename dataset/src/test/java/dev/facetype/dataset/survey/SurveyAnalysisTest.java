package dev.facetype.dataset.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Counting a survey and choosing each type's representatives, on exports laid out as Google Forms and Microsoft
 * Forms write them, with Japanese headers and answers, blanks, answers that are not a type, and ties.
 */
class SurveyAnalysisTest {

    private static final List<String> STUDY_TYPES = List.of("しょうゆ顔", "ソース顔", "砂糖顔", "塩顔");
    private static final Path FILE = Path.of("アンケート.csv");

    /**
     * Google Forms: a timestamp first, then one question per candidate. 10 respondents, 6 candidates:
     * A and B clearly しょうゆ顔 (9/10 and 7/10), C ソース顔 but 2 blank (6/8), D split 4/4 between 砂糖顔 and
     * 塩顔, E 塩顔 with one "わからない" (5/9), F 塩顔 5/10 only.
     */
    private static final String GOOGLE = csv(
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

    @Test
    void googleFormsSharesAgreementAndRepresentatives() {
        SurveyResult result = analyse(GOOGLE, SurveySettings.defaults().withPerType(1));
        assertEquals(10, result.respondents());
        assertEquals(ColumnRole.FORM_METADATA, result.columns().get(0).role(), "the timestamp is not a person");
        assertEquals(List.of("候補 A", "候補 B", "候補 C", "候補 D", "候補 E", "候補 F"),
                result.people().stream().map(PersonVotes::person).toList());
        assertEquals(List.of("しょうゆ顔", "ソース顔", "砂糖顔", "塩顔", "わからない"), result.types(),
                "without --types every distinct answer is a type, in the order first given");
        assertFalse(result.typesGiven());

        PersonVotes a = person(result, "候補 A");
        assertEquals(List.of(9, 1, 0, 0, 0), a.votes());
        assertEquals(0.9, a.agreement(), 1e-12);
        PersonVotes c = person(result, "候補 C");
        assertEquals(2, c.blank(), "blank answers are counted apart");
        assertEquals(8, c.valid());
        assertEquals(0.75, c.share("ソース顔"), 1e-12, "shares are of the answers given, blanks left out");
        PersonVotes e = person(result, "候補 E");
        assertEquals(List.of(1, 1, 2, 5, 1), e.votes());
        assertEquals(Map.of(), e.otherAnswers());

        assertEquals(List.of("候補 A"), names(result.representatives().get("しょうゆ顔")), "A (0.9) beats B (0.7)");
        assertEquals(List.of("候補 C"), names(result.representatives().get("ソース顔")));
        Map<String, LeftOut> left = byPerson(result.leftOut());
        assertEquals(new LeftOut("候補 B", LeftOut.Reason.NOT_IN_TOP, List.of("しょうゆ顔"), 0.7, 2), left.get("候補 B"));
        assertEquals(LeftOut.Reason.TIE, left.get("候補 D").reason());
        assertEquals(List.of("砂糖顔", "塩顔"), left.get("候補 D").types(), "both tied types, in type order");
        assertEquals(0.5, left.get("候補 D").agreement(), 1e-12);
    }

    @Test
    void anAnswerThatIsNotAGivenTypeIsReportedNotCounted() {
        SurveyResult result = analyse(GOOGLE, SurveySettings.defaults().withTypes(STUDY_TYPES).withPerType(2));
        assertTrue(result.typesGiven());
        assertEquals(STUDY_TYPES, result.types());
        PersonVotes e = person(result, "候補 E");
        assertEquals(List.of(1, 1, 2, 5), e.votes());
        assertEquals(Map.of("わからない", 1), e.otherAnswers());
        assertEquals(9, e.valid());
        assertEquals(5.0 / 9, e.agreement(), 1e-12, "わからない is not a vote");
        assertEquals(Map.of("わからない", 1), result.otherAnswers());
        assertEquals(4, result.blankAnswers(), "C twice, D twice");
        // 塩顔: E (5/9 = 0.556) and F (5/10 = 0.5) both pass the 0.5 floor; E ranks first.
        assertEquals(List.of("候補 E", "候補 F"), names(result.representatives().get("塩顔")));
        assertEquals(List.of(), result.representatives().get("砂糖顔"));
        assertEquals(List.of("ソース顔", "砂糖顔"), result.shortTypes(), "only C is ソース顔, no one is 砂糖顔");
    }

    @Test
    void peopleBelowTheAgreementFloorAreLeftOutWithTheirShare() {
        SurveyResult result = analyse(GOOGLE, SurveySettings.defaults().withTypes(STUDY_TYPES).withMinAgreement(0.6));
        Map<String, LeftOut> left = byPerson(result.leftOut());
        assertEquals(new LeftOut("候補 E", LeftOut.Reason.BELOW_AGREEMENT, List.of("塩顔"), 5.0 / 9, 0), left.get("候補 E"));
        assertEquals(LeftOut.Reason.BELOW_AGREEMENT, left.get("候補 F").reason());
        assertEquals(List.of("候補 A", "候補 B"), names(result.representatives().get("しょうゆ顔")),
                "at 0.6, B's 0.7 still counts");
        assertEquals(List.of("候補 D", "候補 E", "候補 F"), result.leftOut().stream().map(LeftOut::person).toList(),
                "left-out people in column order");
    }

    @Test
    void theStudysFourOfSevenWithATieAtTheCutOff() {
        // 7 candidates, all しょうゆ顔 with 10, 9, 8, 7, 7, 6, 5 votes of 10: the 4th and 5th tie.
        int[] agreeing = {10, 9, 8, 7, 7, 6, 5};
        List<String> lines = new ArrayList<>();
        lines.add("Timestamp,P1,P2,P3,P4,P5,P6,P7");
        for (int row = 0; row < 10; row++) {
            StringBuilder line = new StringBuilder("5/10/2024 13:45:" + (10 + row));
            for (int votes : agreeing) {
                line.append(',').append(row < votes ? "しょうゆ顔" : "塩顔");
            }
            lines.add(line.toString());
        }
        SurveyResult result = analyse(csv(lines.toArray(String[]::new)), SurveySettings.defaults());
        assertEquals(ColumnRole.FORM_METADATA, result.columns().get(0).role());
        List<Representative> chosen = result.representatives().get("しょうゆ顔");
        assertEquals(List.of("P1", "P2", "P3", "P4"), names(chosen));
        assertEquals(new Representative("P4", "しょうゆ顔", 4, 0.7, 7), chosen.get(3));
        assertEquals(List.of(new CutoffTie("しょうゆ顔", List.of("P4"), List.of("P5"), 0.7)), result.cutoffTies());
        assertEquals(new LeftOut("P6", LeftOut.Reason.NOT_IN_TOP, List.of("しょうゆ顔"), 0.6, 6), byPerson(result.leftOut()).get("P6"));
        assertEquals(List.of(), result.representatives().get("塩顔"), "every type has an entry, even without people");
    }

    @Test
    void microsoftFormsColumnsInJapaneseAreLeftOut() {
        String text = csv("ID,開始時刻,完了時刻,メール,名前,最終変更時刻,候補 A,候補 B",
                "1,2024/05/10 13:40:00,2024/05/10 13:45:12,anonymous,,,しょうゆ顔,塩顔",
                "2,2024/05/10 13:41:00,2024/05/10 13:46:40,anonymous,,,しょうゆ顔,塩顔",
                "3,2024/05/10 13:42:00,2024/05/10 13:47:03,anonymous,,,ソース顔,砂糖顔");
        SurveyResult result = analyse(text, SurveySettings.defaults());
        assertEquals(List.of(ColumnRole.FORM_METADATA, ColumnRole.FORM_METADATA, ColumnRole.FORM_METADATA,
                ColumnRole.FORM_METADATA, ColumnRole.FORM_METADATA, ColumnRole.FORM_METADATA, ColumnRole.CANDIDATE,
                ColumnRole.CANDIDATE), roles(result));
        assertEquals(List.of("しょうゆ顔", "塩顔", "ソース顔", "砂糖顔"), result.types());
        assertEquals(List.of("候補 A"), names(result.representatives().get("しょうゆ顔")));
    }

    @Test
    void microsoftFormsInEnglishWithQuizColumnsAndUnknownMetadataFoundByContent() {
        String text = csv("Id,Start time,Completion time,Email,Name,Total points,Points - Kenji,Kenji,Submitted,Contact,Ren",
                "101,5/10/24 13:40:00,5/10/24 13:45:12,a@example.com,Aiko,0,0,soy,2024-05-10T13:45,aiko@example.jp,salt",
                "102,5/10/24 13:41:00,5/10/24 13:46:40,b@example.com,Ben,0,0,soy,2024-05-10T13:46,ben@example.jp,salt",
                "107,5/10/24 13:42:00,5/10/24 13:47:03,c@example.com,Chie,0,0,sauce,2024-05-10T13:47,chie@example.jp,soy");
        SurveyResult result = analyse(text, SurveySettings.defaults());
        List<ColumnRole> roles = roles(result);
        assertEquals(List.of(ColumnRole.FORM_METADATA, ColumnRole.FORM_METADATA, ColumnRole.FORM_METADATA,
                ColumnRole.FORM_METADATA, ColumnRole.FORM_METADATA, ColumnRole.FORM_METADATA,
                ColumnRole.FORM_METADATA, ColumnRole.CANDIDATE, ColumnRole.TIMESTAMPS, ColumnRole.EMAIL_ADDRESSES,
                ColumnRole.CANDIDATE), roles);
        assertEquals(List.of("Kenji", "Ren"), result.people().stream().map(PersonVotes::person).toList());
    }

    @Test
    void distinctWholeNumbersAreRespondentIdsButRepeatedOnesAreAnswers() {
        String text = csv("No.,1番,2番", "1,1,2", "2,1,2", "3,2,2");
        SurveyResult result = analyse(text, SurveySettings.defaults());
        assertEquals(List.of(ColumnRole.RESPONDENT_IDS, ColumnRole.CANDIDATE, ColumnRole.CANDIDATE), roles(result));
        assertEquals(List.of("1", "2"), result.types(), "types answered as numbers are still types");
    }

    @Test
    void withoutTypesAQuestionSharingNoAnswerIsNotAPersonButAUnanimousPersonIs() {
        String text = csv("タイムスタンプ,年代,候補 A,候補 B,候補 C,候補 D,ご意見",
                "2024/05/10 13:45:12,20代,しょうゆ顔,ソース顔,塩顔,砂糖顔,楽しかった",
                "2024/05/10 13:46:40,30代,しょうゆ顔,しょうゆ顔,塩顔,ソース顔,",
                "2024/05/10 13:47:03,20代,ソース顔,ソース顔,塩顔,砂糖顔,難しい");
        SurveyResult result = analyse(text, SurveySettings.defaults());
        assertEquals(ColumnRole.SHARES_NO_ANSWER, result.columns().get(1).role(), "年代: 20代/30代 appear nowhere else");
        assertEquals(ColumnRole.SHARES_NO_ANSWER, result.columns().get(6).role(), "comments");
        assertEquals(ColumnRole.CANDIDATE, result.columns().get(4).role(), "C is 塩顔 for everyone: still a person");
        assertEquals(List.of("しょうゆ顔", "ソース顔", "塩顔", "砂糖顔"), result.types());
        assertEquals(List.of("候補 C"), names(result.representatives().get("塩顔")));
    }

    @Test
    void withTypesAColumnWithoutATypeAnswerIsLeftOut() {
        String text = csv("年代,候補 A,候補 B", "20代,しょうゆ顔,塩顔", "30代,しょうゆ顔,塩顔");
        SurveyResult result = analyse(text, SurveySettings.defaults().withTypes(STUDY_TYPES));
        assertEquals(List.of(ColumnRole.NO_ANSWER_IS_A_TYPE, ColumnRole.CANDIDATE, ColumnRole.CANDIDATE), roles(result));
    }

    @Test
    void typesAreComparedIgnoringWidthSpacesAndCaseAndShownAsGiven() {
        String text = csv("Kenji,Ren", "ＳＯＹ,salt", " soy ,Salt", "soy,ｓａｌｔ");
        SurveyResult result = analyse(text, SurveySettings.defaults().withTypes(List.of("Soy", "Salt")));
        assertEquals(List.of(3, 0), person(result, "Kenji").votes());
        assertEquals(List.of(0, 3), person(result, "Ren").votes());
        assertEquals(List.of("Soy", "Salt"), List.copyOf(result.representatives().keySet()));
        SurveyResult inferred = analyse(text, SurveySettings.defaults());
        assertEquals(List.of("ＳＯＹ", "salt"), inferred.types(), "taken from the answers: the first spelling");
    }

    @Test
    void googleFormsGridQuestionsNameThePersonInBrackets() {
        String text = csv("タイムスタンプ,顔タイプは？ [候補 A],顔タイプは？ [候補 B],感想 [全体]",
                "2024/05/10 13:45:12,しょうゆ顔,塩顔,良い", "2024/05/10 13:46:40,しょうゆ顔,塩顔,普通");
        SurveyResult result = analyse(text, SurveySettings.defaults().withTypes(STUDY_TYPES));
        assertEquals(List.of("候補 A", "候補 B"), result.people().stream().map(PersonVotes::person).toList());
        assertEquals(ColumnRole.NO_ANSWER_IS_A_TYPE, result.columns().get(3).role());
    }

    @Test
    void theUserCanListOrSkipColumnsByHeaderOrNumber() {
        SurveyResult listed = analyse(GOOGLE, SurveySettings.defaults().withColumns(List.of("候補 A", "3-4")));
        assertEquals(List.of("候補 A", "候補 B", "候補 C"), listed.people().stream().map(PersonVotes::person).toList());
        assertEquals(ColumnRole.NOT_LISTED, listed.columns().get(5).role());
        SurveyResult skipped = analyse(GOOGLE, SurveySettings.defaults().withSkipColumns(List.of("候補 D", "7")));
        assertEquals(ColumnRole.SKIPPED_BY_USER, skipped.columns().get(4).role());
        assertEquals(ColumnRole.SKIPPED_BY_USER, skipped.columns().get(6).role());
        assertEquals(4, skipped.people().size());
        SurveyException unknown = assertThrows(SurveyException.class,
                () -> analyse(GOOGLE, SurveySettings.defaults().withColumns(List.of("候補 Z"))));
        assertEquals(SurveyException.Problem.UNKNOWN_COLUMN, unknown.problem());
        assertTrue(unknown.getMessage().startsWith("アンケート.csv: no column '候補 Z' (give a header or a number from 1 to 7;"),
                unknown.getMessage());
    }

    @Test
    void aPersonLeftBlankByEveryoneHasNoTypeAndOneGivenNoTypeIsNotCounted() {
        String text = csv("候補 A,候補 B,候補 C", "しょうゆ顔,,わからない", "しょうゆ顔,,?");
        SurveyResult result = analyse(text, SurveySettings.defaults().withTypes(STUDY_TYPES));
        assertEquals(List.of(new LeftOut("候補 B", LeftOut.Reason.NO_ANSWERS, List.of(), 0, 0)), result.leftOut());
        assertEquals(2, person(result, "候補 B").blank());
        assertEquals(ColumnRole.NO_ANSWER_IS_A_TYPE, result.columns().get(2).role(),
                "no answer about C is a type: reported as a column not counted");
    }

    @Test
    void mistakesInTheSurveyOrTheSettingsAreNamed() {
        SurveyException twice = assertThrows(SurveyException.class,
                () -> analyse(csv("候補 A,候補 a", "しょうゆ顔,塩顔"), SurveySettings.defaults()));
        assertEquals(SurveyException.Problem.DUPLICATE_PERSON, twice.problem());
        assertEquals("アンケート.csv: columns 1 ('候補 A') and 2 ('候補 a') both name 候補 a", twice.getMessage());
        SurveyException type = assertThrows(SurveyException.class, () -> analyse(GOOGLE,
                SurveySettings.defaults().withTypes(List.of("塩顔", " 塩顔"))));
        assertEquals(SurveyException.Problem.DUPLICATE_TYPE, type.problem());
        SurveyException none = assertThrows(SurveyException.class, () -> analyse(GOOGLE,
                SurveySettings.defaults().withTypes(List.of("醤油顔", "濃い顔"))));
        assertEquals(SurveyException.Problem.NO_CANDIDATES, none.problem());
        assertTrue(none.getMessage().contains("no answer is one of the types 醤油顔, 濃い顔 (answers seen: しょうゆ顔, ソース顔"),
                none.getMessage());
        SurveyException unnamed = assertThrows(SurveyException.class,
                () -> analyse(csv("候補 A,,候補 C", "しょうゆ顔,塩顔,塩顔"), SurveySettings.defaults()));
        assertEquals(SurveyException.Problem.UNNAMED_COLUMN, unnamed.problem());
        assertEquals(List.of("2"), unnamed.details());
        assertThrows(IllegalArgumentException.class, () -> SurveySettings.defaults().withPerType(0));
        assertThrows(IllegalArgumentException.class, () -> SurveySettings.defaults().withMinAgreement(1.5));
    }

    @Test
    void excelsTrailingEmptyColumnsAreIgnored() {
        SurveyResult result = analyse(csv("候補 A,候補 B,,", "しょうゆ顔,塩顔,,", "しょうゆ顔,塩顔,,"), SurveySettings.defaults());
        assertEquals(List.of(ColumnRole.CANDIDATE, ColumnRole.CANDIDATE, ColumnRole.BLANK, ColumnRole.BLANK), roles(result));
    }

    private static SurveyResult analyse(String text, SurveySettings settings) {
        SurveyTable table = SurveyTable.parse(FILE, new SurveyText(text, StandardCharsets.UTF_8, false));
        return SurveyAnalysis.analyse(table, settings);
    }

    private static String csv(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    private static PersonVotes person(SurveyResult result, String name) {
        return result.people().stream().filter(p -> p.person().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> names(List<Representative> representatives) {
        return representatives.stream().map(Representative::person).toList();
    }

    private static Map<String, LeftOut> byPerson(List<LeftOut> leftOut) {
        return leftOut.stream().collect(Collectors.toMap(LeftOut::person, Function.identity(), (a, b) -> a,
                LinkedHashMap::new));
    }

    private static List<ColumnRole> roles(SurveyResult result) {
        return result.columns().stream().map(SurveyColumn::role).toList();
    }
}
