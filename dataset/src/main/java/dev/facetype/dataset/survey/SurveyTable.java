package dev.facetype.dataset.survey;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A survey export as read: the header row and one row per respondent (rows with no answer at all are not
 * respondents and are dropped), and how the file was read. Google Forms writes a timestamp column first,
 * Microsoft Forms ID, start and completion times, e-mail and name; {@link SurveyColumns} tells them apart
 * from the questions. Only reads the file.
 *
 * @param file      the file read
 * @param text      how its bytes were decoded
 * @param separator the field separator found
 * @param header    the header row
 * @param rows      the respondents' rows, each as long as the header (missing fields are blank)
 * @param rowLines  the line each row starts on, for messages
 */
public record SurveyTable(Path file, SurveyText text, char separator, List<String> header, List<List<String>> rows,
                          List<Integer> rowLines) {

    /** An upper bound on a survey file: far above any form's export, well below memory trouble. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    public SurveyTable {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        rowLines = List.copyOf(rowLines);
    }

    /**
     * Reads a survey export, detecting its encoding ({@link SurveyText}).
     *
     * @throws SurveyException when the file is missing, unreadable, in an unknown encoding, has an unclosed
     *     quote, no header or no respondent
     */
    public static SurveyTable read(Path file) {
        return read(file, null);
    }

    /**
     * Reads a survey export in {@code encoding}, or detecting it when {@code null}.
     *
     * @throws SurveyException as {@link #read(Path)}
     */
    public static SurveyTable read(Path file, Charset encoding) {
        if (!Files.exists(file)) {
            throw new SurveyException(SurveyException.Problem.FILE_MISSING, file, List.of(),
                    file + ": no such survey file");
        }
        if (Files.isDirectory(file)) {
            throw new SurveyException(SurveyException.Problem.NOT_A_FILE, file, List.of(),
                    file + " is a folder: give the survey's CSV file");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new SurveyException(SurveyException.Problem.UNREADABLE, file, List.of("larger than 64 MB"),
                        file + ": cannot be read (larger than 64 MB; is it a survey export?)");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            String cause = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            throw new SurveyException(SurveyException.Problem.UNREADABLE, file, List.of(cause),
                    file + ": cannot be read (" + cause + ")", e);
        }
        return parse(file, SurveyText.decode(bytes, encoding, file));
    }

    /**
     * The table in already decoded text.
     *
     * @param file for messages
     * @throws SurveyException on an unclosed quote, no header or no respondent
     */
    public static SurveyTable parse(Path file, SurveyText text) {
        char separator = SurveyCsv.separator(text.text());
        List<SurveyCsv.Row> records;
        try {
            records = SurveyCsv.parse(text.text(), separator);
        } catch (SurveyCsv.UnclosedQuote e) {
            throw new SurveyException(SurveyException.Problem.UNCLOSED_QUOTE, file, List.of(Integer.toString(e.line)),
                    file + ": " + e.getMessage() + " (read as " + text.encodingName() + ")");
        }
        if (records.isEmpty() || records.get(0).fields().stream().allMatch(String::isBlank)) {
            throw new SurveyException(SurveyException.Problem.EMPTY, file, List.of(),
                    file + ": no header row (the first line names the questions)");
        }
        List<String> header = records.get(0).fields();
        List<List<String>> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (SurveyCsv.Row record : records.subList(1, records.size())) {
            if (record.fields().stream().allMatch(String::isBlank)) {
                continue;
            }
            List<String> row = new ArrayList<>(record.fields());
            while (row.size() < header.size()) {
                row.add("");
            }
            rows.add(row.subList(0, Math.max(header.size(), 0)));
            lines.add(record.line());
        }
        if (rows.isEmpty()) {
            throw new SurveyException(SurveyException.Problem.NO_RESPONSES, file, List.of(),
                    file + ": a header but no answers");
        }
        return new SurveyTable(file, text, separator, header, rows, lines);
    }

    /** The number of columns (of the header). */
    public int columnCount() {
        return header.size();
    }

    /** The cell of a respondent's row, as written. */
    public String cell(int row, int column) {
        return rows.get(row).get(column);
    }
}
