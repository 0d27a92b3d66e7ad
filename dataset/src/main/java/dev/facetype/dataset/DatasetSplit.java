package dev.facetype.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of splitting a prepared dataset: which sample (and which augmented variant of it) is on the
 * training, validation and test side. Immutable; {@link #toMap()} records it exactly (file hashes per side)
 * so that an evaluation can be reproduced from a model's provenance.
 *
 * @param labels          type names in label-index order
 * @param mode            how the split was made
 * @param seed            the seed it was made with
 * @param manifestSha256  hex SHA-256 of the preparation manifest (which files, which decisions)
 * @param train           training side; in the leak-free modes every kept crop appears x16 (variants 0..15)
 * @param validation      validation side (may be empty), originals only except in {@link SplitMode#STUDY}
 * @param test            test side, originals only except in {@link SplitMode#STUDY}
 * @param warnings        things the user must know about this split (e.g. the study protocol's leak)
 */
public record DatasetSplit(List<String> labels, SplitMode mode, long seed, String manifestSha256,
                           List<SampleRef> train, List<SampleRef> validation, List<SampleRef> test,
                           List<String> warnings) {

    public DatasetSplit {
        labels = List.copyOf(labels);
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
        warnings = List.copyOf(warnings);
    }

    /** The split as JSON-ready data: mode, seed, manifest hash and the photo hashes of each side. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("mode", mode.cliName());
        map.put("seed", seed);
        map.put("manifestSha256", manifestSha256);
        map.put("train", distinctPhotos(train));
        map.put("validation", distinctPhotos(validation));
        map.put("test", distinctPhotos(test));
        return map;
    }

    private static List<Object> distinctPhotos(List<SampleRef> refs) {
        List<Object> hashes = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (SampleRef ref : refs) {
            String key = ref.sample().sha256() + (ref.isOriginal() ? "" : "#" + ref.variant());
            if (seen.add(key)) {
                hashes.add(key);
            }
        }
        return hashes;
    }
}
