package dev.facetype.cli.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A client on a bare socket, for what well-behaved HTTP clients never send: a body that stalls or trickles, a
 * request line or headers that break the rules.
 */
final class RawHttp implements AutoCloseable {

    /** What came back: the status (0 when the connection closed without a response) and the rest. */
    record Response(int status, Map<String, String> headers, String body, long millis) {

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        /** The whole response as text, headers included, for searching it. */
        String text() {
            return headers + "\n" + body;
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final long opened = System.nanoTime();

    RawHttp(URI server, int readTimeoutMillis) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 10_000);
            socket.setSoTimeout(readTimeoutMillis);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the bytes now; false when the server has closed the connection. */
    boolean send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    boolean send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads one response: its status line, headers and body (by Content-Length, else to the end). A status of
     * 0 means the server closed the connection without answering.
     *
     * @throws SocketTimeoutException when nothing came within the read timeout
     */
    Response read() throws SocketTimeoutException {
        try {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int last4 = 0;
            int b;
            while (last4 != 0x0d0a0d0a && (b = in.read()) >= 0) {
                head.write(b);
                last4 = (last4 << 8) | b;
            }
            long millis = (System.nanoTime() - opened) / 1_000_000;
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.isBlank()) {
                return new Response(0, Map.of(), "", millis);
            }
            String[] lines = text.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            byte[] body;
            String length = headers.get("content-length");
            if (length != null) {
                body = in.readNBytes(Integer.parseInt(length));
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = readChunks();
            } else {
                body = in.readAllBytes();
            }
            return new Response(status, headers, new String(body, StandardCharsets.UTF_8), millis);
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            // Reset by the server: the same as closed without an answer.
            return new Response(0, Map.of(), "", (System.nanoTime() - opened) / 1_000_000);
        }
    }

    private byte[] readChunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                line();
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            line();
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** True when the server has closed the connection (a read sees its end or a reset). */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
