package dev.facetype.cli;

import dev.facetype.cli.i18n.Messages;
import dev.facetype.dataset.manifest.Decision;
import dev.facetype.dataset.manifest.ManifestEntry;
import java.io.PrintWriter;
import java.util.List;

/**
 * The files preparation left out of training, one line each with its path and reason (in the words of
 * {@code facetype prepare}), so that a user of {@code facetype train} sees every unusable photo.
 */
final class LeftOutFiles {

    private LeftOutFiles() {
    }

    /** Prints nothing when nothing was left out. */
    static void print(PrintWriter out, List<ManifestEntry> problems, Messages messages) {
        if (problems.isEmpty()) {
            return;
        }
        out.println();
        out.println(messages.get("prepare.leftOut", problems.size()));
        for (ManifestEntry entry : problems) {
            String what = messages.get(entry.decision() == Decision.SKIPPED ? "prepare.skipped"
                    : entry.decision() == Decision.EXCLUDED ? "prepare.excluded" : "prepare.rejected");
            out.println("  " + entry.path() + ": " + what + FileReasons.phrase(entry.reason(), messages)
                    + (entry.detail().isEmpty() ? "" : " (" + entry.detail() + ")"));
        }
        out.flush();
    }
}
