package dev.facetype.dataset;

import dev.facetype.dataset.manifest.FileReason;
import dev.facetype.dataset.manifest.Manifest;
import dev.facetype.dataset.manifest.ManifestEntry;
import dev.facetype.dataset.prepare.PreparationSettings;
import dev.facetype.dataset.prepare.PreparationTimings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A prepared dataset: the labels, every kept face crop as a {@link FaceSample}, the {@link Manifest} of every
 * file, and which photos and persons must stay on one side of any split. Made by {@link DatasetPreparer}, or
 * from samples in memory with {@link #of}. Immutable and safe to share between threads.
 */
public final class FaceDataset {

    private final Path root;
    private final List<String> labels;
    private final boolean hasPersonFolders;
    private final List<FaceSample> samples;
    private final Manifest manifest;
    private final Map<String, String> photoGroups;
    private final Map<String, String> personGroups;
    private final List<List<String>> nearDuplicateGroups;
    private final List<String> warnings;
    private final PreparationSettings settings;
    private final PreparationTimings timings;

    FaceDataset(Path root, List<String> labels, boolean hasPersonFolders, List<FaceSample> samples, Manifest manifest,
                Map<String, String> photoGroups, Map<String, String> personGroups, List<List<String>> nearDuplicateGroups,
                List<String> warnings, PreparationSettings settings, PreparationTimings timings) {
        this.root = root;
        this.labels = List.copyOf(labels);
        this.hasPersonFolders = hasPersonFolders;
        this.samples = List.copyOf(samples);
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.photoGroups = Map.copyOf(photoGroups);
        this.personGroups = Map.copyOf(personGroups);
        this.nearDuplicateGroups = nearDuplicateGroups.stream().map(List::copyOf).toList();
        this.warnings = List.copyOf(warnings);
        this.settings = settings;
        this.timings = timings;
        for (int i = 0; i < this.samples.size(); i++) {
            FaceSample sample = this.samples.get(i);
            if (sample.id() != i) {
                throw new IllegalArgumentException("sample ids must be 0, 1, 2, ... in order; sample " + i + " has id "
                        + sample.id());
            }
            if (sample.label() >= this.labels.size()) {
                throw new IllegalArgumentException(sample.relativePath() + " has label index " + sample.label()
                        + " but there are only " + this.labels.size() + " labels");
            }
        }
    }

    /**
     * A dataset of samples already in memory (no folder, no cache), e.g. crops made elsewhere. Its manifest
     * lists each photo as kept; persons are taken from the samples.
     *
     * @param samples with ids 0, 1, 2, ... in order
     */
    public static FaceDataset of(List<String> labels, List<FaceSample> samples) {
        Map<String, ManifestEntry> photos = new LinkedHashMap<>();
        for (FaceSample s : samples) {
            ManifestEntry earlier = photos.get(s.relativePath());
            int faces = earlier == null ? 1 : earlier.faces() + 1;
            photos.put(s.relativePath(), new ManifestEntry(s.relativePath(), s.label(), labels.get(s.label()),
                    s.person(), s.sha256(), -1, FileReason.OK, faces, ""));
        }
        boolean persons = samples.stream().anyMatch(s -> s.person() != null);
        return new FaceDataset(null, labels, persons, samples, new Manifest(labels, new ArrayList<>(photos.values())),
                Map.of(), Map.of(), List.of(), List.of(), null, null);
    }

    /** The folder it was prepared from; empty for a dataset made in memory. */
    public Optional<Path> root() {
        return Optional.ofNullable(root);
    }

    /** The type names in label-index order. */
    public List<String> labels() {
        return labels;
    }

    /** True for the {@code <type>/<person>/<photo>} layout. */
    public boolean hasPersonFolders() {
        return hasPersonFolders;
    }

    /** Every kept face, in path order; {@code samples().get(i).id() == i}. */
    public List<FaceSample> samples() {
        return samples;
    }

    /** Every file and its decision. */
    public Manifest manifest() {
        return manifest;
    }

    /**
     * The photo a near-duplicate is grouped with (the first of its group, by path), as file hash; a photo
     * without near-duplicates is its own group.
     */
    public String photoGroup(String sha256) {
        return photoGroups.getOrDefault(sha256, sha256);
    }

    /**
     * The person another person is kept together with because the same photo file was found under both (the
     * first of them by name); anyone else is their own group.
     */
    public String personGroup(String person) {
        return person == null ? null : personGroups.getOrDefault(person, person);
    }

    /** Groups of kept photos (relative paths) whose perceptual hashes are within the near-duplicate distance. */
    public List<List<String>> nearDuplicateGroups() {
        return nearDuplicateGroups;
    }

    /** Things about the data the user should know (cache problems, clashes); empty when all is well. */
    public List<String> warnings() {
        return warnings;
    }

    /** The settings it was prepared with; empty for a dataset made in memory. */
    public Optional<PreparationSettings> settings() {
        return Optional.ofNullable(settings);
    }

    /** How long preparation took; empty for a dataset made in memory. */
    public Optional<PreparationTimings> timings() {
        return Optional.ofNullable(timings);
    }

    /** {@link SplitMode#BY_PERSON} with person folders, else {@link SplitMode#BY_PHOTO}. */
    public SplitMode defaultSplitMode() {
        return hasPersonFolders ? SplitMode.BY_PERSON : SplitMode.BY_PHOTO;
    }

    /** Splits the dataset; see {@link DatasetSplitter}. */
    public DatasetSplit split(SplitSettings settings) {
        return DatasetSplitter.split(this, settings);
    }

    /**
     * The split recorded by {@link DatasetSplit#toMap()} (for example in a model's provenance), rebuilt over this
     * dataset, so an evaluation can be repeated on exactly the same photos.
     *
     * @throws DatasetException when the photos or their decisions changed since, or a photo is missing
     */
    public DatasetSplit restoreSplit(Map<String, ?> saved) {
        return DatasetSplitter.restore(this, saved);
    }

    @Override
    public String toString() {
        return "FaceDataset[" + samples.size() + " faces, labels " + labels + (root == null ? "" : ", " + root) + "]";
    }
}
