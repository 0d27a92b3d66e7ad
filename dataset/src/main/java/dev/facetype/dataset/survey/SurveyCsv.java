package dev.facetype.dataset.survey;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a survey export into records of fields (RFC 4180): fields separated by commas (or tabs or semicolons,
 * whichever the header line uses most: Excel's "Unicode text" uses tabs, Excel in some locales semicolons),
 * records by CRLF or LF, a field in double quotes may hold separators and line breaks, and {@code ""} inside
 * quotes is one quote. Blank lines are dropped.
 */
final class SurveyCsv {

    /** One record and the line it starts on (1-based), for messages. */
    record Row(int line, List<String> fields) {
    }

    /** Thrown when a quoted field is never closed; carries the line it opened on. */
    static final class UnclosedQuote extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int line;

        UnclosedQuote(int line) {
            super("a quoted field opened on line " + line + " is never closed");
            this.line = line;
        }
    }

    private SurveyCsv() {
    }

    /** The separator the first line uses most, outside quotes: comma, tab or semicolon (comma on a tie). */
    static char separator(String text) {
        int commas = 0;
        int tabs = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                commas += c == ',' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
            }
        }
        if (tabs > commas && tabs >= semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    /**
     * The records of {@code text}.
     *
     * @throws UnclosedQuote when a quoted field runs to the end of the text
     */
    static List<Row> parse(String text, char separator) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean started = false;
        int line = 1;
        int rowLine = 1;
        int quoteLine = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    line += c == '\n' ? 1 : 0;
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                started = true;
                quoteLine = line;
            } else if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
                started = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRow(rows, fields, field, started, rowLine);
                fields = new ArrayList<>();
                field.setLength(0);
                started = false;
                line++;
                rowLine = line;
            } else {
                field.append(c);
                started = true;
            }
        }
        if (quoted) {
            throw new UnclosedQuote(quoteLine);
        }
        endRow(rows, fields, field, started, rowLine);
        return rows;
    }

    private static void endRow(List<Row> rows, List<String> fields, StringBuilder field, boolean started, int line) {
        if (started || field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            rows.add(new Row(line, fields));
        }
    }
}
