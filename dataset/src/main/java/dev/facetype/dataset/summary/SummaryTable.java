package dev.facetype.dataset.summary;

import dev.facetype.dataset.manifest.FileReason;
import dev.facetype.dataset.summary.DatasetSummary.Counts;
import dev.facetype.dataset.summary.DatasetSummary.Row;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders a {@link DatasetSummary} as plain text: the flow chart, then tables per type and per person, with
 * columns lined up for wide (Japanese) characters. Returns strings; prints nothing.
 */
public final class SummaryTable {

    private SummaryTable() {
    }

    /** The flow chart, the type table and (when there are persons) the person table. */
    public static String render(DatasetSummary summary) {
        StringBuilder out = new StringBuilder(flowChart(summary)).append('\n').append(perType(summary));
        if (!summary.persons().isEmpty()) {
            out.append('\n').append(perPerson(summary));
        }
        return out.toString();
    }

    /** The study's flow chart: found, rejected by reason, kept, augmented, train, (validation,) test. */
    public static String flowChart(DatasetSummary summary) {
        Counts total = summary.total();
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"photos found", number(total.found()), ""});
        lines.add(new String[] {"rejected", number(total.rejectedTotal()), reasons(total.rejected())});
        lines.add(new String[] {"kept", number(total.kept()), ""});
        lines.add(new String[] {"augmented x16", number(total.augmented()), ""});
        if (summary.mode().isPresent()) {
            lines.add(new String[] {"train", number(total.train()), "(" + summary.mode().get().cliName() + " split)"});
            if (total.validation() > 0) {
                lines.add(new String[] {"validation", number(total.validation()), ""});
            }
            lines.add(new String[] {"test", number(total.test()), ""});
        }
        if (!summary.skippedFiles().isEmpty()) {
            lines.add(new String[] {"other files skipped", number(summary.skippedFiles().values().stream()
                    .mapToInt(Integer::intValue).sum()), reasons(summary.skippedFiles())});
        }
        int labelWidth = lines.stream().mapToInt(l -> DisplayWidth.of(l[0])).max().orElse(0);
        int numberWidth = lines.stream().mapToInt(l -> DisplayWidth.of(l[1])).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            String text = DisplayWidth.padRight(line[0], labelWidth) + "  " + DisplayWidth.padLeft(line[1], numberWidth)
                    + (line[2].isEmpty() ? "" : "   " + line[2]);
            out.append(text.stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** One row per type and a total. */
    public static String perType(DatasetSummary summary) {
        List<Row> rows = new ArrayList<>(summary.types());
        rows.add(new Row("total", List.of(), summary.total()));
        return table("type", rows, summary, false);
    }

    /** One row per person, with their types. */
    public static String perPerson(DatasetSummary summary) {
        return table("person", summary.persons(), summary, true);
    }

    private static String table(String firstColumn, List<Row> rows, DatasetSummary summary, boolean withTypes) {
        Set<FileReason> reasons = EnumSet.noneOf(FileReason.class);
        rows.forEach(r -> reasons.addAll(r.counts().rejected().keySet()));
        boolean split = summary.mode().isPresent();
        boolean validation = rows.stream().anyMatch(r -> r.counts().validation() > 0);
        List<String> header = new ArrayList<>(List.of(firstColumn));
        if (withTypes) {
            header.add("types");
        }
        header.add("found");
        reasons.forEach(r -> header.add(r.phrase()));
        header.addAll(List.of("kept", "augmented"));
        if (split) {
            header.add("train");
            if (validation) {
                header.add("validation");
            }
            header.add("test");
        }
        List<List<String>> cells = new ArrayList<>();
        for (Row row : rows) {
            Counts c = row.counts();
            List<String> line = new ArrayList<>(List.of(row.name()));
            if (withTypes) {
                line.add(String.join(" ", row.types()));
            }
            line.add(number(c.found()));
            reasons.forEach(r -> line.add(number(c.rejected().getOrDefault(r, 0))));
            line.addAll(List.of(number(c.kept()), number(c.augmented())));
            if (split) {
                line.add(number(c.train()));
                if (validation) {
                    line.add(number(c.validation()));
                }
                line.add(number(c.test()));
            }
            cells.add(line);
        }
        int textColumns = withTypes ? 2 : 1;
        int[] widths = new int[header.size()];
        for (int col = 0; col < widths.length; col++) {
            widths[col] = DisplayWidth.of(header.get(col));
            for (List<String> line : cells) {
                widths[col] = Math.max(widths[col], DisplayWidth.of(line.get(col)));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(format(header, widths, textColumns));
        for (List<String> line : cells) {
            out.append(format(line, widths, textColumns));
        }
        return out.toString();
    }

    private static String format(List<String> line, int[] widths, int textColumns) {
        StringBuilder out = new StringBuilder();
        for (int col = 0; col < line.size(); col++) {
            if (col > 0) {
                out.append("  ");
            }
            out.append(col < textColumns ? DisplayWidth.padRight(line.get(col), widths[col])
                    : DisplayWidth.padLeft(line.get(col), widths[col]));
        }
        return out.toString().stripTrailing() + "\n";
    }

    private static String reasons(Map<FileReason, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getKey().phrase() + " " + number(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String number(int value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
