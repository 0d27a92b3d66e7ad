package dev.facetype.cli.progress;

import dev.facetype.dataset.prepare.PreparationListener;
import dev.facetype.dataset.prepare.PreparationProgress;
import dev.facetype.dataset.prepare.PreparationTimings;
import java.util.Locale;

/** Renders dataset preparation (hashing, then detecting and cropping) on a {@link ProgressLine}. */
public final class PreparationProgressPrinter implements PreparationListener {

    private static final int BAR_WIDTH = 24;

    private final ProgressLine line;

    public PreparationProgressPrinter(ProgressLine line) {
        this.line = line;
    }

    @Override
    public void progress(PreparationProgress progress) {
        String phase = progress.phase() == PreparationProgress.Phase.HASHING ? "reading  " : "preparing";
        String eta = progress.eta().map(d -> "  ETA " + ProgressLine.clock(d.toMillis() / 1000.0)).orElse("");
        line.update(String.format(Locale.ROOT, "%s %s %,d/%,d photos%s%s", phase,
                ProgressLine.bar(progress.fraction(), BAR_WIDTH), progress.done(), progress.total(),
                progress.cacheHits() > 0 ? "  (" + progress.cacheHits() + " from the cache)" : "", eta));
    }

    @Override
    public void finished(PreparationTimings timings) {
        line.finish(String.format(Locale.ROOT, "prepared %,d photos in %.1f s (%,d from the cache, %d threads)",
                timings.photos(), timings.total().toNanos() / 1e9, timings.cacheHits(), timings.threads()));
    }
}
