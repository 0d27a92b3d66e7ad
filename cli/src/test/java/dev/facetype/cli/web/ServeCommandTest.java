package dev.facetype.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facetype.cli.CliException;
import dev.facetype.cli.ExitCode;
import dev.facetype.cli.FaceTypeCommand;
import dev.facetype.cli.i18n.Language;
import dev.facetype.testing.TestModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code facetype serve}: starts, prints its address, serves with the limits asked for, stops; clear errors. */
class ServeCommandTest {

    /** A command line for {@code serve} alone, keeping the exception that ended it. */
    private static final class Run {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicReference<Exception> failure = new AtomicReference<>();
        final CommandLine commandLine;

        /** {@code serve} on its own. */
        Run() {
            this(false);
        }

        /** With {@code whole}, the whole command line on an English system, {@code serve} given as the first argument. */
        Run(boolean whole) {
            commandLine = whole ? FaceTypeCommand.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true),
                    Language.ENGLISH) : new CommandLine(new ServeCommand());
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            commandLine.setExecutionExceptionHandler((e, line, result) -> {
                failure.set(e);
                return 99;
            });
        }

        int execute(String... args) {
            return commandLine.execute(args);
        }

        CliException cliFailure() {
            return assertInstanceOf(CliException.class, failure.get(), "stderr: " + err);
        }
    }

    @Test
    void servesWithTheLimitsAskedForUntilStopped() throws Exception {
        Run run = new Run();
        AtomicReference<Integer> exit = new AtomicReference<>();
        Thread serving = new Thread(() -> exit.set(run.execute(TestModels.londonSmile().toString(), "--port", "0",
                "--max-upload-mb", "2", "--concurrency", "1", "--queue-wait-ms", "250", "--detect-max-side", "320",
                "--idle-timeout-s", "1", "--upload-timeout-s", "5")),
                "serve-under-test");
        serving.start();
        URI address = awaitAddress(run, serving);
        ApiClient api = new ApiClient(address);
        assertEquals("ok", api.get("/health").json().get("status").asText());
        JsonNode limits = api.get("/api/model").json().get("limits");
        assertEquals(2 * 1024 * 1024, limits.get("maxUploadBytes").asLong());
        assertEquals(1, limits.get("predictionSlots").asInt());
        api.postRaw(new byte[2 * 1024 * 1024 + 1], "image/jpeg").assertError(413, "upload_too_large");
        JsonNode answer = api.postRaw(TestPhotos.read(TestPhotos.threePeople()), "image/jpeg").json();
        assertEquals(3, answer.get("faceCount").asInt(), "faces found on the photo shrunk to 320 px: " + answer);
        assertTrue(run.err.toString().contains("types: neutral, smiling"), run.err.toString());
        assertTrue(api.get("/api/model").json().path("pageLanguage").isMissingNode(),
                "without --lang the page follows each visitor's browser");
        try (RawHttp stalled = new RawHttp(address, 20_000)) {
            stalled.send("POST /api/predict HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\nonly this");
            RawHttp.Response timedOut = stalled.read();
            assertEquals(408, timedOut.status(), timedOut.toString());
            assertTrue(timedOut.millis() < 4_000, "after the 1 s idle timeout: " + timedOut.millis() + " ms");
        }

        serving.interrupt();
        serving.join(30_000);
        assertEquals(0, exit.get(), "stopped cleanly: " + run.failure.get() + " " + run.err);
    }

    @Test
    void aMissingModelIsAModelError(@TempDir Path dir) {
        Run run = new Run();
        Path missing = dir.resolve("nothing.fty");
        run.execute(missing.toString(), "--port", "0");
        CliException e = run.cliFailure();
        assertEquals(ExitCode.MODEL, e.exitCode());
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("no such model file"),
                e.getMessage());
    }

    @Test
    void aPortInUseIsAUsageErrorThatSaysWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = new Run();
            run.execute(TestModels.londonSmile().toString(), "--port", String.valueOf(taken.getLocalPort()));
            CliException e = run.cliFailure();
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().contains("port " + taken.getLocalPort()) && e.getMessage().contains("--port"),
                    e.getMessage());
        }
    }

    @Test
    void valuesOutOfRangeAreUsageErrors() {
        for (String[] args : new String[][] {{"--max-upload-mb", "0"}, {"--concurrency", "0"}, {"--port", "70000"},
                {"--queue-wait-ms", "-1"}, {"--max-megapixels", "0"}, {"--detect-max-side", "16"},
                {"--idle-timeout-s", "0"}, {"--upload-timeout-s", "0"}}) {
            Run run = new Run();
            run.execute(TestModels.londonSmile().toString(), args[0], args[1]);
            CliException e = run.cliFailure();
            assertEquals(ExitCode.USAGE, e.exitCode(), String.join(" ", args));
            assertTrue(e.getMessage().startsWith(args[0]), e.getMessage());
        }
    }

    @Test
    void withLangJaThePageAndTheStartLineAreJapanese() throws Exception {
        Run run = new Run(true);
        AtomicReference<Integer> exit = new AtomicReference<>();
        Thread serving = new Thread(() -> exit.set(run.execute("serve", TestModels.londonSmile().toString(), "--port",
                "0", "--lang", "ja")), "serve-under-test");
        serving.start();
        URI address = awaitAddress(run, serving);
        assertEquals("ja", new ApiClient(address).get("/api/model").json().get("pageLanguage").asText());
        assertTrue(run.err.toString().contains("(タイプ: neutral, smiling)"), run.err.toString());
        serving.interrupt();
        serving.join(30_000);
        assertEquals(0, exit.get(), "stopped cleanly: " + run.failure.get() + " " + run.err);
    }

    private static URI awaitAddress(Run run, Thread serving) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            String printed = run.out.toString().trim();
            if (printed.startsWith("http://")) {
                return URI.create(printed.lines().findFirst().orElseThrow());
            }
            if (!serving.isAlive()) {
                fail("serve ended before printing its address; stderr: " + run.err + " failure: " + run.failure.get());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no address printed within a minute; stderr: " + run.err);
    }
}
