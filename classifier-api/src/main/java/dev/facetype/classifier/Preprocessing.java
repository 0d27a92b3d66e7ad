package dev.facetype.classifier;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.crop.CropSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything between a photo and the network's input, saved with the model so that predictions crop and
 * scale exactly as training did: the crop (margin, size, channels, eye alignment) and the normalisation, either
 * per channel, {@code (pixel / 255 - mean) / std} with mean and std measured on the training crops, or per
 * image (see {@link Normalisation#PER_IMAGE}).
 */
public record Preprocessing(CropSettings crop, float[] mean, float[] std, Normalisation normalisation) {

    /** How crop pixels become network inputs. */
    public enum Normalisation {
        /** {@code (pixel / 255 - mean) / std} with one mean and std per channel, measured on the training crops. */
        PER_CHANNEL,
        /**
         * Each crop minus its own mean, divided by its own standard deviation (over all its pixels and channels,
         * at least {@code 1 / sqrt(values)} so that a flat crop stays finite): every face reaches the network
         * with the same brightness and contrast, so a dimly lit or dark-skinned face is not a fainter input.
         */
        PER_IMAGE;

        /** The command-line name: {@code per-channel} or {@code per-image}. */
        public String cliName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        /** Parses a command-line name; the error lists the valid ones. */
        public static Normalisation fromCliName(String name) {
            for (Normalisation value : values()) {
                if (value.cliName().equals(name.trim().toLowerCase(java.util.Locale.ROOT))) {
                    return value;
                }
            }
            throw new IllegalArgumentException("--normalise must be per-channel or per-image, got '" + name + "'");
        }
    }

    /** Per-channel normalisation with the given mean and std. */
    public Preprocessing(CropSettings crop, float[] mean, float[] std) {
        this(crop, mean, std, Normalisation.PER_CHANNEL);
    }

    public Preprocessing {
        java.util.Objects.requireNonNull(normalisation, "normalisation");
        if (mean.length != crop.channels() || std.length != crop.channels()) {
            throw new IllegalArgumentException("normalisation needs one mean and one std per channel ("
                    + crop.channels() + "), got " + mean.length + " and " + std.length);
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("normalisation std must be positive, got " + s);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Crop settings with the identity normalisation (mean 0, std 1), before training has measured one. */
    public static Preprocessing unnormalised(CropSettings crop) {
        return unnormalised(crop, Normalisation.PER_CHANNEL);
    }

    /** Crop settings before training, with the identity per-channel mean and std, normalised as given. */
    public static Preprocessing unnormalised(CropSettings crop, Normalisation normalisation) {
        float[] mean = new float[crop.channels()];
        float[] std = new float[crop.channels()];
        java.util.Arrays.fill(std, 1f);
        return new Preprocessing(crop, mean, std, normalisation);
    }

    /**
     * The same crop settings normalised with the mean and std of {@code crops}' pixels (in [0, 1]); per-image
     * normalisation measures nothing and is returned as it is.
     */
    public Preprocessing measuredOn(List<RasterImage> crops) {
        if (normalisation == Normalisation.PER_IMAGE) {
            return this;
        }
        int channels = crop.channels();
        double[] sum = new double[channels];
        double[] sumSquares = new double[channels];
        long count = 0;
        for (RasterImage image : crops) {
            checkShape(image);
            java.nio.ByteBuffer pixels = image.pixelBuffer();
            int length = pixels.remaining();
            for (int i = 0; i < length; i++) {
                double v = (pixels.get(i) & 0xFF) / 255.0;
                sum[i % channels] += v;
                sumSquares[i % channels] += v * v;
            }
            count += length / channels;
        }
        if (count == 0) {
            throw new IllegalArgumentException("cannot measure a normalisation on no crops");
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / count;
            mean[c] = (float) m;
            std[c] = (float) Math.max(1e-3, Math.sqrt(Math.max(0, sumSquares[c] / count - m * m)));
        }
        return new Preprocessing(crop, mean, std);
    }

    public int inputSize() {
        return crop.outputSize();
    }

    public int channels() {
        return crop.channels();
    }

    /** Values per encoded crop: channels * size * size. */
    public int sampleSize() {
        return crop.channels() * crop.outputSize() * crop.outputSize();
    }

    /** Writes the crop as normalised floats in CHW order at {@code dst[offset ..]}. */
    public void encode(RasterImage image, float[] dst, int offset) {
        checkShape(image);
        int channels = crop.channels();
        int plane = crop.outputSize() * crop.outputSize();
        java.nio.ByteBuffer pixels = image.pixelBuffer();
        if (normalisation == Normalisation.PER_IMAGE) {
            encodePerImage(pixels, channels, plane, dst, offset);
            return;
        }
        for (int c = 0; c < channels; c++) {
            float scale = 1f / (255f * std[c]);
            float shift = mean[c] / std[c];
            int out = offset + c * plane;
            for (int p = 0; p < plane; p++) {
                dst[out + p] = (pixels.get(p * channels + c) & 0xFF) * scale - shift;
            }
        }
    }

    private static void encodePerImage(java.nio.ByteBuffer pixels, int channels, int plane, float[] dst, int offset) {
        int values = channels * plane;
        long sum = 0;
        long sumSquares = 0;
        for (int i = 0; i < values; i++) {
            int v = pixels.get(i) & 0xFF;
            sum += v;
            sumSquares += (long) v * v;
        }
        double mean = (double) sum / values;
        double variance = Math.max(0, (double) sumSquares / values - mean * mean);
        double std = Math.max(Math.sqrt(variance), 255.0 / Math.sqrt(values));
        float scale = (float) (1 / std);
        float shift = (float) (mean / std);
        for (int c = 0; c < channels; c++) {
            int out = offset + c * plane;
            for (int p = 0; p < plane; p++) {
                dst[out + p] = (pixels.get(p * channels + c) & 0xFF) * scale - shift;
            }
        }
    }

    private void checkShape(RasterImage image) {
        if (image.width() != crop.outputSize() || image.height() != crop.outputSize() || image.channels() != crop.channels()) {
            throw new IllegalArgumentException("expected a " + crop.outputSize() + "x" + crop.outputSize() + "x"
                    + crop.channels() + " crop but got " + image.width() + "x" + image.height() + "x" + image.channels());
        }
    }

    /** JSON-ready form for the model file. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("inputSize", crop.outputSize());
        map.put("channels", crop.channels());
        map.put("cropMargin", crop.margin());
        map.put("alignEyes", crop.alignEyes());
        if (normalisation == Normalisation.PER_IMAGE) {
            map.put("normalisation", "per image: (pixel - crop mean) / crop std");
            map.put("perImage", true);
        } else {
            map.put("normalisation", "(pixel/255 - mean) / std per channel");
        }
        map.put("mean", floats(mean));
        map.put("std", floats(std));
        return map;
    }

    /** Rebuilds from {@link #toMap()}. */
    public static Preprocessing fromMap(Map<String, Object> map) {
        CropSettings crop = new CropSettings(number(map, "cropMargin").doubleValue(), number(map, "inputSize").intValue(),
                number(map, "channels").intValue(), Boolean.TRUE.equals(map.get("alignEyes")));
        // Models written before per-image normalisation existed lack the key: they are per channel.
        Normalisation normalisation = Boolean.TRUE.equals(map.get("perImage"))
                ? Normalisation.PER_IMAGE : Normalisation.PER_CHANNEL;
        return new Preprocessing(crop, floatArray(map.get("mean")), floatArray(map.get("std")), normalisation);
    }

    private static List<Object> floats(float[] values) {
        List<Object> list = new ArrayList<>();
        for (float v : values) {
            list.add((double) v);
        }
        return list;
    }

    private static Number number(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (!(value instanceof Number)) {
            throw new IllegalArgumentException("preprocessing lacks a number '" + key + "'");
        }
        return (Number) value;
    }

    private static float[] floatArray(Object value) {
        if (!(value instanceof List)) {
            throw new IllegalArgumentException("preprocessing mean/std must be arrays");
        }
        List<?> list = (List<?>) value;
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).floatValue();
        }
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Preprocessing && toMap().equals(((Preprocessing) other).toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return "Preprocessing" + toMap();
    }
}
