package dev.facetype.cli.render;

import dev.facetype.cli.i18n.Messages;
import dev.facetype.dataset.summary.DisplayWidth;
import dev.facetype.dataset.survey.CutoffTie;
import dev.facetype.dataset.survey.LeftOut;
import dev.facetype.dataset.survey.PersonVotes;
import dev.facetype.dataset.survey.RepresentativeFolders;
import dev.facetype.dataset.survey.Representative;
import dev.facetype.dataset.survey.SurveyColumn;
import dev.facetype.dataset.survey.SurveyResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link SurveyResult} as text: what was read, the columns not counted, the types, a table of every person's
 * shares, the representatives per type, everyone left out with the reason, and the answers not counted. Type
 * and person names are shown exactly as the survey gives them; columns line up with Japanese text.
 */
public final class SurveyReport {

    private static final String GAP = "  ";

    private SurveyReport() {
    }

    /** The whole report, ending with a line break. */
    public static String render(SurveyResult result, Messages messages) {
        StringBuilder out = new StringBuilder();
        out.append(messages.get("survey.heading", result.table().file(), result.table().text().encodingName(),
                result.respondents(), result.people().size())).append('\n');
        List<SurveyColumn> skipped = result.skippedColumns();
        if (!skipped.isEmpty()) {
            out.append(messages.get("survey.skippedColumns")).append('\n');
            for (SurveyColumn column : skipped) {
                out.append(messages.get("survey.skippedColumn", column.number(), column.header(),
                        messages.get("survey.role." + column.role().name()))).append('\n');
            }
        }
        out.append(messages.get(result.typesGiven() ? "survey.typesGiven" : "survey.typesAnswered",
                typesWithVotes(result, messages))).append('\n');
        out.append('\n').append(table(result, messages));
        out.append('\n').append(representatives(result, messages));
        leftOut(result, messages, out);
        notCounted(result, messages, out);
        for (CutoffTie tie : result.cutoffTies()) {
            out.append(messages.get("survey.cutoffTie", tie.type(), join(concat(tie.kept(), tie.notKept()), messages),
                    messages.percent(tie.share()), join(tie.kept(), messages))).append('\n');
        }
        List<String> nobodysType = nobodysType(result);
        for (String type : result.shortTypes()) {
            if (!nobodysType.contains(type)) {
                out.append(messages.get("survey.fewerPeople", type, result.representatives().get(type).size(),
                        result.settings().perType())).append('\n');
            }
        }
        if (!nobodysType.isEmpty()) {
            List<String> others = result.types().stream().filter(t -> !nobodysType.contains(t)).toList();
            out.append(messages.get("survey.notAType", join(nobodysType, messages), String.join(",", others)))
                    .append('\n');
        }
        return out.toString();
    }

    /** The lines after writing the layout: where, how, each person folder, and the command to train. */
    public static String renderWritten(RepresentativeFolders.Written written, Path photos, Messages messages) {
        StringBuilder out = new StringBuilder();
        out.append(messages.get("survey.wrote", written.folder(), messages.get("survey.mode." + written.mode().name()),
                photos)).append('\n');
        for (RepresentativeFolders.WrittenPerson person : written.people()) {
            out.append(messages.get("survey.wrotePerson", person.type(), person.person(), person.photos())).append('\n');
        }
        out.append(messages.get("survey.next", written.folder())).append('\n');
        return out.toString();
    }

    /**
     * Types taken from the answers that are no one's most chosen type: probably answers such as "don't know"
     * rather than types; the user is told how to name the types.
     */
    private static List<String> nobodysType(SurveyResult result) {
        if (result.typesGiven()) {
            return List.of();
        }
        return result.types().stream().filter(t -> result.people().stream().noneMatch(p -> p.topTypes().contains(t)))
                .toList();
    }

    private static String typesWithVotes(SurveyResult result, Messages messages) {
        List<String> parts = new ArrayList<>();
        for (String type : result.types()) {
            int votes = result.people().stream().mapToInt(p -> p.votesFor(type)).sum();
            parts.add(messages.get("survey.typeVotes", type, votes));
        }
        return String.join(messages.get("survey.listComma"), parts);
    }

    /** person | share per type | agreement | blank | other | chosen as */
    private static String table(SurveyResult result, Messages messages) {
        Map<String, String> chosenAs = new HashMap<>();
        result.representatives().forEach((type, list) -> list.forEach(r -> chosenAs.put(r.person(),
                messages.get("survey.table.rank", type, r.rank()))));
        List<List<String>> rows = new ArrayList<>();
        List<String> heading = new ArrayList<>();
        heading.add(messages.get("survey.table.person"));
        heading.addAll(result.types());
        heading.addAll(List.of(messages.get("survey.table.agreement"), messages.get("survey.table.blank"),
                messages.get("survey.table.other"), messages.get("survey.table.chosen")));
        rows.add(heading);
        for (PersonVotes person : result.people()) {
            List<String> row = new ArrayList<>();
            row.add(person.person());
            for (String type : result.types()) {
                row.add(person.votesFor(type) == 0 ? "-" : messages.percent(person.share(type)));
            }
            row.add(person.valid() == 0 ? "-" : messages.percent(person.agreement()));
            row.add(Integer.toString(person.blank()));
            row.add(Integer.toString(person.other()));
            row.add(chosenAs.getOrDefault(person.person(), "-"));
            rows.add(row);
        }
        int[] widths = new int[heading.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], DisplayWidth.of(row.get(i)));
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                boolean text = i == 0 || i == row.size() - 1;
                line.append(i == 0 ? "" : GAP).append(text ? DisplayWidth.padRight(row.get(i), widths[i])
                        : DisplayWidth.padLeft(row.get(i), widths[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String representatives(SurveyResult result, Messages messages) {
        StringBuilder out = new StringBuilder(messages.get("survey.representatives", result.settings().perType(),
                messages.percent(result.settings().minAgreement()))).append('\n');
        int width = result.types().stream().mapToInt(DisplayWidth::of).max().orElse(0);
        for (Map.Entry<String, List<Representative>> entry : result.representatives().entrySet()) {
            List<String> names = new ArrayList<>();
            for (Representative r : entry.getValue()) {
                names.add(messages.get("survey.representative", r.person(), messages.percent(r.share())));
            }
            String list = names.isEmpty() ? messages.get("survey.nobody")
                    : String.join(messages.get("survey.listComma"), names);
            out.append(messages.get("survey.representativesOfType", DisplayWidth.padRight(entry.getKey() + ":", width + 1),
                    list)).append('\n');
        }
        return out.toString();
    }

    private static void leftOut(SurveyResult result, Messages messages, StringBuilder out) {
        if (result.leftOut().isEmpty()) {
            return;
        }
        out.append('\n').append(messages.get("survey.leftOut", result.leftOut().size())).append('\n');
        for (LeftOut person : result.leftOut()) {
            String agreement = messages.percent(person.agreement());
            String line = switch (person.reason()) {
                case NO_ANSWERS -> messages.get("survey.leftOut.NO_ANSWERS", person.person());
                case TIE -> messages.get("survey.leftOut.TIE", person.person(), join(person.types(), messages), agreement);
                case BELOW_AGREEMENT -> messages.get("survey.leftOut.BELOW_AGREEMENT", person.person(), agreement,
                        person.types().get(0), messages.percent(result.settings().minAgreement()));
                case NOT_IN_TOP -> messages.get("survey.leftOut.NOT_IN_TOP", person.person(), person.rank(),
                        person.types().get(0), result.settings().perType());
            };
            out.append(line).append('\n');
        }
    }

    private static void notCounted(SurveyResult result, Messages messages, StringBuilder out) {
        Map<String, Integer> other = result.otherAnswers();
        int otherCount = other.values().stream().mapToInt(Integer::intValue).sum();
        if (result.blankAnswers() == 0 && otherCount == 0) {
            return;
        }
        if (otherCount == 0) {
            out.append('\n').append(messages.get("survey.notCountedBlank", result.blankAnswers())).append('\n');
            return;
        }
        List<String> answers = new ArrayList<>();
        other.forEach((answer, n) -> answers.add(messages.get("survey.otherAnswer", answer, n)));
        out.append('\n').append(messages.get("survey.notCounted", result.blankAnswers(), otherCount,
                String.join(messages.get("survey.listComma"), answers))).append('\n');
    }

    /** "A and B", "A, B and C" (Japanese: A と B). */
    private static String join(List<String> names, Messages messages) {
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(messages.get("survey.listComma"), names.subList(0, names.size() - 1))
                + messages.get("survey.listAnd") + names.get(names.size() - 1);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
