package dev.facetype.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code facetype prepare}: the report of what was kept and what was left out, and why. */
class PrepareCommandTest {

    @TempDir
    Path work;

    @Test
    void reportsKeptPhotosAndEveryLeftOutFileWithItsReasonWithoutTouchingTheFolder() throws Exception {
        Path photos = LondonFolders.build(work.resolve("photos"), 0, 2);
        Files.writeString(photos.resolve("neutral/001/notes.jpg"), "not a photo at all\n");
        BufferedImage wall = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(wall, "png", photos.resolve("smiling/002/wall.png").toFile());
        Files.copy(photos.resolve("smiling/003/003.jpg"), photos.resolve("smiling/003/copy.jpg"));
        Map<String, String> before = LondonFolders.snapshot(photos);
        Path manifest = work.resolve("report/manifest.csv");

        Cli.Run run = Cli.run("prepare", photos.toString(), "--cache", work.resolve("cache").toString(),
                "--manifest", manifest.toString(), "--quiet");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().matches("(?s).*\nkept +6\n.*"), run::toString);
        assertTrue(run.out().contains("neutral/001/notes.jpg: skipped, not an image"), run::toString);
        assertTrue(run.out().contains("smiling/002/wall.png: rejected, no face"), run::toString);
        assertTrue(run.out().contains("smiling/003/copy.jpg: excluded, duplicate (the same bytes as smiling/003/003.jpg)"),
                run::toString);
        assertTrue(Files.readString(manifest).startsWith("path,label_index,label,person,sha256"));
        assertEquals(before, LondonFolders.snapshot(photos), "the photo folder is only read");
    }

    @Test
    void aMissingFolderIsOneLineAndExitCode2() {
        Path missing = work.resolve("no-photos-here");
        Cli.Run run = Cli.run("prepare", missing.toString(), "--cache", work.resolve("cache").toString());
        assertEquals(ExitCode.BAD_INPUT.code(), run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.errLines().get(0).startsWith("facetype: error: ") && run.err().contains(missing.toString()), run::toString);
    }

    @Test
    void aFolderWithoutAnyFaceIsExitCode2AfterTheReport() throws Exception {
        Path photos = work.resolve("walls");
        int shade = 0;
        for (String type : new String[] {"a", "b"}) {
            Files.createDirectories(photos.resolve(type));
            BufferedImage wall = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = wall.createGraphics();
            g.setColor(new java.awt.Color(shade, shade, shade));
            g.fillRect(0, 0, 200, 200);
            g.dispose();
            shade += 120;
            ImageIO.write(wall, "png", photos.resolve(type).resolve("wall.png").toFile());
        }
        Cli.Run run = Cli.run("prepare", photos.toString(), "--cache", work.resolve("cache").toString(), "--quiet");
        assertEquals(ExitCode.BAD_INPUT.code(), run.exitCode(), run::toString);
        assertTrue(run.out().contains("a/wall.png: rejected, no face"), run::toString);
        assertTrue(run.err().contains("no usable face in any photo"), run::toString);
    }
}
