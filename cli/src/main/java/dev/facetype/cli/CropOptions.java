package dev.facetype.cli;

import dev.facetype.vision.crop.CropSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How faces are cut out for training. The same settings go to the dataset preparation and into the model,
 * so predictions crop exactly as training did.
 */
public final class CropOptions {

    /** The command line's defaults: the study's 48 px input, colour, margin 0.2, no rotation. */
    static final CropSettings DEFAULTS = new CropSettings(0.2, 48, 3, false);

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--size", paramLabel = "PIXELS",
            description = "Side of the square face crop the network sees (default: 48, the study's).")
    Integer size;

    @Option(names = "--gray", description = "Train on gray crops, as the study did (default: colour).")
    boolean gray;

    @Option(names = "--margin", paramLabel = "FRACTION",
            description = "Room around the detected face, as a fraction of its size (default: 0.2).")
    Double margin;

    @Option(names = "--align-eyes", description = "Turn each crop so the eyes are level.")
    boolean alignEyes;

    /** The settings asked for, on top of {@code base}. */
    public CropSettings settings(CropSettings base) {
        try {
            return new CropSettings(margin == null ? base.margin() : margin, size == null ? base.outputSize() : size,
                    gray ? 1 : base.channels(), alignEyes || base.alignEyes());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, FaceTypeCommand.messages(mixee).get("error.cropSetting",
                    e.getMessage()));
        }
    }
}
