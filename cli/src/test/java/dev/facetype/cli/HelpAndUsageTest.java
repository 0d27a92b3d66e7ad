package dev.facetype.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --help}, {@code --version} and usage errors, for the top command and every subcommand. */
class HelpAndUsageTest {

    private static final List<String> COMMANDS = List.of("prepare", "train", "evaluate", "predict", "demo");

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Cli.Run run = Cli.run("--help");
        assertEquals(0, run.exitCode());
        for (String command : COMMANDS) {
            assertTrue(run.out().contains("\n  " + command + " "), "lists " + command + ":\n" + run.out());
        }
        for (ExitCode code : ExitCode.values()) {
            assertTrue(run.out().contains("  " + code.code() + "   " + code.meaning()), "documents exit code " + code);
        }
        assertTrue(run.out().contains("しょうゆ顔"), "the Japanese type names survive the help text");
        assertEquals("", run.err());
    }

    @Test
    void everyCommandHasHelpWithTheCommonOptionsAndTheExitCodes() {
        for (String command : COMMANDS) {
            Cli.Run run = Cli.run(command, "--help");
            assertEquals(0, run.exitCode(), command);
            assertTrue(run.out().startsWith("Usage: facetype " + command), run.out());
            for (String option : List.of("--quiet", "--threads", "--debug", "--help", "--version")) {
                assertTrue(run.out().contains(option), command + " --help mentions " + option);
            }
            assertTrue(run.out().contains("Exit codes:"), command);
        }
    }

    @Test
    void trainHelpShowsTheTrainingChoices() {
        String help = Cli.run("train", "--help").out();
        for (String option : List.of("--output", "--split", "--epochs", "--seed", "--preset", "--size", "--gray",
                "--jitter", "--checkpoint", "--resume", "--validation-fraction", "--patience")) {
            assertTrue(help.contains(option), option);
        }
    }

    @Test
    void versionNamesFacetypeAndJava() {
        Cli.Run run = Cli.run("predict", "--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("facetype "), run.out());
        assertTrue(run.out().contains("Java " + System.getProperty("java.version")), run.out());
    }

    @Test
    void anUnknownOptionIsOneLineAndExitCode1() {
        Cli.Run run = Cli.run("train", "photos", "-o", "m.fty", "--epoks");
        assertEquals(ExitCode.USAGE.code(), run.exitCode());
        assertEquals(List.of("facetype train: Unknown option: '--epoks' (see 'facetype train --help')"), run.errLines());
    }

    @Test
    void anUnknownNormalisationIsOneLineAndExitCode1BeforeAnyPhotoIsRead() {
        Cli.Run run = Cli.run("train", "no-such-folder", "-o", "m.fty", "--normalise", "per-face");
        assertEquals(ExitCode.USAGE.code(), run.exitCode());
        assertEquals(List.of("facetype: error: --normalise must be per-channel or per-image, got 'per-face'"),
                run.errLines());
    }

    @Test
    void aMissingArgumentIsExitCode1() {
        Cli.Run run = Cli.run("predict", "model.fty");
        assertEquals(ExitCode.USAGE.code(), run.exitCode());
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.err().contains("<photo>"), run::toString);
    }

    @Test
    void anInvalidValueIsExitCode1BeforeAnyWork() {
        Cli.Run split = Cli.run("train", "photos", "-o", "m.fty", "--split", "by-face");
        assertEquals(ExitCode.USAGE.code(), split.exitCode(), split::toString);
        assertEquals(List.of("facetype: error: unknown split mode 'by-face'; use by-person, by-photo or study"),
                split.errLines());
        Cli.Run preset = Cli.run("train", "photos", "-o", "m.fty", "--preset", "huge");
        assertEquals(ExitCode.USAGE.code(), preset.exitCode(), preset::toString);
        Cli.Run epochs = Cli.run("train", "photos", "-o", "m.fty", "--epochs", "0");
        assertEquals(ExitCode.USAGE.code(), epochs.exitCode(), epochs::toString);
        assertTrue(epochs.err().contains("epochs must be positive"), epochs::toString);
        Cli.Run threads = Cli.run("predict", "m.fty", "a.jpg", "--threads", "0");
        assertEquals(ExitCode.USAGE.code(), threads.exitCode(), threads::toString);
    }

    @Test
    void noCommandShowsTheUsageAsAnError() {
        Cli.Run run = Cli.run();
        assertEquals(ExitCode.USAGE.code(), run.exitCode());
        assertTrue(run.err().startsWith("Usage: facetype"), run::toString);
    }
}
