package dev.facetype.dataset.summary;

import dev.facetype.dataset.DatasetSplit;
import dev.facetype.dataset.FaceDataset;
import dev.facetype.dataset.SampleRef;
import dev.facetype.dataset.SplitMode;
import dev.facetype.dataset.manifest.Decision;
import dev.facetype.dataset.manifest.FileReason;
import dev.facetype.dataset.manifest.ManifestEntry;
import dev.facetype.vision.augment.AugmentationVariant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The study's flow chart as data: photos found, rejected (by reason), kept, augmented x16, and the sizes of
 * the training, validation and test sides; in total, per type and per person. The study's numbers were
 * 2,560 found, 1,120 kept, 17,920 augmented, 12,544 train and 5,376 test. Render it with {@link SummaryTable}.
 *
 * @param labels       the types in label-index order
 * @param mode         the split mode, empty before splitting
 * @param total        the whole dataset
 * @param types        one row per type, in label order
 * @param persons      one row per person, sorted by name; empty without person folders
 * @param skippedFiles files that were no photos at all (hidden, not an image, unreadable...), by reason
 */
public record DatasetSummary(List<String> labels, Optional<SplitMode> mode, Counts total, List<Row> types,
                             List<Row> persons, Map<FileReason, Integer> skippedFiles) {

    public DatasetSummary {
        labels = List.copyOf(labels);
        Objects.requireNonNull(mode, "mode");
        types = List.copyOf(types);
        persons = List.copyOf(persons);
        skippedFiles = Collections.unmodifiableMap(new EnumMap<>(skippedFiles.isEmpty()
                ? new EnumMap<>(FileReason.class) : skippedFiles));
    }

    /**
     * The counts of one row.
     *
     * @param found      image files found (every file that is not skipped)
     * @param rejected   photos rejected or excluded, by reason
     * @param kept       faces kept (one per photo with the default largest-face policy)
     * @param augmented  kept x 16, the study's augmented set
     * @param train      entries of the training side (augmented variants count one each)
     * @param validation entries of the validation side
     * @param test       entries of the test side
     */
    public record Counts(int found, Map<FileReason, Integer> rejected, int kept, int augmented, int train,
                         int validation, int test) {

        public Counts {
            rejected = Collections.unmodifiableMap(rejected.isEmpty() ? new EnumMap<>(FileReason.class) : new EnumMap<>(rejected));
        }

        /** All rejected and excluded photos. */
        public int rejectedTotal() {
            return rejected.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * One type or one person.
     *
     * @param name   the type or person
     * @param types  for a person, the types their photos are in; for a type, itself
     * @param counts the counts
     */
    public record Row(String name, List<String> types, Counts counts) {
        public Row {
            types = List.copyOf(types);
        }
    }

    /** The summary before any split: the side counts are 0. */
    public static DatasetSummary of(FaceDataset dataset) {
        return build(dataset, null);
    }

    /** The summary of a dataset and a split of it. */
    public static DatasetSummary of(FaceDataset dataset, DatasetSplit split) {
        return build(dataset, Objects.requireNonNull(split, "split"));
    }

    private static DatasetSummary build(FaceDataset dataset, DatasetSplit split) {
        List<String> labels = dataset.labels();
        Tally total = new Tally();
        List<Tally> perType = new ArrayList<>();
        labels.forEach(l -> perType.add(new Tally()));
        Map<String, Tally> perPerson = new TreeMap<>();
        Map<String, Set<String>> typesOfPerson = new TreeMap<>();
        Map<FileReason, Integer> skipped = new EnumMap<>(FileReason.class);
        for (ManifestEntry entry : dataset.manifest().entries()) {
            if (entry.decision() == Decision.SKIPPED) {
                skipped.merge(entry.reason(), 1, Integer::sum);
                continue;
            }
            List<Tally> tallies = new ArrayList<>(List.of(total));
            if (entry.labelIndex() >= 0) {
                tallies.add(perType.get(entry.labelIndex()));
            }
            if (entry.person() != null) {
                tallies.add(perPerson.computeIfAbsent(entry.person(), p -> new Tally()));
                typesOfPerson.computeIfAbsent(entry.person(), p -> new LinkedHashSet<>()).add(entry.label());
            }
            for (Tally tally : tallies) {
                tally.found++;
                if (entry.decision() == Decision.KEPT) {
                    tally.kept += entry.faces();
                } else {
                    tally.rejected.merge(entry.reason(), 1, Integer::sum);
                }
            }
        }
        if (split != null) {
            List<List<SampleRef>> sides = List.of(split.train(), split.validation(), split.test());
            for (int side = 0; side < 3; side++) {
                for (SampleRef ref : sides.get(side)) {
                    List<Tally> tallies = new ArrayList<>(List.of(total, perType.get(ref.sample().label())));
                    if (ref.sample().person() != null && perPerson.containsKey(ref.sample().person())) {
                        tallies.add(perPerson.get(ref.sample().person()));
                    }
                    for (Tally tally : tallies) {
                        tally.sides[side]++;
                    }
                }
            }
        }
        List<Row> typeRows = new ArrayList<>();
        for (int label = 0; label < labels.size(); label++) {
            typeRows.add(new Row(labels.get(label), List.of(labels.get(label)), perType.get(label).counts()));
        }
        List<Row> personRows = new ArrayList<>();
        perPerson.forEach((person, tally) -> personRows.add(new Row(person, List.copyOf(typesOfPerson.get(person)),
                tally.counts())));
        return new DatasetSummary(labels, split == null ? Optional.empty() : Optional.of(split.mode()), total.counts(),
                typeRows, personRows, skipped);
    }

    private static final class Tally {
        int found;
        int kept;
        final Map<FileReason, Integer> rejected = new EnumMap<>(FileReason.class);
        final int[] sides = new int[3];

        Counts counts() {
            return new Counts(found, rejected, kept, kept * AugmentationVariant.COUNT, sides[0], sides[1], sides[2]);
        }
    }
}
