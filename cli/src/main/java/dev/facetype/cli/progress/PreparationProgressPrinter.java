package dev.facetype.cli.progress;

import dev.facetype.cli.i18n.Language;
import dev.facetype.cli.i18n.Messages;
import dev.facetype.dataset.prepare.PreparationListener;
import dev.facetype.dataset.prepare.PreparationProgress;
import dev.facetype.dataset.prepare.PreparationTimings;

/** Renders dataset preparation (hashing, then detecting and cropping) on a {@link ProgressLine}. */
public final class PreparationProgressPrinter implements PreparationListener {

    private static final int BAR_WIDTH = 24;

    private final ProgressLine line;
    private final Messages messages;

    /** Progress in English on {@code line}. */
    public PreparationProgressPrinter(ProgressLine line) {
        this(line, Messages.of(Language.ENGLISH));
    }

    /** Progress in the language of {@code messages} on {@code line}. */
    public PreparationProgressPrinter(ProgressLine line, Messages messages) {
        this.line = line;
        this.messages = messages;
    }

    @Override
    public void progress(PreparationProgress progress) {
        String phase = messages.get(progress.phase() == PreparationProgress.Phase.HASHING ? "progress.reading"
                : "progress.preparing");
        String eta = progress.eta().map(d -> messages.get("progress.eta", ProgressLine.clock(d.toMillis() / 1000.0)))
                .orElse("");
        line.update(messages.get("progress.photos", phase, ProgressLine.bar(progress.fraction(), BAR_WIDTH),
                progress.done(), progress.total(),
                progress.cacheHits() > 0 ? messages.get("progress.fromCache", progress.cacheHits()) : "", eta));
    }

    @Override
    public void finished(PreparationTimings timings) {
        line.finish(messages.get("progress.prepared", timings.photos(), timings.total().toNanos() / 1e9,
                timings.cacheHits(), timings.threads()));
    }
}
