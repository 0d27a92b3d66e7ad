package dev.facetype.cnn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.cnn.io.ModelFileException.Reason;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths that are no model file at all are refused at once, never by hanging or running out of memory. */
class ModelFileSpecialFilesTest {

    @Test
    void aNamedPipeIsRefusedWithoutWaitingForAWriter(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("model.fty");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(), "mkfifo");
        ModelFileException error = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ModelFileException.class, () -> ModelFile.read(fifo)));
        assertEquals(Reason.NOT_A_MODEL, error.reason());
        assertTrue(error.getMessage().startsWith(fifo + ": ") && error.getMessage().contains("pipe"), error.getMessage());
    }

    /** A sparse 3 GB file costs no disk; reading it whole would need an array Java cannot make. */
    @Test
    void aFileLargerThanAnyModelIsRefusedUnread(@TempDir Path dir) throws Exception {
        Path huge = dir.resolve("huge.fty");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L << 30);
        }
        ModelFileException error = assertThrows(ModelFileException.class, () -> ModelFile.read(huge));
        assertEquals(Reason.NOT_A_MODEL, error.reason());
        assertTrue(error.getMessage().startsWith(huge + ": 3221225472 bytes"), error.getMessage());
        Files.delete(huge);
    }
}
