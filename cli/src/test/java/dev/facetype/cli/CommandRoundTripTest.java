package dev.facetype.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.cnn.io.Json;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} → {@code evaluate} → {@code predict} on a small real folder (16 London people, neutral and
 * smiling, in person folders), run in-process as a user would type it; then the failures a user meets with
 * that model: a photo that is not one, a missing photo, a damaged or missing model.
 */
class CommandRoundTripTest {

    @TempDir
    static Path work;

    private static Path photos;
    private static Path cache;
    private static Path model;
    private static Map<String, String> photosBefore;
    private static Cli.Run training;

    @BeforeAll
    static void trainSmallModel() throws Exception {
        photos = LondonFolders.build(work.resolve("photos"), 1, 16);
        cache = work.resolve("cache");
        model = work.resolve("models").resolve("smiles.fty");
        photosBefore = LondonFolders.snapshot(photos);
        training = Cli.run("train", photos.toString(), "-o", model.toString(), "--size", "32", "--gray",
                "--epochs", "2", "--seed", "3", "--threads", "2", "--cache", cache.toString());
    }

    @Test
    void trainWritesTheModelAndItsPicturesAndEndsWithTheTestAccuracy() throws Exception {
        assertEquals(0, training.exitCode(), training::toString);
        assertTrue(Files.size(model) > 0, "model written");
        List<String> lines = training.out().lines().toList();
        assertTrue(lines.get(lines.size() - 1).matches("test accuracy: [01]\\.\\d\\d"), training::toString);
        assertTrue(training.out().matches("(?s)photos found +32\n.*"), training::toString);
        assertTrue(training.out().contains("test side: 10 faces of 5 people never seen in training"), training::toString);
        assertTrue(training.out().contains("confusion matrix"), training::toString);
        for (String suffix : List.of("curves.png", "confusion.png", "test-faces.png")) {
            Path picture = model.resolveSibling("smiles." + suffix);
            BufferedImage image = ImageIO.read(picture.toFile());
            assertNotNull(image, picture + " is a PNG");
            assertTrue(image.getWidth() >= 500 && image.getHeight() >= 250, picture + " has a readable size");
            assertTrue(training.out().contains("picture: " + picture), training::toString);
        }
        assertTrue(training.err().contains("epoch 2/2  loss "), "one finished line per epoch: " + training.err());
    }

    @Test
    void trainingNeverChangesThePhotoFolder() throws Exception {
        assertEquals(photosBefore, LondonFolders.snapshot(photos));
    }

    @Test
    void evaluateOnTheTrainingFolderMeasuresOnlyPhotosTheModelNeverSaw() {
        Cli.Run run = Cli.run("evaluate", model.toString(), photos.toString(), "--cache", cache.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("evaluation on 10 faces of " + photos + " (22 faces the model was trained on left out)"),
                run::toString);
        assertTrue(run.out().lines().anyMatch(l -> l.matches("accuracy: [01]\\.\\d\\d")), run::toString);
        assertEquals("", run.err(), "--quiet prints no progress");
    }

    @Test
    void evaluateOnNewPeopleUsesEveryFaceAndCanDrawPictures() throws Exception {
        Path others = LondonFolders.build(work.resolve("others"), 90, 93);
        Path pictures = work.resolve("evaluation");
        Cli.Run run = Cli.run("evaluate", model.toString(), others.toString(), "--cache", cache.toString(),
                "--pictures", pictures.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("evaluation on 8 faces of " + others), run::toString);
        assertNotNull(ImageIO.read(pictures.resolve("confusion.png").toFile()));
        assertNotNull(ImageIO.read(pictures.resolve("faces.png").toFile()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void predictJsonGivesBoxLabelAndProbabilitiesPerFace() throws Exception {
        Path photo = LondonFolders.photo("smiling", 50);
        Cli.Run run = Cli.run("predict", model.toString(), photo.toString(), "--json");
        assertEquals(0, run.exitCode(), run::toString);
        Map<String, Object> document = Json.parseObject(run.out().trim());
        assertEquals(List.of("neutral", "smiling"), document.get("labels"));
        List<Object> photoAnswers = (List<Object>) document.get("photos");
        assertEquals(1, photoAnswers.size());
        Map<String, Object> answer = (Map<String, Object>) photoAnswers.get(0);
        assertEquals(photo.toString(), answer.get("file"));
        List<Object> faces = (List<Object>) answer.get("faces");
        assertEquals(1, faces.size(), "one face in a London portrait");
        Map<String, Object> face = (Map<String, Object>) faces.get(0);
        Map<String, Object> box = (Map<String, Object>) face.get("box");
        double x = ((Number) box.get("x")).doubleValue();
        double y = ((Number) box.get("y")).doubleValue();
        double width = ((Number) box.get("width")).doubleValue();
        double height = ((Number) box.get("height")).doubleValue();
        // The portraits are centred, the face about 40 % of the 256 px frame.
        assertTrue(width > 60 && width < 200 && height > 60 && height < 220, "box size " + box);
        assertTrue(x + width / 2 > 90 && x + width / 2 < 166 && y + height / 2 > 80 && y + height / 2 < 180, "box centre " + box);
        Map<String, Object> probabilities = (Map<String, Object>) face.get("probabilities");
        assertEquals(List.of("neutral", "smiling"), List.copyOf(probabilities.keySet()), "every type, in the model's order");
        double sum = probabilities.values().stream().mapToDouble(v -> ((Number) v).doubleValue()).sum();
        assertEquals(1.0, sum, 1e-4);
        String label = (String) face.get("label");
        double best = probabilities.values().stream().mapToDouble(v -> ((Number) v).doubleValue()).max().orElseThrow();
        assertEquals(best, ((Number) probabilities.get(label)).doubleValue(), 1e-9, "the label is the most probable type");
    }

    @Test
    void predictTextNamesTheTypeAndEveryProbability() throws Exception {
        Path photo = LondonFolders.photo("neutral", 60);
        Cli.Run run = Cli.run("predict", model.toString(), photo.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith(photo + ": "), run::toString);
        assertTrue(run.out().matches("(?s).*face 1 at x \\d+, y \\d+, \\d+ x \\d+ px: neutral \\d+\\.\\d %, smiling \\d+\\.\\d %.*"),
                run::toString);
    }

    @Test
    void aFileThatIsNoImageIsOneLineAndExitCode2AndTheOtherPhotosAreStillAnswered() throws Exception {
        Path notAPhoto = work.resolve("notes.jpg");
        Files.writeString(notAPhoto, "shopping list: soy sauce, sugar, salt\n");
        Path photo = LondonFolders.photo("smiling", 51);
        Cli.Run run = Cli.run("predict", model.toString(), notAPhoto.toString(), photo.toString(), "--json");
        assertEquals(ExitCode.BAD_INPUT.code(), run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.errLines().get(0).startsWith("facetype: error: " + notAPhoto + ": "), run::toString);
        Map<String, Object> document = Json.parseObject(run.out().trim());
        List<?> answers = (List<?>) document.get("photos");
        assertEquals(2, answers.size());
        assertEquals("NOT_AN_IMAGE", ((Map<?, ?>) answers.get(0)).get("reason"));
        assertEquals(1, ((List<?>) ((Map<?, ?>) answers.get(1)).get("faces")).size());
    }

    @Test
    void aMissingPhotoIsOneLineNamingItAndExitCode2() throws Exception {
        Path missing = work.resolve("no-such-photo.jpg");
        Cli.Run run = Cli.run("predict", model.toString(), missing.toString());
        assertEquals(ExitCode.BAD_INPUT.code(), run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.errLines().get(0).startsWith("facetype: error: " + missing), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void aDamagedModelIsOneLineNamingItAndExitCode3() throws Exception {
        Path damaged = work.resolve("damaged.fty");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(damaged, bytes);
        Cli.Run run = Cli.run("predict", damaged.toString(), LondonFolders.photo("smiling", 52).toString());
        assertEquals(ExitCode.MODEL.code(), run.exitCode(), run::toString);
        assertEquals(1, run.errLines().size(), "no stack trace: " + run);
        assertTrue(run.errLines().get(0).startsWith("facetype: error: " + damaged), run::toString);

        Path truncated = work.resolve("truncated.fty");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, 100));
        Cli.Run cut = Cli.run("evaluate", truncated.toString(), photos.toString(), "--cache", cache.toString());
        assertEquals(ExitCode.MODEL.code(), cut.exitCode(), cut::toString);
        assertEquals(1, cut.errLines().size(), cut::toString);

        Path photoAsModel = LondonFolders.photo("neutral", 1);
        Cli.Run notAModel = Cli.run("predict", photoAsModel.toString(), photoAsModel.toString());
        assertEquals(ExitCode.MODEL.code(), notAModel.exitCode(), notAModel::toString);
        assertTrue(notAModel.errLines().get(0).contains(photoAsModel.toString()), notAModel::toString);
    }

    @Test
    void aMissingModelSaysHowToMakeOne() throws Exception {
        Path missing = work.resolve("nothing.fty");
        Cli.Run run = Cli.run("predict", missing.toString(), LondonFolders.photo("smiling", 52).toString());
        assertEquals(ExitCode.MODEL.code(), run.exitCode());
        assertEquals(List.of("facetype: error: " + missing + ": no such model file (train one with: facetype train"
                + " <photo folder> -o " + missing + ")"), run.errLines());
    }

    @Test
    void withDebugTheStackTraceIsShown() throws Exception {
        Path missing = work.resolve("nothing.fty");
        Cli.Run run = Cli.run("predict", missing.toString(), LondonFolders.photo("smiling", 52).toString(), "--debug");
        assertEquals(ExitCode.MODEL.code(), run.exitCode());
        assertTrue(run.err().contains("\tat dev.facetype.cli."), run::toString);
    }

    @Test
    void aFolderWithATypeTheModelDoesNotKnowIsBadInput() throws Exception {
        Path odd = work.resolve("odd-types");
        Files.createDirectories(odd.resolve("laughing/001"));
        Files.copy(LondonFolders.photo("smiling", 70), odd.resolve("laughing/001/001.jpg"));
        Cli.Run run = Cli.run("evaluate", model.toString(), odd.toString(), "--cache", cache.toString());
        assertEquals(ExitCode.BAD_INPUT.code(), run.exitCode(), run::toString);
        assertTrue(run.errLines().get(run.errLines().size() - 1).contains("'laughing' is not a type of this model;"
                + " its types are neutral, smiling"), run::toString);
    }

    @Test
    void theModelIsNeverWrittenIntoThePhotoFolder() throws Exception {
        Cli.Run run = Cli.run("train", photos.toString(), "-o", photos.resolve("model.fty").toString(), "--cache",
                cache.toString());
        assertEquals(ExitCode.USAGE.code(), run.exitCode(), run::toString);
        assertTrue(run.err().contains("inside the photo folder"), run::toString);
        assertFalse(Files.exists(photos.resolve("model.fty")));
        assertEquals(photosBefore, LondonFolders.snapshot(photos));
    }
}
