package dev.facetype.dataset.survey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which columns of a survey export are candidate people. Without a list from the user, a column is
 * left out when its header is one the forms add (Google Forms: タイムスタンプ / Timestamp, メールアドレス / Email
 * Address, スコア / Score; Microsoft Forms: ID, 開始時刻 / Start time, 完了時刻 / Completion time, メール / Email,
 * 名前 / Name, 最終変更時刻 / Last modified time, quiz points and feedback), when every answer is a date and
 * time, an e-mail address or a different whole number, and then, when the types are given, when none of its
 * answers is a type, or, when they are not, when it has two or more different answers and none of them appears
 * in another column (a question such as age, not about a person). With a list, exactly the listed columns are
 * candidates.
 */
final class SurveyColumns {

    private static final Set<String> FORM_HEADERS = Set.of(
            "timestamp", "タイムスタンプ", "email address", "メールアドレス", "score", "スコア", "username",
            "id", "start time", "completion time", "email", "name", "last modified time", "開始時刻", "完了時刻",
            "メール", "名前", "最終変更時刻", "total points", "quiz feedback", "合計点", "合計ポイント",
            "クイズのフィードバック", "お名前", "氏名", "your name", "respondent", "回答者");
    private static final List<String> FORM_HEADER_PREFIXES = List.of("points - ", "feedback - ", "ポイント - ",
            "フィードバック - ");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4}[/.-]\\d{1,2}[/.-]\\d{1,2}|\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|\\d{4}年\\d{1,2}月\\d{1,2}日)"
                    + "([ T].*)?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d+");
    private static final Pattern GRID_ROW = Pattern.compile("(.*?)\\s*\\[(.+)]");
    private static final Pattern RANGE = Pattern.compile("(\\d+)\\s*-\\s*(\\d+)");

    private SurveyColumns() {
    }

    /**
     * Every column with its role and, for candidates, the person it names.
     *
     * @param typeKeys the types' comparison keys ({@link Answers#key}); empty when the types are not given
     * @throws SurveyException when a listed column is not in the header, a candidate column has answers but no
     *     name, or two candidates name the same person
     */
    static List<SurveyColumn> classify(SurveyTable table, SurveySettings settings, Set<String> typeKeys) {
        int count = table.columnCount();
        ColumnRole[] roles = new ColumnRole[count];
        Set<Integer> skipped = resolve(table, settings.skipColumns());
        Set<Integer> listed = resolve(table, settings.columns());
        List<Set<String>> answers = new ArrayList<>();
        for (int column = 0; column < count; column++) {
            answers.add(answerKeys(table, column));
        }
        for (int column = 0; column < count; column++) {
            if (skipped.contains(column)) {
                roles[column] = ColumnRole.SKIPPED_BY_USER;
            } else if (!listed.isEmpty()) {
                roles[column] = listed.contains(column) ? ColumnRole.CANDIDATE : ColumnRole.NOT_LISTED;
            } else if (table.header().get(column).isBlank() && answers.get(column).isEmpty()) {
                roles[column] = ColumnRole.BLANK;
            } else {
                roles[column] = byHeaderAndContent(table, column);
            }
        }
        if (listed.isEmpty()) {
            leaveOutOtherQuestions(roles, answers, typeKeys);
        }
        return name(table, roles);
    }

    private static ColumnRole byHeaderAndContent(SurveyTable table, int column) {
        String header = Answers.key(table.header().get(column));
        if (FORM_HEADERS.contains(header) || FORM_HEADER_PREFIXES.stream().anyMatch(header::startsWith)) {
            return ColumnRole.FORM_METADATA;
        }
        List<String> values = new ArrayList<>();
        for (int row = 0; row < table.rows().size(); row++) {
            String value = table.cell(row, column).strip();
            if (!value.isEmpty()) {
                values.add(value);
            }
        }
        if (values.isEmpty()) {
            return ColumnRole.CANDIDATE;
        }
        if (values.stream().allMatch(v -> TIMESTAMP.matcher(v).matches())) {
            return ColumnRole.TIMESTAMPS;
        }
        if (values.stream().allMatch(v -> EMAIL.matcher(v).matches())) {
            return ColumnRole.EMAIL_ADDRESSES;
        }
        if (values.size() >= 2 && values.stream().allMatch(v -> WHOLE_NUMBER.matcher(v).matches())
                && new HashSet<>(values).size() == values.size()) {
            return ColumnRole.RESPONDENT_IDS;
        }
        return ColumnRole.CANDIDATE;
    }

    /** Leaves out candidate columns that are questions about something other than a person's type. */
    private static void leaveOutOtherQuestions(ColumnRole[] roles, List<Set<String>> answers, Set<String> typeKeys) {
        List<Integer> answered = new ArrayList<>();
        for (int column = 0; column < roles.length; column++) {
            if (roles[column].isCandidate() && !answers.get(column).isEmpty()) {
                answered.add(column);
            }
        }
        if (!typeKeys.isEmpty()) {
            for (int column : answered) {
                if (answers.get(column).stream().noneMatch(typeKeys::contains)) {
                    roles[column] = ColumnRole.NO_ANSWER_IS_A_TYPE;
                }
            }
            return;
        }
        // The answers found in two or more columns are the types' vocabulary. A column with several answers,
        // none of them in that vocabulary, asks something else (age, comments). A column answered with one
        // answer only is kept: it may be a person everyone put in a type nobody else is in.
        Map<String, Integer> columnsPerAnswer = new HashMap<>();
        for (int column : answered) {
            answers.get(column).forEach(a -> columnsPerAnswer.merge(a, 1, Integer::sum));
        }
        long shared = columnsPerAnswer.values().stream().filter(n -> n >= 2).count();
        if (answered.size() < 3 || shared < 2) {
            return;
        }
        for (int column : answered) {
            Set<String> own = answers.get(column);
            if (own.size() >= 2 && own.stream().allMatch(a -> columnsPerAnswer.get(a) == 1)) {
                roles[column] = ColumnRole.SHARES_NO_ANSWER;
            }
        }
    }

    /** The columns with their people: the header, or a grid question's row label in brackets. */
    private static List<SurveyColumn> name(SurveyTable table, ColumnRole[] roles) {
        Map<String, Integer> gridQuestions = new HashMap<>();
        for (int column = 0; column < roles.length; column++) {
            Matcher grid = GRID_ROW.matcher(Answers.shown(table.header().get(column)));
            if (roles[column].isCandidate() && grid.matches()) {
                gridQuestions.merge(grid.group(1), 1, Integer::sum);
            }
        }
        List<SurveyColumn> columns = new ArrayList<>();
        Map<String, SurveyColumn> byPerson = new LinkedHashMap<>();
        for (int column = 0; column < roles.length; column++) {
            String header = table.header().get(column);
            if (!roles[column].isCandidate()) {
                columns.add(new SurveyColumn(column, header, roles[column], ""));
                continue;
            }
            String person = Answers.shown(header);
            Matcher grid = GRID_ROW.matcher(person);
            if (grid.matches() && gridQuestions.getOrDefault(grid.group(1), 0) >= 2) {
                person = Answers.shown(grid.group(2));
            }
            if (person.isEmpty()) {
                throw new SurveyException(SurveyException.Problem.UNNAMED_COLUMN, table.file(),
                        List.of(Integer.toString(column + 1)), table.file() + ": column " + (column + 1)
                        + " has answers but no name in the header; name the person there, or leave the column out");
            }
            SurveyColumn named = new SurveyColumn(column, header, ColumnRole.CANDIDATE, person);
            SurveyColumn clash = byPerson.putIfAbsent(Answers.key(person), named);
            if (clash != null) {
                throw new SurveyException(SurveyException.Problem.DUPLICATE_PERSON, table.file(),
                        List.of(person, clash.header(), header), table.file() + ": columns " + clash.number() + " ('"
                        + clash.header() + "') and " + (column + 1) + " ('" + header + "') both name " + person);
            }
            columns.add(named);
        }
        return columns;
    }

    /** The distinct non-blank answers of a column, as comparison keys. */
    static Set<String> answerKeys(SurveyTable table, int column) {
        Set<String> keys = new TreeSet<>();
        for (int row = 0; row < table.rows().size(); row++) {
            String key = Answers.key(table.cell(row, column));
            if (!key.isEmpty()) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** The columns named by headers (as written, or compared as answers are) or numbers and ranges from 1. */
    private static Set<Integer> resolve(SurveyTable table, List<String> names) {
        Set<Integer> columns = new TreeSet<>();
        for (String name : names) {
            String wanted = Answers.shown(name);
            if (wanted.isEmpty()) {
                continue;
            }
            int found = -1;
            for (int column = 0; column < table.columnCount() && found < 0; column++) {
                found = Answers.shown(table.header().get(column)).equals(wanted) ? column : -1;
            }
            for (int column = 0; column < table.columnCount() && found < 0; column++) {
                found = Answers.key(table.header().get(column)).equals(Answers.key(wanted)) ? column : -1;
            }
            if (found >= 0) {
                columns.add(found);
                continue;
            }
            Matcher range = RANGE.matcher(wanted);
            if (WHOLE_NUMBER.matcher(wanted).matches() || range.matches()) {
                int first = Integer.parseInt(range.matches() ? range.group(1) : wanted);
                int last = range.matches() ? Integer.parseInt(range.group(2)) : first;
                if (first >= 1 && last >= first && last <= table.columnCount()) {
                    for (int column = first; column <= last; column++) {
                        columns.add(column - 1);
                    }
                    continue;
                }
            }
            throw new SurveyException(SurveyException.Problem.UNKNOWN_COLUMN, table.file(),
                    List.of(wanted, String.join(", ", table.header())), table.file() + ": no column '" + wanted
                    + "' (give a header or a number from 1 to " + table.columnCount() + "; the header is: "
                    + String.join(", ", table.header()) + ")");
        }
        return columns;
    }
}
