package dev.facetype.cli;

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
        if (manifest != null) {
            PhotoFolders.checkWritableOutside(manifest, root, "manifest");
        }
        FaceDataset dataset = PhotoFolders.prepare(root, crop.settings(CropOptions.DEFAULTS), cache, common.threads(),
                new PreparationProgressPrinter(progressLine()));
        DatasetSummary summary = DatasetSummary.of(dataset);
        out().print(SummaryTable.render(summary));
        List<ManifestEntry> problems = dataset.manifest().problems();
        if (!problems.isEmpty()) {
            out().println();
            out().println("left out (" + problems.size() + "):");
            for (ManifestEntry entry : problems) {
                out().println("  " + entry.path() + ": " + describe(entry));
            }
        }
        if (!dataset.nearDuplicateGroups().isEmpty()) {
            out().println();
            out().println("near-duplicate photos (kept, and always put on the same side of a split):");
            dataset.nearDuplicateGroups().forEach(group -> out().println("  " + String.join(", ", group)));
        }
        dataset.warnings().forEach(w -> out().println("warning: " + w));
        if (manifest != null) {
            try {
                dataset.manifest().writeCsv(manifest);
            } catch (IOException e) {
                throw new UncheckedIOException(manifest + ": " + e.getMessage(), e);
            }
            out().println("manifest: " + manifest);
        }
        out().flush();
        if (dataset.samples().isEmpty()) {
            throw new CliException(ExitCode.BAD_INPUT, root + ": no usable face in any photo (see the list above)");
        }
        return ExitCode.OK;
    }

    private static String describe(ManifestEntry entry) {
        String what = entry.decision() == Decision.SKIPPED ? "skipped, " : entry.decision() == Decision.EXCLUDED
                ? "excluded, " : "rejected, ";
        return what + entry.reason().phrase() + (entry.detail().isEmpty() ? "" : " (" + entry.detail() + ")");
    }
}
