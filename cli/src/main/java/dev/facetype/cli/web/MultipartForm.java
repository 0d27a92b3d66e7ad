package dev.facetype.cli.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a {@code multipart/form-data} body (RFC 7578) that is already in memory into its parts. The body is
 * read whole and bounded before this runs, so parsing never touches the disk and never allocates more than
 * the part headers; a part's content is a view into the body.
 */
final class MultipartForm {

    /** More parts than a photo upload form could need means a mistake or an attack. */
    static final int MAX_PARTS = 16;
    /** The largest header block of one part. */
    static final int MAX_PART_HEADER_BYTES = 8 * 1024;

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] BLANK_LINE = {'\r', '\n', '\r', '\n'};

    /**
     * One part of the form.
     *
     * @param name        the form field's name ({@code ""} when the part has none)
     * @param fileName    the file name the browser sent, or null when the part is a plain field
     * @param contentType the part's declared content type, or null
     */
    record Part(String name, String fileName, String contentType, byte[] body, int offset, int length) {

        /** A copy of the part's content. */
        byte[] content() {
            return java.util.Arrays.copyOfRange(body, offset, offset + length);
        }

        boolean isFile() {
            return fileName != null;
        }
    }

    private MultipartForm() {
    }

    /** True for a {@code multipart/form-data} content type, whatever its parameters. */
    static boolean isMultipart(String contentType) {
        return contentType != null && mediaType(contentType).equals("multipart/form-data");
    }

    /** The boundary parameter of a multipart content type, checked against RFC 2046 (1 to 70 characters). */
    static String boundary(String contentType) {
        String boundary = parameters(contentType).get("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw malformed("the Content-Type multipart/form-data has no valid boundary parameter");
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw malformed("the multipart boundary holds a character outside printable ASCII");
            }
        }
        return boundary;
    }

    /** The parts of {@code body[0 .. length)}, in order; fails on anything cut short or malformed. */
    static List<Part> parse(byte[] body, int length, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        byte[] nextDelimiter = concat(CRLF, delimiter);
        int position;
        if (startsWith(body, length, 0, delimiter)) {
            position = 0;
        } else {
            int found = indexOf(body, length, nextDelimiter, 0);
            if (found < 0) {
                throw malformed("the multipart body does not contain its boundary");
            }
            position = found + CRLF.length; // skip the preamble
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            position += delimiter.length;
            if (startsWith(body, length, position, new byte[] {'-', '-'})) {
                return parts; // the close delimiter; what follows is an epilogue
            }
            while (position < length && (body[position] == ' ' || body[position] == '\t')) {
                position++; // transport padding
            }
            if (!startsWith(body, length, position, CRLF)) {
                throw malformed("the multipart body is cut short or has text after a boundary");
            }
            position += CRLF.length;
            if (parts.size() == MAX_PARTS) {
                throw malformed("the form has more than " + MAX_PARTS + " parts");
            }
            int headersEnd;
            int contentStart;
            if (startsWith(body, length, position, CRLF)) {
                headersEnd = position;
                contentStart = position + CRLF.length;
            } else {
                headersEnd = indexOf(body, Math.min(length, position + MAX_PART_HEADER_BYTES), BLANK_LINE, position);
                if (headersEnd < 0) {
                    throw malformed("a part's headers are cut short or longer than " + MAX_PART_HEADER_BYTES + " bytes");
                }
                contentStart = headersEnd + BLANK_LINE.length;
            }
            Map<String, String> headers = headers(body, position, headersEnd);
            int contentEnd = indexOf(body, length, nextDelimiter, contentStart);
            if (contentEnd < 0) {
                throw malformed("the multipart body is cut short: a part has no closing boundary");
            }
            parts.add(part(headers, body, contentStart, contentEnd - contentStart));
            position = contentEnd + CRLF.length;
        }
    }

    private static Part part(Map<String, String> headers, byte[] body, int offset, int length) {
        String disposition = headers.get("content-disposition");
        if (disposition == null || !mediaType(disposition).equals("form-data")) {
            throw malformed("a part lacks the header Content-Disposition: form-data");
        }
        Map<String, String> parameters = parameters(disposition);
        return new Part(parameters.getOrDefault("name", ""), parameters.get("filename"), headers.get("content-type"),
                body, offset, length);
    }

    private static Map<String, String> headers(byte[] body, int from, int to) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (from == to) {
            return headers;
        }
        // Browsers send file names as raw UTF-8 in the part headers.
        String block = new String(body, from, to - from, StandardCharsets.UTF_8);
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw malformed("a part has a header line without a name");
            }
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return headers;
    }

    /** The value before the first ';', trimmed and lower case. */
    private static String mediaType(String header) {
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** {@code key=value} and {@code key="quoted \" value"} parameters after the first ';'; keys lower case. */
    static Map<String, String> parameters(String header) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = header.indexOf(';');
        if (i < 0) {
            return parameters;
        }
        int n = header.length();
        while (i < n) {
            i++; // past ';'
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
                i++;
            }
            int keyStart = i;
            while (i < n && header.charAt(i) != '=' && header.charAt(i) != ';') {
                i++;
            }
            String key = header.substring(keyStart, i).trim().toLowerCase(Locale.ROOT);
            if (i >= n || header.charAt(i) == ';') {
                continue; // a flag without a value
            }
            i++; // past '='
            StringBuilder value = new StringBuilder();
            if (i < n && header.charAt(i) == '"') {
                i++;
                while (i < n && header.charAt(i) != '"') {
                    if (header.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(header.charAt(i++));
                }
                if (i >= n) {
                    throw malformed("a quoted header parameter is not closed");
                }
                i++; // past the closing quote
                while (i < n && header.charAt(i) != ';') {
                    i++;
                }
            } else {
                int valueStart = i;
                while (i < n && header.charAt(i) != ';') {
                    i++;
                }
                value.append(header, valueStart, i);
            }
            if (!key.isEmpty()) {
                parameters.putIfAbsent(key, value.toString().trim());
            }
        }
        return parameters;
    }

    private static ApiException malformed(String why) {
        return new ApiException(ApiProblem.BAD_MULTIPART, "The upload is not a well-formed multipart/form-data body: "
                + why + ".");
    }

    private static boolean startsWith(byte[] data, int length, int at, byte[] prefix) {
        if (at < 0 || at + prefix.length > length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The first index of {@code pattern} in {@code data[from .. limit)}, or -1. */
    static int indexOf(byte[] data, int limit, byte[] pattern, int from) {
        byte first = pattern[0];
        int last = limit - pattern.length;
        for (int i = Math.max(0, from); i <= last; i++) {
            if (data[i] == first && startsWith(data, limit, i, pattern)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
