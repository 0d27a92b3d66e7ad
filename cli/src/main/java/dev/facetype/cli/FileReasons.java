package dev.facetype.cli;

import dev.facetype.cli.i18n.Language;
import dev.facetype.cli.i18n.Messages;
import dev.facetype.dataset.manifest.FileReason;

/** Why a photo was left out, in the run's language. */
final class FileReasons {

    private FileReasons() {
    }

    /** {@code no face} in English ({@link FileReason#phrase()}), 顔が見つからない in Japanese. */
    static String phrase(FileReason reason, Messages messages) {
        String key = "reason." + reason.name();
        return messages.language() != Language.ENGLISH && messages.has(key) ? messages.get(key) : reason.phrase();
    }
}
