package dev.facetype.cli;

import dev.facetype.cli.i18n.Messages;
import dev.facetype.cli.render.SurveyReport;
import dev.facetype.dataset.survey.RepresentativeFolders;
import dev.facetype.dataset.survey.SurveyAnalysis;
import dev.facetype.dataset.survey.SurveyException;
import dev.facetype.dataset.survey.SurveyResult;
import dev.facetype.dataset.survey.SurveySettings;
import dev.facetype.dataset.survey.SurveyTable;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code facetype survey results.csv}: the study's choice of representatives from a survey (its section 2.1),
 * and with {@code --photos} the {@code <type>/<person>} folders to train on. The counting and choosing are
 * {@link SurveyAnalysis}'s, the folder writing {@link RepresentativeFolders}'; this command renders them.
 */
@Command(name = "survey", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        exitCodeOnInvalidInput = 1, exitCodeOnExecutionException = 4, sortOptions = false,
        description = {
            "Chooses each type's representatives from a survey (a Google Forms or Microsoft Forms CSV export), as"
                    + " the study did: one row per respondent, one column per candidate person, each cell the type"
                    + " chosen. Prints every person's share of votes per type and agreement (the top share), each"
                    + " type's representatives, and everyone left out with the reason (a tie, too little agreement).",
            "The encoding (UTF-8 with or without BOM, Excel's Shift_JIS, UTF-16) is detected and shown. Google"
                    + " Forms' timestamp column and Microsoft Forms' ID, time, e-mail and name columns are not counted.",
            "With --photos <folder of person folders> it writes <type>/<person>/... into --out as links or copies,"
                    + " ready for 'facetype train'. The original photos are never moved or deleted."
        })
final class SurveyCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "<survey.csv>", description = "The survey's CSV file.")
    Path survey;

    @Option(names = "--per-type", paramLabel = "N", defaultValue = "4",
            description = "People kept per type, the most often assigned first (default: ${DEFAULT-VALUE}; the"
                    + " study kept 4 of 7).")
    int perType;

    @Option(names = "--min-agreement", paramLabel = "SHARE", defaultValue = "0.5", converter = ShareConverter.class,
            description = "Least agreement (share of the most chosen type), 0 to 1 or a percentage such as 50%%"
                    + " (default: ${DEFAULT-VALUE}); people below it are left out.")
    double minAgreement;

    @Option(names = "--types", paramLabel = "TYPE", split = ",",
            description = "The types, in this order (comma-separated). Default: every distinct answer of the"
                    + " candidate columns is a type. Answers that are not a type are reported, not counted.")
    List<String> types = List.of();

    @Option(names = "--columns", paramLabel = "COLUMN", split = ",",
            description = "The candidate people's columns, by header or number from 1 (ranges such as 3-30 too),"
                    + " comma-separated. Default: every column that is not added by the form.")
    List<String> columns = List.of();

    @Option(names = "--skip-columns", paramLabel = "COLUMN", split = ",",
            description = "Columns not to count, by header or number, comma-separated.")
    List<String> skipColumns = List.of();

    @Option(names = "--encoding", paramLabel = "CHARSET",
            description = "The CSV's encoding (default: detected; for example UTF-8 or windows-31j).")
    String encoding;

    @Option(names = "--photos", paramLabel = "DIR",
            description = "A photo folder of person folders (<photos>/<person>/<photo>): the representatives are"
                    + " written into --out.")
    Path photos;

    @Option(names = "--out", paramLabel = "DIR",
            description = "A new (or empty) folder for the <type>/<person>/<photo> layout.")
    Path out;

    @ArgGroup(exclusive = true)
    Placement placement;

    /** {@code --link} (the default) or {@code --copy}. */
    static final class Placement {
        @Option(names = "--link", description = "Symbolic links to the original photos (the default).")
        boolean link;

        @Option(names = "--copy", description = "Copies of the original photos (where links cannot be made, as on"
                + " Windows without Developer Mode).")
        boolean copy;
    }

    @Override
    protected ExitCode run() {
        Messages messages = messages();
        SurveySettings settings = settings(messages);
        Charset charset = charset(messages);
        if (out != null && photos == null) {
            throw new CliException(ExitCode.USAGE, messages.get("survey.error.outWithoutPhotos"));
        }
        if (photos != null && out == null) {
            throw new CliException(ExitCode.USAGE, messages.get("survey.error.photosWithoutOut"));
        }
        try {
            if (photos != null) {
                RepresentativeFolders.checkPlaces(photos, out);
            }
            SurveyResult result = SurveyAnalysis.analyse(SurveyTable.read(survey, charset), settings);
            out().print(SurveyReport.render(result, messages));
            out().flush();
            if (photos != null) {
                writeFolders(result, messages);
            }
        } catch (SurveyException e) {
            throw SurveyErrors.toCli(e, messages);
        }
        return ExitCode.OK;
    }

    private void writeFolders(SurveyResult result, Messages messages) {
        if (result.representatives().values().stream().allMatch(List::isEmpty)) {
            throw new CliException(ExitCode.BAD_INPUT, messages.get("survey.error.nobodyChosen", survey));
        }
        RepresentativeFolders.Mode mode = placement != null && placement.copy ? RepresentativeFolders.Mode.COPY
                : RepresentativeFolders.Mode.LINK;
        RepresentativeFolders.Written written = RepresentativeFolders.write(result.chosenPeople(), photos, out, mode);
        out().println();
        out().print(SurveyReport.renderWritten(written, photos, messages));
        out().flush();
    }

    private SurveySettings settings(Messages messages) {
        if (perType < 1) {
            throw new CliException(ExitCode.USAGE, messages.get("survey.error.perType", perType));
        }
        return SurveySettings.defaults().withPerType(perType).withMinAgreement(minAgreement).withTypes(types)
                .withColumns(columns).withSkipColumns(skipColumns);
    }

    private Charset charset(Messages messages) {
        if (encoding == null) {
            return null;
        }
        try {
            return Charset.forName(encoding.trim());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, messages.get("survey.error.encoding", encoding.trim()), e);
        }
    }

    /** A share as {@code 0.5} or {@code 50%}. */
    static final class ShareConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String text = value.trim();
            boolean percent = text.endsWith("%") || text.endsWith("％");
            try {
                double share = Double.parseDouble(percent ? text.substring(0, text.length() - 1).trim() : text);
                share = percent ? share / 100 : share;
                if (share >= 0 && share <= 1) {
                    return share;
                }
            } catch (NumberFormatException e) {
                // Reported below.
            }
            throw new TypeConversionException(String.format(Locale.ROOT,
                    "'%s' is not a share from 0 to 1 or a percentage such as 50%%", value));
        }
    }
}
