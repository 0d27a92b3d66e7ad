package dev.facetype.dataset;

import dev.facetype.dataset.split.Apportionment;
import dev.facetype.dataset.split.SideAssigner;
import dev.facetype.dataset.split.UnionFind;
import dev.facetype.vision.augment.AugmentationVariant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Splits a {@link FaceDataset} into training, validation and test sides, stratified by type and seeded.
 *
 * <ul>
 *   <li>{@link SplitMode#BY_PERSON}: persons are indivisible (a person folder name is one person across all
 *       types); persons sharing a photo file are joined.</li>
 *   <li>{@link SplitMode#BY_PHOTO}: photos are indivisible; near-duplicate photos are joined.</li>
 *   <li>In both, the training side lists every kept crop 16 times (augmentation variants 0..15) and the other
 *       sides list the crops as they are ({@link SampleRef#ORIGINAL}).</li>
 *   <li>{@link SplitMode#STUDY}: the study's protocol, kept to reproduce its number: every crop x16 first, then
 *       the copies are shuffled and split per type; the split carries a warning that copies of one photo are
 *       on both sides.</li>
 * </ul>
 *
 * The same dataset and settings give the same split on every run and machine.
 */
public final class DatasetSplitter {

    private static final int TRAIN = 0;
    private static final int VALIDATION = 1;
    private static final int TEST = 2;
    private static final double FRACTION_TOLERANCE = 0.05;

    private DatasetSplitter() {
    }

    /**
     * @throws DatasetException when a type has no kept face, or by-person is asked for without person folders
     */
    public static DatasetSplit split(FaceDataset dataset, SplitSettings settings) {
        SplitMode mode = settings.requestedMode().orElse(dataset.defaultSplitMode());
        List<String> labels = dataset.labels();
        int[] perLabel = new int[labels.size()];
        for (FaceSample sample : dataset.samples()) {
            perLabel[sample.label()]++;
        }
        for (int label = 0; label < labels.size(); label++) {
            if (perLabel[label] == 0) {
                throw new DatasetException("Type '" + labels.get(label) + "' has no usable face, so it cannot be split:"
                        + " see the manifest for why each of its photos was left out");
            }
        }
        if (mode == SplitMode.BY_PERSON && !dataset.hasPersonFolders()) {
            throw new DatasetException("A by-person split needs person folders (<type>/<person>/<photo>), and "
                    + dataset.root().map(Object::toString).orElse("this dataset") + " has none: use by-photo, or sort "
                    + "the photos into one folder per person");
        }
        double[] fractions = {settings.trainFraction(), settings.validationFraction(), settings.testFraction()};
        SplittableRandom random = new SplittableRandom(BatchIterator.mix(settings.seed(), 0x53504C4954L + mode.ordinal()));
        List<List<SampleRef>> sides = mode == SplitMode.STUDY
                ? studySplit(dataset, fractions, random)
                : groupSplit(dataset, mode, fractions, random);
        List<String> warnings = mode == SplitMode.STUDY
                ? studyWarnings(sides)
                : balanceWarnings(dataset, mode, settings, sides);
        return new DatasetSplit(labels, mode, settings.seed(), dataset.manifest().sha256(), sides.get(TRAIN),
                sides.get(VALIDATION), sides.get(TEST), warnings);
    }

    /** Indivisible units (persons or photo groups) assigned to sides; training gets the 16 variants. */
    private static List<List<SampleRef>> groupSplit(FaceDataset dataset, SplitMode mode, double[] fractions,
                                                    SplittableRandom random) {
        List<FaceSample> samples = dataset.samples();
        UnionFind together = new UnionFind(samples.size());
        Map<String, Integer> firstOfPhoto = new HashMap<>();
        Map<String, Integer> firstOfPerson = new HashMap<>();
        for (FaceSample sample : samples) {
            together.union(sample.id(), firstOfPhoto.computeIfAbsent(dataset.photoGroup(sample.sha256()), k -> sample.id()));
            if (mode == SplitMode.BY_PERSON) {
                String person = sample.person() == null ? "\0photo " + sample.sha256() : dataset.personGroup(sample.person());
                together.union(sample.id(), firstOfPerson.computeIfAbsent(person, k -> sample.id()));
            }
        }
        int[] unitOf = together.groups();
        int units = samples.isEmpty() ? 0 : java.util.Arrays.stream(unitOf).max().orElse(-1) + 1;
        int[][] counts = new int[units][dataset.labels().size()];
        for (FaceSample sample : samples) {
            counts[unitOf[sample.id()]][sample.label()]++;
        }
        int[] sideOfUnit = SideAssigner.assign(counts, fractions, random);
        List<List<SampleRef>> sides = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (FaceSample sample : samples) {
            int side = sideOfUnit[unitOf[sample.id()]];
            if (side == TRAIN) {
                for (int variant = 0; variant < AugmentationVariant.COUNT; variant++) {
                    sides.get(TRAIN).add(new SampleRef(sample, variant));
                }
            } else {
                sides.get(side).add(SampleRef.original(sample));
            }
        }
        return sides;
    }

    /** The study's protocol: all 16 variants of every crop, shuffled and split per type. */
    private static List<List<SampleRef>> studySplit(FaceDataset dataset, double[] fractions, SplittableRandom random) {
        int labelCount = dataset.labels().size();
        List<List<SampleRef>> byLabel = new ArrayList<>();
        for (int label = 0; label < labelCount; label++) {
            byLabel.add(new ArrayList<>());
        }
        for (FaceSample sample : dataset.samples()) {
            for (int variant = 0; variant < AugmentationVariant.COUNT; variant++) {
                byLabel.get(sample.label()).add(new SampleRef(sample, variant));
            }
        }
        int[] sizes = byLabel.stream().mapToInt(List::size).toArray();
        int total = java.util.Arrays.stream(sizes).sum();
        int[] test = Apportionment.largestRemainder(sizes, (int) Math.round(total * fractions[TEST]));
        int[] rest = new int[labelCount];
        for (int label = 0; label < labelCount; label++) {
            rest[label] = sizes[label] - test[label];
        }
        int validationTotal = (int) Math.min(Math.round(total * fractions[VALIDATION]), java.util.Arrays.stream(rest).sum());
        int[] validation = Apportionment.largestRemainder(rest, validationTotal);
        List<List<SampleRef>> sides = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int label = 0; label < labelCount; label++) {
            List<SampleRef> refs = byLabel.get(label);
            shuffle(refs, random);
            sides.get(TEST).addAll(refs.subList(0, test[label]));
            sides.get(VALIDATION).addAll(refs.subList(test[label], test[label] + validation[label]));
            sides.get(TRAIN).addAll(refs.subList(test[label] + validation[label], refs.size()));
        }
        Comparator<SampleRef> order = Comparator.comparingInt((SampleRef r) -> r.sample().id()).thenComparingInt(SampleRef::variant);
        sides.forEach(side -> side.sort(order));
        return sides;
    }

    private static List<String> studyWarnings(List<List<SampleRef>> sides) {
        Set<Integer> trained = new HashSet<>();
        sides.get(TRAIN).forEach(r -> trained.add(r.sample().id()));
        Set<Integer> evaluated = new HashSet<>();
        sides.get(TEST).forEach(r -> evaluated.add(r.sample().id()));
        sides.get(VALIDATION).forEach(r -> evaluated.add(r.sample().id()));
        long leaked = evaluated.stream().filter(trained::contains).count();
        return List.of(String.format(Locale.ROOT, "study split: the 16 augmented copies of each photo were split at"
                + " random, so %d of the %d photos on the test/validation side also have copies on the training side;"
                + " the test accuracy is inflated (it measures recognising photos seen in training). Use by-person or"
                + " by-photo for an honest number.", leaked, evaluated.size()));
    }

    private static List<String> balanceWarnings(FaceDataset dataset, SplitMode mode, SplitSettings settings,
                                                List<List<SampleRef>> sides) {
        List<String> warnings = new ArrayList<>();
        int labelCount = dataset.labels().size();
        int[][] photos = new int[3][labelCount];
        for (int side = 0; side < 3; side++) {
            for (SampleRef ref : sides.get(side)) {
                if (ref.variant() <= 0) {
                    photos[side][ref.sample().label()]++;
                }
            }
        }
        String unit = mode == SplitMode.BY_PERSON ? "person" : "photo";
        for (int label = 0; label < labelCount; label++) {
            String name = dataset.labels().get(label);
            if (photos[TRAIN][label] == 0) {
                warnings.add("type '" + name + "' has no face on the training side: it has too few " + unit
                        + "s to split; add " + unit + "s or lower the test fraction");
            }
            if (settings.testFraction() > 0 && photos[TEST][label] == 0) {
                warnings.add("type '" + name + "' has no face on the test side: it has too few " + unit
                        + "s to split, so its accuracy cannot be measured; add " + unit + "s");
            }
        }
        int all = dataset.samples().size();
        double testShare = (double) java.util.Arrays.stream(photos[TEST]).sum() / all;
        if (Math.abs(testShare - settings.testFraction()) > FRACTION_TOLERANCE) {
            warnings.add(String.format(Locale.ROOT, "the test side holds %.0f %% of the faces, not the %.0f %% asked for:"
                    + " the %ss cannot be divided more finely", 100 * testShare, 100 * settings.testFraction(), unit));
        }
        return warnings;
    }

    /** Rebuilds a split from {@link DatasetSplit#toMap()} over this dataset; see {@link FaceDataset#restoreSplit}. */
    static DatasetSplit restore(FaceDataset dataset, Map<String, ?> saved) {
        String manifestSha = String.valueOf(saved.get("manifestSha256"));
        if (!dataset.manifest().sha256().equals(manifestSha)) {
            throw new DatasetException("The saved split belongs to other photos or decisions: its manifest hash is "
                    + manifestSha + ", this dataset's is " + dataset.manifest().sha256()
                    + " (a file was added, removed or changed, or preparation settings differ)");
        }
        SplitMode mode = SplitMode.fromCliName(String.valueOf(saved.get("mode")));
        long seed = ((Number) saved.get("seed")).longValue();
        Map<String, List<FaceSample>> byHash = new HashMap<>();
        for (FaceSample sample : dataset.samples()) {
            byHash.computeIfAbsent(sample.sha256(), k -> new ArrayList<>()).add(sample);
        }
        List<List<SampleRef>> sides = new ArrayList<>();
        for (String side : List.of("train", "validation", "test")) {
            List<SampleRef> refs = new ArrayList<>();
            Object keys = saved.get(side);
            if (!(keys instanceof List<?> list)) {
                throw new DatasetException("The saved split has no list of " + side + " photos");
            }
            for (Object key : list) {
                String text = String.valueOf(key);
                int hash = text.indexOf('#');
                String sha = hash < 0 ? text : text.substring(0, hash);
                int variant = hash < 0 ? SampleRef.ORIGINAL : Integer.parseInt(text.substring(hash + 1));
                List<FaceSample> faces = byHash.get(sha);
                if (faces == null) {
                    throw new DatasetException("Photo " + sha + " of the saved split's " + side + " side is not in this dataset");
                }
                faces.forEach(face -> refs.add(new SampleRef(face, variant)));
            }
            sides.add(refs);
        }
        List<String> warnings = mode == SplitMode.STUDY ? studyWarnings(sides) : List.of();
        return new DatasetSplit(dataset.labels(), mode, seed, manifestSha, sides.get(TRAIN), sides.get(1), sides.get(TEST),
                warnings);
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swap = list.get(i);
            list.set(i, list.get(j));
            list.set(j, swap);
        }
    }
}
