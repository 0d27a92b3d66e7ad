package dev.facetype.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.cnn.io.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with -9 while it saves a model never leaves half a model behind: the file at the target
 * path is always a complete model, the one saved before (saving writes a temporary file and renames it).
 */
class AtomicSaveTest {

    @Test
    void killingTheProcessWhileItSavesLeavesTheLastCompleteModel(@TempDir Path dir, TestReporter reporter)
            throws Exception {
        Path target = dir.resolve("big.fty");
        Path log = dir.resolve("child.log");
        int killsMidSave = 0;
        for (int attempt = 0; attempt < 5 && killsMidSave < 2; attempt++) {
            Process child = ChildJvm.start(log, ModelSavingLoop.class.getName(), target.toString());
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!Files.readString(log).contains("saved 0") && child.isAlive()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                // Now a complete model exists; wait until the next save has begun, then kill.
                while (temporaryFiles(dir).isEmpty() && child.isAlive() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                Thread.sleep(attempt * 15L);
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child ended");
            } finally {
                child.destroyForcibly();
            }
            List<Path> leftovers = temporaryFiles(dir);
            if (!leftovers.isEmpty()) {
                killsMidSave++;
            }
            ModelFile.Contents contents = ModelFile.read(target);
            float[] weights = contents.parameters();
            assertEquals(ModelSavingLoop.SPEC, contents.spec());
            float round = weights[0];
            assertEquals(round, weights[weights.length - 1], "every weight from one save");
            assertEquals((long) round, contents.seed(), "header and weights from the same save");
            for (Path leftover : leftovers) {
                Files.delete(leftover); // a half-written temporary file is all a crash leaves
            }
        }
        reporter.publishEntry("kills during a save", String.valueOf(killsMidSave));
        assertTrue(killsMidSave >= 1, "at least one kill landed while a save was under way: " + Files.readString(log));
    }

    private static List<Path> temporaryFiles(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
