package dev.facetype.cli;

import dev.facetype.cli.i18n.Messages;
import dev.facetype.cli.progress.ProgressLine;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code facetype} subcommand shares: the common options, results on stdout, notes and progress
 * on stderr (silenced by {@code --quiet}), and a clear message when the heap runs out.
 */
abstract class Subcommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Spec
    CommandSpec spec;

    /** Does the command's work; returns an {@link ExitCode}. */
    protected abstract ExitCode run() throws Exception;

    @Override
    public final Integer call() throws Exception {
        try {
            return run().code();
        } catch (OutOfMemoryError e) {
            throw new CliException(ExitCode.INTERNAL, messages().get("error.outOfMemory",
                    Runtime.getRuntime().maxMemory() / (1 << 20)), e);
        }
    }

    /** The texts of this run, in the language of the system locale or {@code --lang}. */
    protected Messages messages() {
        return FaceTypeCommand.messages(spec);
    }

    /** Where results go. */
    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where progress, notes and errors go. */
    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A note on stderr, unless {@code --quiet}. */
    protected void note(String line) {
        if (!common.quiet()) {
            err().println(line);
            err().flush();
        }
    }

    /** A progress line on stderr: redrawn in place on a terminal, silent with {@code --quiet}. */
    protected ProgressLine progressLine() {
        return common.quiet() ? ProgressLine.silent() : ProgressLine.on(err(), ProgressLine.stderrIsTerminal());
    }
}
