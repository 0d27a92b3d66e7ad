package dev.facetype.dataset.prepare;

import dev.facetype.vision.FacePolicy;
import dev.facetype.vision.PhotoPreparer;
import dev.facetype.vision.crop.CropSettings;
import dev.facetype.vision.io.LoadOptions;
import dev.facetype.vision.quality.QualitySettings;
import java.util.Objects;

/**
 * Everything that decides what preparation makes of a photo; immutable. Two descriptions of it key the cache:
 * {@link #detectionDescription()} (decoding and detection) and {@link #cropDescription()} (all of it). The
 * near-duplicate distance of the quality settings is applied afterwards, across photos, and is in neither.
 *
 * @param loadOptions how photos are decoded (pixel and byte limits, colour)
 * @param detector    which face detector, with its thresholds
 * @param crop        crop margin, output size, channels, eye alignment
 * @param quality     minimum face size and sharpness; the near-duplicate distance
 * @param facePolicy  the largest face of a photo (training) or all of them
 */
public record PreparationSettings(LoadOptions loadOptions, DetectorSpec detector, CropSettings crop,
                                  QualitySettings quality, FacePolicy facePolicy) {

    /**
     * Bump when preparation itself changes in a way that alters results for the same settings, so that
     * old cache entries stop matching.
     */
    public static final int PREPARATION_VERSION = 1;

    public PreparationSettings {
        Objects.requireNonNull(loadOptions, "loadOptions");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(crop, "crop");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(facePolicy, "facePolicy");
    }

    /** Default loader, YuNet, 48x48 gray crops with margin 0.2, quality checks on, the largest face. */
    public static PreparationSettings defaults() {
        return new PreparationSettings(LoadOptions.defaults(), DetectorSpec.yunet(), CropSettings.defaults(),
                QualitySettings.defaults(), FacePolicy.LARGEST);
    }

    public PreparationSettings withLoadOptions(LoadOptions value) {
        return new PreparationSettings(value, detector, crop, quality, facePolicy);
    }

    public PreparationSettings withDetector(DetectorSpec value) {
        return new PreparationSettings(loadOptions, value, crop, quality, facePolicy);
    }

    public PreparationSettings withCrop(CropSettings value) {
        return new PreparationSettings(loadOptions, detector, value, quality, facePolicy);
    }

    public PreparationSettings withQuality(QualitySettings value) {
        return new PreparationSettings(loadOptions, detector, crop, value, facePolicy);
    }

    public PreparationSettings withFacePolicy(FacePolicy value) {
        return new PreparationSettings(loadOptions, detector, crop, quality, value);
    }

    /** The settings that decoding and detection depend on, as canonical text. */
    public String detectionDescription() {
        String visionVersion = PhotoPreparer.class.getPackage().getImplementationVersion();
        return "facetype preparation " + PREPARATION_VERSION
                + "|vision-prep " + (visionVersion == null ? "(classes)" : visionVersion)
                + "|load: maxPixels=" + loadOptions.maxPixels() + " maxFileBytes=" + loadOptions.maxFileBytes()
                + " color=" + loadOptions.colorMode() + " background=" + Integer.toHexString(loadOptions.background())
                + "|detector: " + detector.identity();
    }

    /** The settings the finished crops depend on (detection ones included), as canonical text. */
    public String cropDescription() {
        return detectionDescription()
                + "|crop: margin=" + crop.margin() + " size=" + crop.outputSize() + " channels=" + crop.channels()
                + " alignEyes=" + crop.alignEyes()
                + "|quality: minFaceSize=" + quality.minFaceSize() + " minSharpness=" + quality.minSharpness()
                + "|faces: " + facePolicy;
    }
}
