package dev.facetype.cli.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory multipart/form-data parser, on what browsers and curl send and on what they never should. */
class MultipartFormTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<MultipartForm.Part> parse(String body, String boundary) {
        byte[] data = bytes(body);
        return MultipartForm.parse(data, data.length, boundary);
    }

    @Test
    void readsAChromeStyleFormWithAFieldAndAFile() {
        String body = "------WebKitFormBoundaryAbC\r\n"
                + "Content-Disposition: form-data; name=\"note\"\r\n\r\n"
                + "hello\r\n"
                + "------WebKitFormBoundaryAbC\r\n"
                + "Content-Disposition: form-data; name=\"photo\"; filename=\"しょうゆ顔 \\\"1\\\".jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n"
                + "\u00ff\u00d8 pixels\r\n with a CRLF inside\r\n"
                + "------WebKitFormBoundaryAbC--\r\n";
        List<MultipartForm.Part> parts = parse(body, "----WebKitFormBoundaryAbC");
        assertEquals(2, parts.size());
        assertEquals("note", parts.get(0).name());
        assertNull(parts.get(0).fileName());
        assertFalse(parts.get(0).isFile());
        assertArrayEquals(bytes("hello"), parts.get(0).content());
        MultipartForm.Part photo = parts.get(1);
        assertEquals("photo", photo.name());
        assertEquals("しょうゆ顔 \"1\".jpg", photo.fileName());
        assertEquals("image/jpeg", photo.contentType());
        assertArrayEquals(bytes("\u00ff\u00d8 pixels\r\n with a CRLF inside"), photo.content());
    }

    @Test
    void skipsPreambleTransportPaddingAndEpilogue() {
        String body = "this preamble is ignored\r\n--xyz   \r\n"
                + "content-disposition: FORM-DATA; NAME=photo; filename=a.png\r\n\r\n"
                + "PNG\r\n--xyz--\r\nand an epilogue";
        List<MultipartForm.Part> parts = parse(body, "xyz");
        assertEquals(1, parts.size());
        assertEquals("photo", parts.get(0).name());
        assertEquals("a.png", parts.get(0).fileName());
        assertArrayEquals(bytes("PNG"), parts.get(0).content());
    }

    @Test
    void binaryContentIsKeptByteForByte() {
        byte[] content = new byte[70_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + (i >> 8));
        }
        byte[] body = ApiClient.formBody("photo", "x.bin", "application/octet-stream", content);
        List<MultipartForm.Part> parts = MultipartForm.parse(body, body.length, ApiClient.BOUNDARY);
        assertArrayEquals(content, parts.get(0).content());
    }

    @Test
    void boundaryComesFromTheContentTypeQuotedOrNot() {
        assertEquals("abc", MultipartForm.boundary("multipart/form-data; boundary=abc"));
        assertEquals("a b;c", MultipartForm.boundary("multipart/form-data; charset=utf-8; boundary=\"a b;c\""));
        assertTrue(MultipartForm.isMultipart("Multipart/Form-Data ; boundary=abc"));
        assertFalse(MultipartForm.isMultipart("image/jpeg"));
        assertFalse(MultipartForm.isMultipart(null));
        assertBad(() -> MultipartForm.boundary("multipart/form-data"), "no valid boundary");
        assertBad(() -> MultipartForm.boundary("multipart/form-data; boundary=" + "x".repeat(71)), "no valid boundary");
        assertBad(() -> MultipartForm.boundary("multipart/form-data; boundary=\"abc"), "not closed");
    }

    @Test
    void refusesBodiesCutShortOrMalformed() {
        String head = "--b\r\nContent-Disposition: form-data; name=\"photo\"\r\n\r\n";
        assertBad(() -> parse("no boundary anywhere", "b"), "does not contain its boundary");
        assertBad(() -> parse(head + "data without a closing boundary", "b"), "no closing boundary");
        assertBad(() -> parse("--b\r\nContent-Disposition: form-data; name=\"photo\"\r\n", "b"), "headers are cut short");
        assertBad(() -> parse("--b", "b"), "cut short");
        assertBad(() -> parse("--b\r\nno colon here\r\n\r\nx\r\n--b--", "b"), "header line without a name");
        assertBad(() -> parse("--b\r\nContent-Type: image/png\r\n\r\nx\r\n--b--", "b"), "Content-Disposition");
        assertBad(() -> parse("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--bXYZ", "b"),
                "text after a boundary");
    }

    @Test
    void refusesHugeHeaderBlocksAndTooManyParts() {
        String hugeHeader = "--b\r\nContent-Disposition: form-data; name=\"" + "x".repeat(9000) + "\"\r\n\r\nx\r\n--b--";
        assertBad(() -> parse(hugeHeader, "b"), "longer than");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= MultipartForm.MAX_PARTS; i++) {
            many.append("--b\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nv\r\n");
        }
        many.append("--b--\r\n");
        assertBad(() -> parse(many.toString(), "b"), "more than " + MultipartForm.MAX_PARTS + " parts");
    }

    private static void assertBad(org.junit.jupiter.api.function.Executable parse, String why) {
        ApiException e = assertThrows(ApiException.class, parse);
        assertEquals(ApiProblem.BAD_MULTIPART, e.problem());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
