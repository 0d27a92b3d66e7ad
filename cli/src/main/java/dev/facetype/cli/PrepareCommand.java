package dev.facetype.cli;

import dev.facetype.cli.i18n.Messages;
import dev.facetype.cli.progress.PreparationProgressPrinter;
import dev.facetype.dataset.FaceDataset;
import dev.facetype.dataset.manifest.Decision;
import dev.facetype.dataset.manifest.ManifestEntry;
import dev.facetype.dataset.summary.DatasetSummary;
import dev.facetype.dataset.summary.SummaryTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code facetype prepare <root>}: the preparation report, every photo kept or left out and why. */
@Command(name = "prepare", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        exitCodeOnInvalidInput = 1, exitCodeOnExecutionException = 4, sortOptions = false,
        description = {
            "Finds and crops the faces of a photo folder <root>/<type>/<person>/<photo> (or <root>/<type>/<photo>)"
                    + " and reports what training would use: photos found, kept, and left out with the reason"
                    + " (no face, too small, blurry, damaged, duplicate, not an image...). The crops are cached, so"
                    + " a later 'facetype train' on the same folder starts at once. The photo folder is only read."
        })
final class PrepareCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "<root>", description = "The photo folder: one folder per type.")
    Path root;

    @Mixin
    CropOptions crop = new CropOptions();

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "Also write every file with its hash, type, person, decision and reason as CSV.")
    Path manifest;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where face crops are cached (default: $XDG_CACHE_HOME/facetype or ~/.cache/facetype).")
    Path cache;

    @Override
    protected ExitCode run() {
        Messages messages = messages();
        if (manifest != null) {
            PhotoFolders.checkWritableOutside(manifest, root, "file.manifest", messages);
        }
        FaceDataset dataset = PhotoFolders.prepare(root, crop.settings(CropOptions.DEFAULTS), cache, common.threads(),
                new PreparationProgressPrinter(progressLine(), messages));
        DatasetSummary summary = DatasetSummary.of(dataset);
        out().print(SummaryTable.render(summary));
        List<ManifestEntry> problems = dataset.manifest().problems();
        if (!problems.isEmpty()) {
            out().println();
            out().println(messages.get("prepare.leftOut", problems.size()));
            for (ManifestEntry entry : problems) {
                out().println("  " + entry.path() + ": " + describe(entry, messages));
            }
        }
        if (!dataset.nearDuplicateGroups().isEmpty()) {
            out().println();
            out().println(messages.get("prepare.nearDuplicates"));
            dataset.nearDuplicateGroups().forEach(group -> out().println("  " + String.join(", ", group)));
        }
        dataset.warnings().forEach(w -> out().println(messages.get("note.warning", w)));
        if (manifest != null) {
            try {
                dataset.manifest().writeCsv(manifest);
            } catch (IOException e) {
                throw new UncheckedIOException(manifest + ": " + e.getMessage(), e);
            }
            out().println(messages.get("prepare.manifest", manifest));
        }
        out().flush();
        if (dataset.samples().isEmpty()) {
            throw new CliException(ExitCode.BAD_INPUT, messages.get("error.noUsableFaceAbove", root));
        }
        return ExitCode.OK;
    }

    private static String describe(ManifestEntry entry, Messages messages) {
        String what = messages.get(entry.decision() == Decision.SKIPPED ? "prepare.skipped"
                : entry.decision() == Decision.EXCLUDED ? "prepare.excluded" : "prepare.rejected");
        return what + FileReasons.phrase(entry.reason(), messages)
                + (entry.detail().isEmpty() ? "" : " (" + entry.detail() + ")");
    }
}
