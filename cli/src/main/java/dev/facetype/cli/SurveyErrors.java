package dev.facetype.cli;

import dev.facetype.cli.i18n.Language;
import dev.facetype.cli.i18n.Messages;
import dev.facetype.dataset.survey.SurveyException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SurveyException} as the command line reports it: the library's English message, or the same facts in
 * the run's language ({@code survey.problem.<PROBLEM>} with the file and the details), and the exit code.
 */
final class SurveyErrors {

    private SurveyErrors() {
    }

    static CliException toCli(SurveyException e, Messages messages) {
        return new CliException(exitCode(e.problem()), message(e, messages), e);
    }

    /** Bad options are usage errors, a file that cannot be written is an output error, the rest bad input. */
    static ExitCode exitCode(SurveyException.Problem problem) {
        return switch (problem) {
            case UNKNOWN_COLUMN, DUPLICATE_TYPE, INVALID_IN_ENCODING, OUTPUT_INSIDE_PHOTOS, OUTPUT_NOT_EMPTY ->
                    ExitCode.USAGE;
            case LINKS_UNSUPPORTED, CANNOT_WRITE -> ExitCode.CANNOT_WRITE;
            default -> ExitCode.BAD_INPUT;
        };
    }

    private static String message(SurveyException e, Messages messages) {
        String key = "survey.problem." + e.problem().name();
        if (messages.language() == Language.ENGLISH || !messages.has(key)) {
            return e.getMessage();
        }
        List<Object> args = new ArrayList<>();
        args.add(e.file() == null ? "" : e.file().toString());
        args.addAll(e.details());
        while (args.size() < 4) {
            args.add("");
        }
        return messages.get(key, args.toArray());
    }
}
