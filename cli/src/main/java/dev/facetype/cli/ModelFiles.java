package dev.facetype.cli;

import dev.facetype.classifier.FaceTypeClassifier;
import dev.facetype.cli.i18n.Messages;
import dev.facetype.cnn.io.ModelFileException;
import dev.facetype.vision.detect.FaceDetectors;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Loads model files with errors that say which file and what is wrong with it ({@link ExitCode#MODEL}). */
final class ModelFiles {

    private ModelFiles() {
    }

    static FaceTypeClassifier load(Path model, int threads, Messages messages) {
        if (!Files.exists(model)) {
            throw new CliException(ExitCode.MODEL, messages.get("error.noModel", model, model));
        }
        if (Files.isDirectory(model)) {
            throw new CliException(ExitCode.MODEL, messages.get("error.modelIsFolder", model));
        }
        try {
            return FaceTypeClassifier.load(model, threads, FaceDetectors::yunet);
        } catch (ModelFileException e) {
            String message = e.getMessage() == null ? e.reason().toString() : e.getMessage();
            throw new CliException(ExitCode.MODEL, message.startsWith(model.toString()) ? message
                    : model + ": " + message, e);
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw new CliException(ExitCode.MODEL, messages.get("error.modelUnreadable", model,
                    e.getClass().getSimpleName()), e);
        } catch (IOException e) {
            throw new CliException(ExitCode.MODEL, messages.get("error.modelCannotBeRead", model, e.getMessage()), e);
        }
    }

    /** {@code model.fty} → {@code model.<suffix>} beside it. */
    static Path sibling(Path model, String suffix) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return model.resolveSibling(stem + "." + suffix);
    }
}
