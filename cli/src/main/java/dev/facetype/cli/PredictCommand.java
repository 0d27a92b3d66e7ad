package dev.facetype.cli;

import dev.facetype.classifier.FaceTypeClassifier;
import dev.facetype.classifier.PhotoPrediction;
import dev.facetype.cli.i18n.Messages;
import dev.facetype.cli.render.PredictionJson;
import dev.facetype.cli.render.PredictionText;
import dev.facetype.vision.io.ImageLoadException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code facetype predict model.fty photo.jpg...}: the study's checker, every face's type and probabilities. */
@Command(name = "predict", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        exitCodeOnInvalidInput = 1, exitCodeOnExecutionException = 4, sortOptions = false,
        description = {
            "Answers the face type of every face in each photo, with the probability of every type (the study's"
                    + " checker). A photo that cannot be read is reported and the others are still answered;"
                    + " the exit code is then 2."
        })
final class PredictCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "<model.fty>", description = "A model written by 'facetype train'.")
    Path model;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<photo>", description = "Photos (JPEG, PNG, GIF, BMP, TIFF, PGM).")
    List<Path> photos;

    @Option(names = "--json", description = "Print one JSON document: per photo its faces, each with box, label,"
            + " confidence, uncertain and probabilities.")
    boolean json;

    @Override
    protected ExitCode run() {
        ExitCode result = ExitCode.OK;
        Messages messages = messages();
        try (FaceTypeClassifier classifier = ModelFiles.load(model, common.threads(), messages)) {
            PredictionJson document = new PredictionJson(model.toString(), classifier.labels());
            for (Path photo : photos) {
                try {
                    PhotoPrediction prediction = classifier.predict(photo);
                    if (json) {
                        document.add(photo.toString(), prediction);
                    } else {
                        out().print(PredictionText.render(photo.toString(), prediction, classifier.labels(), messages));
                        out().flush();
                    }
                } catch (ImageLoadException e) {
                    result = ExitCode.BAD_INPUT;
                    err().println(messages.get("error.line", e.getMessage()));
                    err().flush();
                    if (json) {
                        document.addError(photo.toString(), e.getMessage(), e.reason().name());
                    }
                }
            }
            if (json) {
                out().println(document.render());
                out().flush();
            }
        }
        return result;
    }
}
