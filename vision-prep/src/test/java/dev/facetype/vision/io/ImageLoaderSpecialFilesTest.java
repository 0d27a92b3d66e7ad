package dev.facetype.vision.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.vision.io.ImageLoadException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that are no plain file, or whose read fails, are {@code UNREADABLE} (never "empty", never a hang):
 * a named pipe given as a photo, a file whose size says 0 but whose read fails, links in a loop.
 */
class ImageLoaderSpecialFilesTest {

    private final ImageLoader loader = new ImageLoader();

    @Test
    void aNamedPipeIsRefusedWithoutWaitingForAWriter(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("photo.jpg");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(), "mkfifo");
        ImageLoadException error = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ImageLoadException.class, () -> loader.load(fifo)));
        assertEquals(Reason.UNREADABLE, error.reason(), error.getMessage());
        assertTrue(error.getMessage().startsWith(fifo + ": ") && error.getMessage().contains("not a regular file"),
                error.getMessage());
    }

    /** {@code /proc/self/mem} reports 0 bytes, and reading its first page fails (EIO), as a failing disk would. */
    @Test
    void aFileWhoseReadFailsIsUnreadableNotEmpty(@TempDir Path dir) throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("photo.jpg"), Path.of("/proc/self/mem"));
        ImageLoadException error = assertThrows(ImageLoadException.class, () -> loader.load(link));
        assertEquals(Reason.UNREADABLE, error.reason(), error.getMessage());
        assertTrue(error.getMessage().startsWith(link + ": cannot be read"), error.getMessage());
    }

    @Test
    void linksInALoopAreUnreadableWithTheSystemsReason(@TempDir Path dir) throws Exception {
        Path a = Files.createSymbolicLink(dir.resolve("a.jpg"), Path.of("b.jpg"));
        Files.createSymbolicLink(dir.resolve("b.jpg"), Path.of("a.jpg"));
        ImageLoadException error = assertThrows(ImageLoadException.class, () -> loader.load(a));
        assertEquals(Reason.UNREADABLE, error.reason(), error.getMessage());
        assertTrue(error.getMessage().startsWith(a + ": cannot be read: ") && !error.getMessage().contains("Exception"),
                error.getMessage());
    }

    @Test
    void anEmptyFileIsStillEmpty(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        assertEquals(Reason.EMPTY, assertThrows(ImageLoadException.class, () -> loader.load(empty)).reason());
    }
}
