package dev.facetype.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.classifier.FaceTypeClassifier;
import dev.facetype.cli.FaceTypeCommand;
import dev.facetype.cnn.io.ModelFile;
import dev.facetype.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code facetype train --checkpoint} in its own JVM, killed with -9 right after its first checkpoint, then
 * {@code --resume}d: training goes on from the next epoch, finishes, and the model loads.
 */
class KilledTrainingResumesTest {

    private static final int EPOCHS = 7;

    @Test
    void trainingKilledAfterACheckpointResumesFromItAndFinishes(@TempDir Path dir) throws Exception {
        Path photos = londonFolder(dir.resolve("photos"), 8);
        Path cache = dir.resolve("cache");
        Path model = dir.resolve("out").resolve("model.fty");
        Path checkpoint = dir.resolve("out").resolve("model.checkpoint.fty");
        // Prepared once here, so that the child reads crops from the cache and starts training at once.
        assertEquals(0, CommandRunner.run("prepare", photos.toString(), "--cache", cache.toString(), "--size", "32",
                "--gray", "--quiet").exitCode());
        List<String> training = List.of("train", photos.toString(), "-o", model.toString(), "--epochs",
                String.valueOf(EPOCHS), "--size", "32", "--gray", "--no-pictures", "--threads", "1", "--seed", "3",
                "--cache", cache.toString(), "--checkpoint", checkpoint.toString());

        Path log = dir.resolve("child.log");
        Process child = ChildJvm.start(log, FaceTypeCommand.class.getName(), training.toArray(String[]::new));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (!Files.exists(checkpoint) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(Files.exists(checkpoint), "a checkpoint was written: " + Files.readString(log));
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertFalse(Files.exists(model), "killed before the end: " + Files.readString(log));
        int nextEpoch = nextEpoch(checkpoint);
        assertTrue(nextEpoch >= 1 && nextEpoch < EPOCHS, "checkpoint after epoch " + nextEpoch);

        List<String> resume = new ArrayList<>(training);
        resume.addAll(List.of("--resume", checkpoint.toString()));
        CommandRunner.Run resumed = CommandRunner.run(resume.toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed::toString);
        assertEquals(EPOCHS, nextEpoch(checkpoint), "the last checkpoint is after the last epoch");
        // Progress names epochs "n/7": the resumed run starts after the checkpoint, never at epoch 1 again.
        Matcher epochs = Pattern.compile("\\b(\\d+)/" + EPOCHS + "\\b").matcher(resumed.err());
        List<Integer> seen = new ArrayList<>();
        while (epochs.find()) {
            seen.add(Integer.parseInt(epochs.group(1)));
        }
        assertFalse(seen.isEmpty(), resumed::toString);
        assertEquals(nextEpoch + 1, seen.stream().mapToInt(Integer::intValue).min().orElseThrow(), resumed::toString);
        assertEquals(EPOCHS, seen.stream().mapToInt(Integer::intValue).max().orElseThrow(), resumed::toString);
        try (FaceTypeClassifier loaded = FaceTypeClassifier.load(model)) {
            assertEquals(List.of("neutral", "smiling"), loaded.labels());
        }
    }

    @SuppressWarnings("unchecked")
    private static int nextEpoch(Path checkpoint) throws Exception {
        Map<String, Object> facetype = (Map<String, Object>) ModelFile.read(checkpoint).metadata().get("facetype");
        return ((Number) ((Map<String, Object>) facetype.get("checkpoint")).get("nextEpoch")).intValue();
    }

    /** {@code root/<expression>/<NNN>/<NNN>.jpg} for the first {@code people} London people. */
    private static Path londonFolder(Path root, int people) throws Exception {
        Path london = SharedData.require("data/london-faces/derived/small_256");
        List<String> names;
        try (Stream<Path> files = Files.list(london.resolve("neutral"))) {
            names = files.map(f -> f.getFileName().toString().replace(".jpg", "")).sorted().limit(people).toList();
        }
        for (String expression : List.of("neutral", "smiling")) {
            for (String name : names) {
                Path target = root.resolve(expression).resolve(name).resolve(name + ".jpg");
                Files.createDirectories(target.getParent());
                Files.copy(london.resolve(expression).resolve(name + ".jpg"), target);
            }
        }
        return root;
    }
}
