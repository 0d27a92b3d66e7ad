package dev.facetype.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.facetype.cnn.io.ModelFileException;
import dev.facetype.dataset.DatasetException;
import dev.facetype.vision.io.ImageLoadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Which exit code each kind of failure gets. */
class ErrorReporterTest {

    @Test
    void expectedFailuresGetTheirDocumentedCodes() {
        assertEquals(ExitCode.BAD_INPUT, ErrorReporter.classify(new DatasetException("No type folders in photos")));
        assertEquals(ExitCode.BAD_INPUT, ErrorReporter.classify(
                new ImageLoadException(ImageLoadException.Reason.NOT_AN_IMAGE, "a.jpg", "not an image")));
        assertEquals(ExitCode.MODEL, ErrorReporter.classify(
                new ModelFileException(ModelFileException.Reason.CORRUPT, "m.fty: checksum mismatch")));
        assertEquals(ExitCode.CANNOT_WRITE, ErrorReporter.classify(new UncheckedIOException(new IOException("disk full"))));
        assertEquals(ExitCode.USAGE, ErrorReporter.classify(new CliException(ExitCode.USAGE, "--threads must be at least 1")));
    }

    @Test
    void anythingElseIsAnInternalError() {
        assertEquals(ExitCode.INTERNAL, ErrorReporter.classify(new NullPointerException()));
        assertEquals(ExitCode.INTERNAL, ErrorReporter.classify(new IllegalStateException("bug")));
    }

    @Test
    void exitCodesAreDistinctAndStable() {
        assertEquals(0, ExitCode.OK.code());
        assertEquals(1, ExitCode.USAGE.code());
        assertEquals(2, ExitCode.BAD_INPUT.code());
        assertEquals(3, ExitCode.MODEL.code());
        assertEquals(4, ExitCode.INTERNAL.code());
        assertEquals(5, ExitCode.CANNOT_WRITE.code());
    }
}
