package dev.facetype.dataset;

import dev.facetype.dataset.cache.CropCache;
import dev.facetype.dataset.cache.PhotoOutcome;
import dev.facetype.dataset.folder.FolderScan;
import dev.facetype.dataset.folder.FolderScanner;
import dev.facetype.dataset.folder.PhotoFile;
import dev.facetype.dataset.manifest.FileReason;
import dev.facetype.dataset.manifest.Manifest;
import dev.facetype.dataset.manifest.ManifestEntry;
import dev.facetype.dataset.prepare.FileHashing;
import dev.facetype.dataset.prepare.PhotoPipeline;
import dev.facetype.dataset.prepare.PreparationListener;
import dev.facetype.dataset.prepare.PreparationProgress;
import dev.facetype.dataset.prepare.PreparationProgress.Phase;
import dev.facetype.dataset.prepare.PreparationSettings;
import dev.facetype.dataset.prepare.PreparationTimings;
import dev.facetype.dataset.split.UnionFind;
import dev.facetype.vision.quality.PerceptualHash;
import dev.facetype.vision.quality.Rejection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * Turns a folder of photos into a {@link FaceDataset}: lists it ({@link FolderScanner}), hashes every image
 * file, sets duplicates aside, prepares each distinct photo in parallel (decode, detect, crop, check) through
 * the {@link CropCache}, groups near-duplicates, and writes the {@link Manifest}. The photo folder is only
 * read; the cache lives in its own folder, never inside the photo folder.
 *
 * <p>Exact duplicates: of several files with the same bytes in one type, the first (by path) is used and the
 * others are {@link FileReason#DUPLICATE}; the same bytes under two types are all
 * {@link FileReason#CONFLICTING_LABELS} (which label is right cannot be known). Persons sharing a file are kept
 * on one side of by-person splits. Near-duplicates (perceptual hash within the quality settings' distance) are
 * all kept, reported in the manifest, and kept on one side of every leak-free split.
 *
 * <p>Reusable and safe for concurrent use; each {@link #prepare} call uses its own threads.
 */
public final class DatasetPreparer {

    private final PreparationSettings settings;
    private final Path cacheDirectory;
    private final int threads;
    private final PreparationListener listener;
    private final List<String> labelOrder;

    private DatasetPreparer(Builder builder) {
        this.settings = builder.settings;
        this.cacheDirectory = builder.cacheDirectory.toAbsolutePath().normalize();
        this.threads = builder.threads;
        this.listener = builder.listener;
        this.labelOrder = builder.labelOrder;
    }

    /** Default settings, cache in {@link CropCache#defaultDirectory()}, up to 4 threads, sorted labels. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings every photo is prepared with. */
    public PreparationSettings settings() {
        return settings;
    }

    /** Where prepared crops are cached (absolute). */
    public Path cacheDirectory() {
        return cacheDirectory;
    }

    /**
     * Prepares the photos under {@code root}.
     *
     * @throws DatasetException when the folder cannot be used (see {@link FolderScanner#scan}) or the cache
     *     folder lies inside it; problems with single files are reported in the manifest instead
     */
    public FaceDataset prepare(Path root) {
        long start = System.nanoTime();
        Path photoFolder = root.toAbsolutePath().normalize();
        refuseCacheInside(photoFolder);
        FolderScan scan = new FolderScanner(labelOrder).scan(photoFolder);
        long scanned = System.nanoTime();

        List<PhotoFile> photos = scan.photos();
        String[] hashes = new String[photos.size()];
        String[] hashErrors = new String[photos.size()];
        Progress hashing = new Progress(Phase.HASHING, photos.size());
        runInParallel(photos.size(), i -> {
            try {
                hashes[i] = FileHashing.sha256(photos.get(i).file());
            } catch (IOException e) {
                hashErrors[i] = "cannot be read: " + e;
            }
            hashing.done(photos.get(i).relativePath(), 0);
        }, i -> photos.get(i).relativePath());
        long hashed = System.nanoTime();

        List<ManifestEntry> entries = new ArrayList<>(scan.skipped());
        List<Integer> toPrepare = new ArrayList<>();
        Map<String, String> personGroups = setDuplicatesAside(photos, hashes, hashErrors, entries, toPrepare);

        PhotoOutcome[] outcomes = new PhotoOutcome[toPrepare.size()];
        PreparationTimings timings;
        List<String> warnings = new ArrayList<>();
        long prepared;
        try (PhotoPipeline pipeline = new PhotoPipeline(settings, new CropCache(cacheDirectory), threads)) {
            pipeline.describeSettings();
            Progress preparing = new Progress(Phase.PREPARING, toPrepare.size());
            runInParallel(toPrepare.size(), k -> {
                PhotoFile photo = photos.get(toPrepare.get(k));
                outcomes[k] = pipeline.prepare(photo.file(), hashes[toPrepare.get(k)], photo.relativePath());
                preparing.done(photo.relativePath(), pipeline.cacheHits());
            }, k -> photos.get(toPrepare.get(k)).relativePath());
            prepared = System.nanoTime();
            pipeline.cacheProblems().forEach(problem -> warnings.add("cache " + cacheDirectory + ": " + problem));
            timings = new PreparationTimings(Duration.ofNanos(scanned - start), Duration.ofNanos(hashed - scanned),
                    Duration.ofNanos(prepared - hashed), Duration.ZERO, toPrepare.size(), pipeline.cacheHits(),
                    pipeline.detectionHits(), pipeline.decodes(), pipeline.detections(), pipeline.corruptEntries(),
                    pipeline.cacheWriteErrors(), threads);
        }

        List<FaceSample> samples = new ArrayList<>();
        Map<Integer, ManifestEntry> keptEntries = new LinkedHashMap<>();
        List<Integer> keptPhotos = new ArrayList<>();
        for (int k = 0; k < toPrepare.size(); k++) {
            PhotoFile photo = photos.get(toPrepare.get(k));
            PhotoOutcome outcome = outcomes[k];
            String sha = hashes[toPrepare.get(k)];
            if (outcome.kept()) {
                for (var face : outcome.faces()) {
                    samples.add(new FaceSample(samples.size(), photo.relativePath(), sha, photo.labelIndex(),
                            photo.person(), face.crop()));
                }
                keptEntries.put(k, entry(photo, sha, FileReason.OK, outcome.faces().size(), ""));
                keptPhotos.add(k);
            } else {
                entries.add(rejected(photo, sha, outcome));
            }
        }
        NearDuplicates near = groupNearDuplicates(keptPhotos, toPrepare, photos, hashes, outcomes, keptEntries, warnings);
        entries.addAll(keptEntries.values());
        Manifest manifest = new Manifest(scan.labels(), entries);
        long end = System.nanoTime();
        timings = new PreparationTimings(timings.scanning(), timings.hashing(), timings.preparing(),
                Duration.ofNanos(end - start), timings.photos(), timings.cacheHits(), timings.detectionHits(),
                timings.decodes(), timings.detections(), timings.corruptEntries(), timings.cacheWriteErrors(), threads);
        FaceDataset dataset = new FaceDataset(photoFolder, scan.labels(), scan.hasPersonFolders(), samples, manifest,
                near.photoGroups, personGroups, near.groups, warnings, settings, timings);
        listener.finished(timings);
        return dataset;
    }

    /**
     * Files unreadable while hashing are reported; of equal files only the first of a type is prepared, and
     * files equal across types are all excluded. Returns the person groups joined by shared files.
     */
    private static Map<String, String> setDuplicatesAside(List<PhotoFile> photos, String[] hashes, String[] hashErrors,
                                                          List<ManifestEntry> entries, List<Integer> toPrepare) {
        Map<String, List<Integer>> byHash = new LinkedHashMap<>();
        for (int i = 0; i < photos.size(); i++) {
            if (hashes[i] == null) {
                entries.add(entry(photos.get(i), "", FileReason.UNREADABLE, 0, hashErrors[i]));
            } else {
                byHash.computeIfAbsent(hashes[i], k -> new ArrayList<>()).add(i);
            }
        }
        List<String> persons = photos.stream().map(PhotoFile::person).filter(Objects::nonNull).distinct().sorted().toList();
        Map<String, Integer> personIndex = new HashMap<>();
        persons.forEach(p -> personIndex.put(p, personIndex.size()));
        UnionFind personLinks = new UnionFind(persons.size());
        for (List<Integer> copies : byHash.values()) {
            PhotoFile first = photos.get(copies.get(0));
            boolean conflicting = copies.stream().anyMatch(i -> photos.get(i).labelIndex() != first.labelIndex());
            for (int i : copies) {
                PhotoFile photo = photos.get(i);
                if (photo.person() != null && first.person() != null) {
                    personLinks.union(personIndex.get(first.person()), personIndex.get(photo.person()));
                }
                if (conflicting) {
                    String others = copies.stream().filter(j -> j != i)
                            .map(j -> photos.get(j).relativePath() + " (type " + photos.get(j).label() + ")")
                            .collect(Collectors.joining(", "));
                    entries.add(entry(photo, hashes[i], FileReason.CONFLICTING_LABELS, 0,
                            "the same bytes are also in " + others + "; no copy is used"));
                } else if (i != copies.get(0)) {
                    entries.add(entry(photo, hashes[i], FileReason.DUPLICATE, 0, "the same bytes as " + first.relativePath()));
                } else {
                    toPrepare.add(i);
                }
            }
        }
        toPrepare.sort(null);
        int[] group = personLinks.groups();
        Map<Integer, String> firstOfGroup = new HashMap<>();
        Map<String, String> personGroups = new HashMap<>();
        for (int p = 0; p < persons.size(); p++) {
            firstOfGroup.putIfAbsent(group[p], persons.get(p));
            String representative = firstOfGroup.get(group[p]);
            if (!representative.equals(persons.get(p))) {
                personGroups.put(persons.get(p), representative);
            }
        }
        return personGroups;
    }

    private record NearDuplicates(Map<String, String> photoGroups, List<List<String>> groups) {
    }

    /** Joins kept photos whose perceptual hashes are within the quality settings' distance; notes them. */
    private NearDuplicates groupNearDuplicates(List<Integer> kept, List<Integer> toPrepare, List<PhotoFile> photos,
                                               String[] hashes, PhotoOutcome[] outcomes,
                                               Map<Integer, ManifestEntry> keptEntries, List<String> warnings) {
        int limit = settings.quality().maxHashDistance();
        if (limit < 0) {
            return new NearDuplicates(Map.of(), List.of());
        }
        int n = kept.size();
        PerceptualHash[] perceptual = new PerceptualHash[n];
        for (int a = 0; a < n; a++) {
            perceptual[a] = outcomes[kept.get(a)].photoHash().orElse(null);
        }
        UnionFind together = new UnionFind(n);
        Map<Integer, TreeSet<String>> notes = new HashMap<>();
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n && perceptual[a] != null; b++) {
                if (perceptual[b] == null) {
                    continue;
                }
                int distance = perceptual[a].distance(perceptual[b]);
                if (distance <= limit) {
                    together.union(a, b);
                    PhotoFile pa = photos.get(toPrepare.get(kept.get(a)));
                    PhotoFile pb = photos.get(toPrepare.get(kept.get(b)));
                    notes.computeIfAbsent(a, k -> new TreeSet<>()).add(pb.relativePath() + " (distance " + distance + ")");
                    notes.computeIfAbsent(b, k -> new TreeSet<>()).add(pa.relativePath() + " (distance " + distance + ")");
                    if (pa.labelIndex() != pb.labelIndex()) {
                        warnings.add("near-duplicate photos under different types: " + pa.relativePath() + " and "
                                + pb.relativePath() + " (perceptual hash distance " + distance + "); check their labels");
                    }
                }
            }
        }
        int[] group = together.groups();
        Map<Integer, List<Integer>> members = new LinkedHashMap<>();
        for (int a = 0; a < n; a++) {
            members.computeIfAbsent(group[a], g -> new ArrayList<>()).add(a);
        }
        Map<String, String> photoGroups = new HashMap<>();
        List<List<String>> groups = new ArrayList<>();
        for (List<Integer> list : members.values()) {
            if (list.size() < 2) {
                continue;
            }
            String representative = hashes[toPrepare.get(kept.get(list.get(0)))];
            List<String> paths = new ArrayList<>();
            for (int a : list) {
                int k = kept.get(a);
                photoGroups.put(hashes[toPrepare.get(k)], representative);
                paths.add(photos.get(toPrepare.get(k)).relativePath());
                ManifestEntry entry = keptEntries.get(k);
                keptEntries.put(k, entry.withOutcome(FileReason.OK, entry.faces(), "near-duplicate of "
                        + String.join(", ", notes.get(a)) + ": kept on the same side of every split"));
            }
            groups.add(paths);
        }
        return new NearDuplicates(photoGroups, groups);
    }

    private static ManifestEntry entry(PhotoFile photo, String sha, FileReason reason, int faces, String detail) {
        return new ManifestEntry(photo.relativePath(), photo.labelIndex(), photo.label(), photo.person(), sha,
                photo.bytes(), reason, faces, detail);
    }

    private static ManifestEntry rejected(PhotoFile photo, String sha, PhotoOutcome outcome) {
        if (outcome.loadFailure().isPresent()) {
            return entry(photo, sha, FileReason.of(outcome.loadFailure().get().reason()), 0,
                    outcome.loadFailure().get().message());
        }
        Rejection first = outcome.rejections().get(0);
        String detail = outcome.rejections().stream().map(Rejection::detail).distinct().collect(Collectors.joining("; "));
        return entry(photo, sha, FileReason.of(first.reason()), 0, detail);
    }

    /** Never write into the user's photos: a cache folder inside the photo folder is refused. */
    private void refuseCacheInside(Path photoFolder) {
        Path cache = realOrNormal(cacheDirectory);
        Path photos = realOrNormal(photoFolder);
        if (cache.startsWith(photos) || cacheDirectory.startsWith(photoFolder)) {
            throw new DatasetException("The cache folder " + cacheDirectory + " is inside the photo folder " + photoFolder
                    + ": facetype never writes into the photo folder; choose a cache folder outside it");
        }
    }

    /** The real path of the deepest existing ancestor, with the rest appended. */
    private static Path realOrNormal(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path)).normalize();
        } catch (IOException e) {
            return path;
        }
    }

    /** Reports progress of one phase to the listener, one call at a time (phases never overlap). */
    private final class Progress {
        private final Phase phase;
        private final int total;
        private final long start = System.nanoTime();
        private int done;

        Progress(Phase phase, int total) {
            this.phase = phase;
            this.total = total;
            listener.progress(new PreparationProgress(phase, 0, total, 0, Duration.ZERO, ""));
        }

        void done(String file, int cacheHits) {
            synchronized (this) {
                done++;
                listener.progress(new PreparationProgress(phase, done, total, cacheHits,
                        Duration.ofNanos(System.nanoTime() - start), file));
            }
        }
    }

    /**
     * Runs {@code task} for 0..count-1 on this preparer's threads, handing out indices in order. The first
     * failure stops the rest and is rethrown, naming the file.
     */
    private void runInParallel(int count, IntConsumer task, java.util.function.IntFunction<String> fileOf) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int i; failure.get() == null && (i = next.getAndIncrement()) < count; ) {
                try {
                    task.accept(i);
                } catch (RuntimeException e) {
                    RuntimeException wrapped = e instanceof DatasetException ? e
                            : new DatasetException("Preparing " + fileOf.apply(i) + " failed: " + e, e);
                    failure.compareAndSet(null, wrapped);
                }
            }
        };
        int workers = Math.min(threads, Math.max(1, count));
        List<Thread> started = new ArrayList<>();
        for (int w = 1; w < workers; w++) {
            Thread thread = new Thread(worker, "facetype-prepare-" + w);
            thread.setDaemon(true);
            thread.start();
            started.add(thread);
        }
        worker.run();
        for (Thread thread : started) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                failure.compareAndSet(null, new DatasetException("Preparation was interrupted", e));
                Thread.currentThread().interrupt();
            }
        }
        Optional.ofNullable(failure.get()).ifPresent(e -> {
            throw e;
        });
    }

    /** Collects the settings; every one has a default. */
    public static final class Builder {
        private PreparationSettings settings = PreparationSettings.defaults();
        private Path cacheDirectory = CropCache.defaultDirectory();
        private int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        private PreparationListener listener = PreparationListener.NONE;
        private List<String> labelOrder = List.of();

        private Builder() {
        }

        /** Loader, detector, crop, quality and face-policy settings (default {@link PreparationSettings#defaults()}). */
        public Builder settings(PreparationSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** Where prepared crops are cached; must lie outside the photo folder. */
        public Builder cacheDirectory(Path value) {
            this.cacheDirectory = Objects.requireNonNull(value, "cacheDirectory");
            return this;
        }

        /** Worker threads for hashing and preparing (default: processors, at most 4). */
        public Builder threads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + value);
            }
            this.threads = value;
            return this;
        }

        /** Hears progress and the final timings (default: none). */
        public Builder listener(PreparationListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /** The labels in this order instead of sorted; must name every type folder. */
        public Builder labelOrder(List<String> value) {
            this.labelOrder = List.copyOf(value);
            return this;
        }

        /** The preparer with these settings. */
        public DatasetPreparer build() {
            return new DatasetPreparer(this);
        }
    }
}
