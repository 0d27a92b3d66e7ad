package dev.facetype.dataset;

import dev.facetype.vision.RasterImage;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Datasets made in memory for split tests: no photos are decoded, each crop is a tiny distinct image. */
final class Synthetic {

    private Synthetic() {
    }

    /** A fake but well-formed SHA-256 for photo number {@code n}. */
    static String sha(int n) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) (n >>> (24 - 8 * i));
        }
        bytes[31] = 1;
        return HexFormat.of().formatHex(bytes);
    }

    /** A distinct 8x8 gray crop. */
    static RasterImage crop(int n) {
        byte[] pixels = new byte[64];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (n * 31 + i * 7);
        }
        return RasterImage.of(8, 8, 1, pixels);
    }

    /**
     * {@code photosPerPerson} photos for each (type, person) pair: persons {@code p0..} are separate per type
     * when {@code personsShared} is false (the study), or the same persons in every type (JAFFE).
     */
    static List<FaceSample> samples(int types, int personsPerType, int photosPerPerson, boolean personsShared) {
        List<FaceSample> samples = new ArrayList<>();
        for (int t = 0; t < types; t++) {
            for (int p = 0; p < personsPerType; p++) {
                String person = personsShared ? "p" + p : "t" + t + "p" + p;
                for (int k = 0; k < photosPerPerson; k++) {
                    int id = samples.size();
                    samples.add(new FaceSample(id, "type" + t + "/" + person + "/" + k + ".jpg", sha(id), t, person, crop(id)));
                }
            }
        }
        return samples;
    }

    static List<String> labels(int types) {
        List<String> labels = new ArrayList<>();
        for (int t = 0; t < types; t++) {
            labels.add("type" + t);
        }
        return labels;
    }
}
