package dev.facetype.cli;

import dev.facetype.cnn.parallel.ComputePool;
import picocli.CommandLine.Option;

/** Options every {@code facetype} command accepts. */
public final class CommonOptions {

    @Option(names = {"-q", "--quiet"}, description = "Print results only: no progress bars or notes on stderr.")
    boolean quiet;

    @Option(names = "--threads", paramLabel = "N",
            description = "Compute threads (default: the number of processors, or -Dfacetype.threads).")
    Integer threads;

    @Option(names = "--debug", description = "Show the stack trace behind an error.")
    boolean debug;

    /** The threads asked for, or the engine's default. */
    public int threads() {
        if (threads == null) {
            return ComputePool.defaultThreadCount();
        }
        if (threads < 1) {
            throw new CliException(ExitCode.USAGE, "--threads must be at least 1, got " + threads);
        }
        return threads;
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean debug() {
        return debug;
    }
}
