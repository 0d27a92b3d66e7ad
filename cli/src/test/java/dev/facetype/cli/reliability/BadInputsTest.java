package dev.facetype.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.classifier.FaceTypeClassifier;
import dev.facetype.cli.web.WebServer;
import dev.facetype.cli.web.WebSettings;
import dev.facetype.cnn.io.Json;
import dev.facetype.dataset.manifest.FileReason;
import dev.facetype.dataset.manifest.Manifest;
import dev.facetype.dataset.manifest.ManifestEntry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus of {@link BadInputCorpus} through {@code facetype prepare}, {@code train} and {@code predict} as a
 * user types them, and through the web API: every command finishes, every bad file is listed with its reason,
 * nothing crashes, and the photo folder is exactly as it was (names, sizes, times, hashes, links).
 *
 * <p>Each file is one dynamic test, so the report counts the cases tried; {@code target/reliability/bad-inputs.tsv}
 * lists them with what each command made of them.
 */
class BadInputsTest {

    private static final int PLAIN_PEOPLE = 8;

    @TempDir
    static Path work;

    private static BadInputCorpus corpus;
    private static Map<String, String> before;
    private static CommandRunner.Run prepare;
    private static CommandRunner.Run train;
    private static CommandRunner.Run predict;
    private static Manifest manifest;
    private static Path model;
    private static final Map<String, Map<?, ?>> PREDICTIONS = new LinkedHashMap<>();
    private static final Map<String, String> WEB_ANSWERS = new LinkedHashMap<>();

    @BeforeAll
    static void runEveryCommandOnTheCorpus() throws Exception {
        corpus = BadInputCorpus.build(work.resolve("photos"), PLAIN_PEOPLE);
        Path photos = corpus.root();
        before = FolderSnapshot.of(photos);
        Path cache = work.resolve("cache");
        Path manifestFile = work.resolve("manifest.csv");
        prepare = CommandRunner.run("prepare", photos.toString(), "--manifest", manifestFile.toString(),
                "--cache", cache.toString(), "--threads", "2");
        manifest = Files.exists(manifestFile) ? Manifest.readCsv(manifestFile) : null;
        model = work.resolve("models").resolve("corpus.fty");
        train = CommandRunner.run("train", photos.toString(), "-o", model.toString(), "--epochs", "1", "--size", "32",
                "--gray", "--no-pictures", "--threads", "2", "--cache", cache.toString(), "--quiet");

        List<String> args = new ArrayList<>(List.of("predict", model.toString(), "--json", "--threads", "2"));
        corpus.cases().forEach(c -> args.add(photos.resolve(c.path()).toString()));
        predict = CommandRunner.run(args.toArray(String[]::new));
        if (!predict.out().isBlank()) {
            for (Object photo : (List<?>) Json.parseObject(predict.out().trim()).get("photos")) {
                Map<?, ?> answer = (Map<?, ?>) photo;
                PREDICTIONS.put(photos.relativize(Path.of((String) answer.get("file"))).toString(), answer);
            }
        }
        uploadEveryReadableFile(photos);
    }

    /** Regular files (following links) go to the web API as a user's upload would; the rest cannot be read. */
    private static void uploadEveryReadableFile(Path photos) throws Exception {
        if (!Files.isRegularFile(model)) {
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (FaceTypeClassifier classifier = FaceTypeClassifier.load(model);
             WebServer server = WebServer.start(classifier, WebSettings.defaults().withPort(0), line -> { })) {
            for (BadInputCorpus.Case c : corpus.cases()) {
                Path file = photos.resolve(c.path());
                byte[] bytes;
                try {
                    if (!Files.isRegularFile(file)) {
                        continue;
                    }
                    bytes = Files.readAllBytes(file);
                } catch (IOException e) {
                    continue; // the loop, the pipe and the failing read: no client could send them either
                }
                HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/api/predict"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                WEB_ANSWERS.put(c.path(), response.statusCode() + " " + response.body());
            }
        }
    }

    @AfterAll
    static void writeTheSummary() throws IOException {
        if (corpus == null) {
            return;
        }
        Path summary = Path.of("target", "reliability", "bad-inputs.tsv");
        Files.createDirectories(summary.getParent());
        StringBuilder text = new StringBuilder("file\twhat\texpected\tprepare\tpredict\tweb\n");
        for (BadInputCorpus.Case c : corpus.cases()) {
            String prepared = manifest == null ? "" : manifest.entry(c.path()).map(e -> e.reason().name()).orElse("missing");
            Map<?, ?> answer = PREDICTIONS.get(c.path().replaceAll("/$", ""));
            String predicted = answer == null ? "" : answer.containsKey("reason") ? String.valueOf(answer.get("reason"))
                    : ((List<?>) answer.get("faces")).size() + " faces";
            String web = WEB_ANSWERS.getOrDefault(c.path(), "not sent");
            text.append(c.path()).append('\t').append(c.what()).append('\t').append(c.expected()).append('\t')
                    .append(prepared).append('\t').append(predicted).append('\t')
                    .append(web.length() > 3 ? web.substring(0, 3) : web).append('\n');
        }
        text.append("cases\t").append(corpus.cases().size()).append('\n');
        Files.writeString(summary, text);
    }

    @Test
    void prepareAndTrainFinishAndTheModelLoads(TestReporter reporter) throws Exception {
        reporter.publishEntry("bad-input cases tried", String.valueOf(corpus.cases().size()));
        assertEquals(0, prepare.exitCode(), prepare::toString);
        assertEquals(0, train.exitCode(), train::toString);
        try (FaceTypeClassifier loaded = FaceTypeClassifier.load(model)) {
            assertEquals(List.of("neutral", "smiling"), loaded.labels());
        }
        assertFalse(prepare.err().contains("\tat "), "no stack trace: " + prepare);
        assertFalse(train.err().contains("\tat "), "no stack trace: " + train);
    }

    @Test
    void thePhotoFolderIsExactlyAsItWas() throws Exception {
        assertEquals(before, FolderSnapshot.of(corpus.root()));
        assertTrue(Files.isSymbolicLink(corpus.root().resolve(corpus.cases().stream()
                .filter(c -> c.path().endsWith("loop-a.jpg")).findFirst().orElseThrow().path())));
        try (Stream<Path> files = Files.walk(work.resolve("photos"))) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void predictAnswersEveryPhotoAndNamesEveryBadFileOnOneLine() {
        assertEquals(2, predict.exitCode(), "bad files make exit code 2: " + predict);
        long bad = corpus.cases().stream().filter(c -> !c.kept() && c.expected() != FileReason.NO_FACE).count();
        assertEquals(bad, predict.errLines().size(), predict::toString);
        assertEquals(corpus.cases().size(), PREDICTIONS.size(), "every photo has an answer in the JSON: " + predict);
        assertFalse(predict.err().contains("\tat "), "no stack trace: " + predict);
    }

    @TestFactory
    Stream<DynamicTest> everyFile() {
        return corpus.cases().stream().map(c -> DynamicTest.dynamicTest(c.what() + ": " + c.path(), () -> {
            ManifestEntry entry = manifest.entry(c.path()).orElseThrow(() -> new AssertionError(
                    c.path() + " is missing from the manifest"));
            if (c.path().endsWith("group.jpg")) {
                assertTrue(Set.of(FileReason.OK, FileReason.FACE_TOO_SMALL).contains(entry.reason()), entry.toString());
            } else {
                assertEquals(c.expected(), entry.reason(), entry.toString());
            }
            String listed = "  " + c.path() + ": ";
            if (c.kept()) {
                assertFalse(prepare.out().contains(listed), c.path() + " was listed as left out:\n" + prepare.out());
            } else {
                assertTrue(prepare.out().contains(listed), c.path() + " is not listed by prepare:\n" + prepare.out());
                assertTrue(train.out().contains(listed), c.path() + " is not listed by train:\n" + train.out());
            }
            checkPrediction(c);
            checkWebAnswer(c);
        }));
    }

    private static void checkPrediction(BadInputCorpus.Case c) {
        Map<?, ?> answer = PREDICTIONS.get(c.path().replaceAll("/$", ""));
        assertTrue(answer != null, c.path() + " has no answer from predict: " + predict);
        List<?> faces = (List<?>) answer.get("faces");
        if (c.kept()) {
            assertFalse(answer.containsKey("error"), answer.toString());
            assertTrue(faces.size() >= (c.path().endsWith("group.jpg") ? 3 : 1), answer.toString());
        } else if (c.expected() == FileReason.NO_FACE) {
            assertEquals(0, faces.size(), answer.toString());
        } else {
            String expectedReason = switch (c.expected()) {
                case EMPTY_FILE -> "EMPTY";
                case DAMAGED_IMAGE -> "TRUNCATED_OR_CORRUPT";
                case NOT_AN_IMAGE -> "NOT_AN_IMAGE";
                case TOO_LARGE -> "TOO_LARGE";
                default -> "UNREADABLE";
            };
            assertEquals(expectedReason, answer.get("reason"), answer.toString());
            String message = (String) answer.get("error");
            assertTrue(message.startsWith(corpus.root().resolve(c.path()).toString()), message);
            assertTrue(predict.errLines().stream().anyMatch(l -> l.contains(message)), predict::toString);
        }
    }

    private static void checkWebAnswer(BadInputCorpus.Case c) {
        String answer = WEB_ANSWERS.get(c.path());
        if (answer == null) {
            assertTrue(Set.of(FileReason.UNREADABLE, FileReason.SYMLINK_LOOP).contains(c.expected()),
                    c.path() + " could be read, so it must have been uploaded");
            return;
        }
        int status = Integer.parseInt(answer.substring(0, 3));
        int expected = switch (c.expected()) {
            case OK, NO_FACE -> 200;
            case EMPTY_FILE -> 400;
            case NOT_AN_IMAGE -> 415;
            default -> 422;
        };
        assertEquals(expected, status, c.path() + ": " + answer);
        assertFalse(answer.contains("\tat ") || answer.contains("Exception"), "no stack trace: " + answer);
        assertFalse(answer.contains(Path.of(c.path()).getFileName().toString()), "the file name is not echoed: " + answer);
    }
}
