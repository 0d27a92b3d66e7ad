package dev.facetype.cli.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Getting the photo out of a request body: raw or form, within the limit, never more read than needed. */
class UploadReaderTest {

    private static final String FORM = "multipart/form-data; boundary=" + ApiClient.BOUNDARY;

    private final UploadReader reader = new UploadReader(1000);

    @Test
    void aRawBodyIsThePhoto() {
        byte[] photo = "raw photo bytes".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(photo, reader.read("image/jpeg", photo.length, false, () -> new ByteArrayInputStream(photo)));
        assertArrayEquals(photo, reader.read(null, -1, false, () -> new ByteArrayInputStream(photo)), "chunked, no type");
    }

    @Test
    void aFormGivesItsPhotoField() {
        byte[] photo = new byte[1000];
        photo[999] = 7;
        byte[] body = ApiClient.formBody("photo", "me.jpg", "image/jpeg", photo);
        assertArrayEquals(photo, reader.read(FORM, body.length, false, () -> new ByteArrayInputStream(body)));
    }

    @Test
    void aFormWithAnotherFieldNameGivesItsFirstFile() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nhi\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"image\"; filename=\"x.png\"\r\n\r\nPNG\r\n--b--\r\n";
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals("PNG".getBytes(StandardCharsets.US_ASCII),
                reader.read("multipart/form-data; boundary=b", -1, false, () -> new ByteArrayInputStream(bytes)));
    }

    @Test
    void aFormWithoutAFileIsRefused() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"c\"\r\n\r\n2\r\n--b--\r\n";
        ApiException e = assertThrows(ApiException.class, () -> reader.read("multipart/form-data; boundary=b", -1,
                false, () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII))));
        assertEquals(ApiProblem.NO_PHOTO, e.problem());
    }

    @Test
    void emptyBodiesAndEmptyFilesAreRefused() {
        assertEquals(ApiProblem.EMPTY_UPLOAD, assertThrows(ApiException.class,
                () -> reader.read("image/png", 0, false, () -> InputStream.nullInputStream())).problem());
        byte[] emptyFile = ApiClient.formBody("photo", "", "application/octet-stream", new byte[0]);
        assertEquals(ApiProblem.EMPTY_UPLOAD, assertThrows(ApiException.class,
                () -> reader.read(FORM, emptyFile.length, false, () -> new ByteArrayInputStream(emptyFile))).problem());
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedAndTheBodyDrainedNotKept() {
        CountingStream body = new CountingStream(new byte[5000]);
        ApiException e = assertThrows(ApiException.class, () -> reader.read("image/jpeg", 5000, false, () -> body));
        assertEquals(ApiProblem.UPLOAD_TOO_LARGE, e.problem());
        assertTrue(e.getMessage().contains("1000 bytes"), e.getMessage());
        assertEquals(5000, body.read.get(), "read to its end so that the client sees the answer");
    }

    @Test
    void aClientWaitingForContinueIsRefusedWithoutBeingAskedForTheBody() {
        ApiException e = assertThrows(ApiException.class, () -> reader.read("image/jpeg", 5000, true, () -> {
            throw new AssertionError("opening the body would send 100 Continue");
        }));
        assertEquals(ApiProblem.UPLOAD_TOO_LARGE, e.problem());
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWithoutHoldingItAll() {
        CountingStream body = new CountingStream(new byte[200_000]);
        ApiException e = assertThrows(ApiException.class, () -> reader.read("image/jpeg", -1, false, () -> body));
        assertEquals(ApiProblem.UPLOAD_TOO_LARGE, e.problem());
    }

    @Test
    void aFormPhotoOverTheLimitIsRefusedEvenInsideTheMultipartAllowance() {
        byte[] body = ApiClient.formBody("photo", "big.jpg", "image/jpeg", new byte[1001]);
        assertEquals(ApiProblem.UPLOAD_TOO_LARGE, assertThrows(ApiException.class,
                () -> reader.read(FORM, body.length, false, () -> new ByteArrayInputStream(body))).problem());
    }

    @Test
    void aBodyShorterThanDeclaredOrBrokenOffIsUnreadable() {
        assertEquals(ApiProblem.UNREADABLE_UPLOAD, assertThrows(ApiException.class,
                () -> reader.read("image/jpeg", 500, false, () -> new ByteArrayInputStream(new byte[100]))).problem());
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertEquals(ApiProblem.UNREADABLE_UPLOAD, assertThrows(ApiException.class,
                () -> reader.read("image/jpeg", -1, false, () -> broken)).problem());
    }

    @Test
    void aBodyTricklingPastTheUploadTimeoutIsRefusedWith408() {
        UploadReader impatient = new UploadReader(1000, Duration.ofMillis(200));
        InputStream trickle = new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                b[off] = (byte) read();
                return 1;
            }
        };
        long start = System.nanoTime();
        ApiException e = assertThrows(ApiException.class, () -> impatient.read("image/jpeg", 900, false, () -> trickle));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ApiProblem.UPLOAD_TIMEOUT, e.problem());
        assertTrue(e.getMessage().contains("0.2 s"), e.getMessage());
        assertTrue(millis >= 200 && millis < 5_000, millis + " ms");
    }

    @Test
    void aReadFailedByTheIdleTimeoutIsRefusedWith408() {
        InputStream stalled = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException(new TimeoutException("Idle timeout expired: 30000/30000 ms"));
            }
        };
        ApiException e = assertThrows(ApiException.class, () -> reader.read("image/jpeg", 500, false, () -> stalled));
        assertEquals(ApiProblem.UPLOAD_TIMEOUT, e.problem());
        assertFalse(e.getMessage().contains("Idle"), "facetype's own words: " + e.getMessage());
    }

    @Test
    void secondsAreShownPlainly() {
        assertEquals("60 s", UploadReader.seconds(Duration.ofSeconds(60)));
        assertEquals("0.5 s", UploadReader.seconds(Duration.ofMillis(500)));
    }

    @Test
    void megabytesAreShownPlainly() {
        assertEquals("10 MB", UploadReader.megabytes(10L * 1024 * 1024));
        assertEquals("0.5 MB", UploadReader.megabytes(512 * 1024));
    }

    /** Counts the bytes taken from it. */
    private static final class CountingStream extends FilterInputStream {
        final AtomicLong read = new AtomicLong();

        CountingStream(byte[] content) {
            super(new ByteArrayInputStream(content));
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                read.addAndGet(n);
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                read.incrementAndGet();
            }
            return c;
        }
    }
}
