package dev.facetype.classifier;

import dev.facetype.cnn.Network;
import dev.facetype.cnn.NetworkSpec;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.Trainer;
import dev.facetype.cnn.io.ModelFile;
import dev.facetype.cnn.io.ModelFileException;
import dev.facetype.cnn.layer.Dropout;
import dev.facetype.cnn.layer.Layer;
import dev.facetype.cnn.loss.SoftmaxCrossEntropy;
import dev.facetype.cnn.optim.Optimizer;
import dev.facetype.cnn.parallel.ComputePool;
import dev.facetype.dataset.BatchIterator;
import dev.facetype.dataset.DatasetSplit;
import dev.facetype.dataset.SampleRef;
import dev.facetype.dataset.TrainingBatch;
import dev.facetype.vision.RasterImage;
import dev.facetype.vision.augment.Augmenter;
import dev.facetype.vision.augment.ImageAdjustments;
import dev.facetype.vision.crop.CropSettings;
import dev.facetype.vision.crop.FaceCropper;
import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.detect.FaceDetector;
import dev.facetype.vision.detect.FaceDetectors;
import dev.facetype.vision.io.ImageLoadException;
import dev.facetype.vision.io.ImageLoader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Sorts faces into types: train on a {@link DatasetSplit}, evaluate, predict on photos, save and load.
 *
 * <pre>{@code
 * try (FaceTypeClassifier classifier = FaceTypeClassifier.builder()
 *         .setLabels(split.labels())
 *         .optPreset(ArchitecturePreset.STUDY)
 *         .build()) {
 *     TrainingResult result = classifier.train(split, TrainingConfig.defaults(), new EarlyStopping(3));
 *     classifier.save(Path.of("model.fty"));
 *     PhotoPrediction answer = classifier.predict(Path.of("photo.jpg"));
 * }
 * }</pre>
 *
 * <p>Thread safety: {@code predict} and {@code classifyCrop} are safe to call from many threads at once
 * (each call borrows its own network buffers over the shared weights). {@code train} is not: run one
 * training at a time and do not predict while it runs. Close the classifier to stop its threads and
 * release the face detector.
 */
public final class FaceTypeClassifier implements AutoCloseable {

    /** The version of the classifier metadata written into model files. */
    public static final int CLASSIFIER_FORMAT = 1;

    private static final String METADATA_KEY = "facetype";
    private static final int EVALUATION_BATCH = 64;

    private final List<String> labels;
    private final String architecture;
    private final NetworkSpec spec;
    private final long seed;
    private final ComputePool pool;
    private final double minConfidence;
    private final boolean mirrorAveraging;
    private final Supplier<FaceDetector> detectorFactory;
    private final ImageLoader loader = new ImageLoader();
    private final Queue<Network> predictors = new ConcurrentLinkedQueue<>();

    private Preprocessing preprocessing;
    private Network network;
    private Map<String, Object> provenance;
    private volatile FaceDetector detector;
    private volatile boolean closed;

    private FaceTypeClassifier(List<String> labels, String architecture, NetworkSpec spec, long seed, ComputePool pool,
                               double minConfidence, boolean mirrorAveraging, Supplier<FaceDetector> detectorFactory,
                               Preprocessing preprocessing, Network network, Map<String, Object> provenance) {
        this.labels = List.copyOf(labels);
        this.architecture = architecture;
        this.spec = spec;
        this.seed = seed;
        this.pool = pool;
        this.minConfidence = minConfidence;
        this.mirrorAveraging = mirrorAveraging;
        this.detectorFactory = detectorFactory;
        this.preprocessing = preprocessing;
        this.network = network;
        this.provenance = provenance;
    }

    /** Starts configuring a new, untrained classifier. */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- training

    /**
     * Trains on the split's training side (augmented variants made on the fly), reports to the listeners,
     * and evaluates on its test side. Resumes from {@link TrainingConfig#resumeFrom()} when given.
     *
     * @throws IOException when a checkpoint cannot be read or written
     */
    public TrainingResult train(DatasetSplit split, TrainingConfig config, TrainingListener... listeners)
            throws IOException {
        checkOpen();
        if (!split.labels().equals(labels)) {
            throw new IllegalArgumentException("the split's types " + split.labels()
                    + " differ from the classifier's " + labels + " (same names, same order needed)");
        }
        if (split.train().isEmpty()) {
            throw new IllegalArgumentException("the training side of the split is empty");
        }
        TrainingSession session = new TrainingSession(split, config, List.of(listeners));
        TrainingResult result = session.run();
        predictors.clear();
        return result;
    }

    /** One run of {@link #train}: the loop, its bookkeeping and the {@link TrainingControl} it offers. */
    private final class TrainingSession implements TrainingControl {
        private final DatasetSplit split;
        private final TrainingConfig config;
        private final List<TrainingListener> listeners;
        private final Augmenter augmenter;
        private final Augmenter evaluationAugmenter;
        private final int batchesPerEpoch;
        private Optimizer optimizer;
        private Trainer trainer;
        private int epoch;
        private int firstEpoch;
        private String stopReason;
        private float[] bestParameters;
        private final List<TrainingEvents.EpochEnded> history = new ArrayList<>();

        TrainingSession(DatasetSplit split, TrainingConfig config, List<TrainingListener> listeners) {
            this.split = split;
            this.config = config;
            this.listeners = listeners;
            this.augmenter = new Augmenter(config.augmentation());
            // Evaluation sees the study's variants (in study mode) but never random jitter.
            this.evaluationAugmenter = new Augmenter(config.augmentation().withMaxRotationDegrees(0)
                    .withMaxShiftFraction(0).withMaxScaleJitter(0).withMaxBrightnessShift(0));
            this.batchesPerEpoch = (split.train().size() + config.batchSize() - 1) / config.batchSize();
        }

        TrainingResult run() throws IOException {
            optimizer = config.createOptimizer(batchesPerEpoch);
            if (config.resumeFrom().isPresent()) {
                resume(config.resumeFrom().get());
            } else {
                preprocessing = preprocessing.measuredOn(distinctCrops(split.train()));
                network = Network.create(spec, seed, pool);
            }
            trainer = new Trainer(network, optimizer);
            for (TrainingListener listener : listeners) {
                listener.onTrainingStart(new TrainingEvents.Started(config.epochs(), firstEpoch, batchesPerEpoch,
                        split.train().size(), split.validation().size(), split.test().size(),
                        network.parameters().count(), pool.threads(), architecture));
            }
            Tensor input = null;
            long trainingNanos = 0;
            long imagesSeen = 0;
            long runStart = System.nanoTime();
            for (epoch = firstEpoch; epoch < config.epochs() && stopReason == null; epoch++) {
                long epochStart = System.nanoTime();
                // Jitter is drawn afresh each epoch; without it a photo's 16 variants stay fixed, like the study's copies.
                long augmentationSeed = config.augmentation().hasExtras() ? seed + 1_000_003L * epoch : seed;
                BatchIterator batches = new BatchIterator(split.train(), config.batchSize(), augmentationSeed, epoch, true,
                        augmenter);
                double lossSum = 0;
                long correct = 0;
                long seen = 0;
                for (int b = 0; batches.hasNext(); b++) {
                    TrainingBatch batch = batches.next();
                    input = encode(batch.images(), input);
                    double rate = optimizer.currentRate();
                    Trainer.StepResult step = trainer.step(input, batch.labels());
                    lossSum += step.loss() * batch.size();
                    correct += step.correct();
                    seen += batch.size();
                    double elapsed = (System.nanoTime() - epochStart) / 1e9;
                    double sinceStart = (System.nanoTime() - runStart) / 1e9;
                    double done = (epoch - firstEpoch) + (b + 1.0) / batchesPerEpoch;
                    double eta = sinceStart / done * (config.epochs() - firstEpoch - done);
                    TrainingEvents.BatchEnded event = new TrainingEvents.BatchEnded(epoch, config.epochs(), b,
                            batchesPerEpoch, step.loss(), lossSum / seen, (double) correct / seen, seen / elapsed,
                            sinceStart, eta, rate);
                    for (TrainingListener listener : listeners) {
                        listener.onBatchEnd(event);
                    }
                }
                long epochNanos = System.nanoTime() - epochStart;
                trainingNanos += epochNanos;
                imagesSeen += seen;
                Optional<Double> validationLoss = Optional.empty();
                Optional<Evaluation> validation = Optional.empty();
                if (!split.validation().isEmpty()) {
                    Scored scored = score(split.validation(), network, evaluationAugmenter);
                    validationLoss = Optional.of(scored.loss);
                    validation = Optional.of(scored.evaluation);
                }
                TrainingEvents.EpochEnded ended = new TrainingEvents.EpochEnded(epoch, config.epochs(), lossSum / seen,
                        (double) correct / seen, validationLoss, validation, epochNanos / 1e9, seen / (epochNanos / 1e9));
                history.add(ended);
                for (TrainingListener listener : listeners) {
                    listener.onEpochEnd(ended, this);
                }
            }
            if (bestParameters != null) {
                System.arraycopy(bestParameters, 0, network.parameters().values(), 0, bestParameters.length);
            }
            Optional<Evaluation> test = split.test().isEmpty() ? Optional.empty()
                    : Optional.of(score(split.test(), network, evaluationAugmenter).evaluation);
            double seconds = trainingNanos / 1e9;
            TrainingResult result = new TrainingResult(history, test, Optional.ofNullable(stopReason), seconds,
                    seconds > 0 ? imagesSeen / seconds : 0);
            provenance = trainingProvenance(split, config, result);
            for (TrainingListener listener : listeners) {
                listener.onTrainingEnd(result);
            }
            return result;
        }

        @Override
        public void requestStop(String reason) {
            stopReason = Objects.requireNonNull(reason, "reason");
        }

        @Override
        public void markBest() {
            bestParameters = network.parameters().values().clone();
        }

        @Override
        public void saveCheckpoint(Path path) throws IOException {
            Map<String, Object> checkpoint = new LinkedHashMap<>();
            checkpoint.put("nextEpoch", epoch + 1);
            checkpoint.put("optimizerSteps", optimizer.steps());
            checkpoint.put("dropoutBatches", dropoutCounters(network));
            checkpoint.put("split", Map.of("mode", split.mode().cliName(), "seed", split.seed(),
                    "manifestSha256", split.manifestSha256()));
            checkpoint.put("training", config.toMap());
            Map<String, Object> metadata = metadata(Map.of());
            // Beside the types and preprocessing, where resume() looks for it.
            facetypeMetadata(metadata).put("checkpoint", checkpoint);
            Map<String, float[]> sections = new LinkedHashMap<>();
            sections.put(ModelFile.PARAMETERS, network.parameters().values());
            List<float[]> state = optimizer.state();
            for (int i = 0; i < state.size(); i++) {
                sections.put("optimizer." + i, state.get(i));
            }
            ModelFile.write(path, new ModelFile.Contents(spec, seed, metadata, sections));
        }

        @SuppressWarnings("unchecked")
        private void resume(Path path) throws IOException {
            ModelFile.Contents contents = ModelFile.read(path);
            Map<String, Object> facetype = classifierMetadata(contents, path.toString());
            Object checkpointValue = facetype.get("checkpoint");
            if (!(checkpointValue instanceof Map)) {
                throw new ModelFileException(ModelFileException.Reason.INCONSISTENT,
                        path + ": not a checkpoint (it is a finished model); train from scratch or give the checkpoint file");
            }
            Map<String, Object> checkpoint = (Map<String, Object>) checkpointValue;
            Map<String, Object> savedSplit = (Map<String, Object>) checkpoint.get("split");
            if (!split.mode().cliName().equals(savedSplit.get("mode"))
                    || ((Number) savedSplit.get("seed")).longValue() != split.seed()
                    || !Objects.equals(split.manifestSha256(), savedSplit.get("manifestSha256"))) {
                throw new IllegalArgumentException(path + " was written for another dataset or split (" + savedSplit.get("mode")
                        + ", seed " + savedSplit.get("seed") + "); resume with the same folder, split and seed");
            }
            if (!contents.spec().equals(spec) || !labelsOf(facetype).equals(labels)) {
                throw new IllegalArgumentException(path + " holds another architecture or other types than this classifier");
            }
            preprocessing = Preprocessing.fromMap((Map<String, Object>) facetype.get("preprocessing"));
            network = Network.withParameters(spec, seed, contents.parameters().clone(), pool);
            List<float[]> state = new ArrayList<>();
            for (int i = 0; contents.sections().containsKey("optimizer." + i); i++) {
                state.add(contents.sections().get("optimizer." + i));
            }
            optimizer.restore(((Number) checkpoint.get("optimizerSteps")).longValue(), state);
            List<Object> dropout = (List<Object>) checkpoint.get("dropoutBatches");
            int d = 0;
            for (Layer layer : network.layers()) {
                if (layer instanceof Dropout) {
                    ((Dropout) layer).setBatchesSeen(((Number) dropout.get(d++)).longValue());
                }
            }
            firstEpoch = ((Number) checkpoint.get("nextEpoch")).intValue();
        }
    }

    private static List<Object> dropoutCounters(Network network) {
        List<Object> counters = new ArrayList<>();
        for (Layer layer : network.layers()) {
            if (layer instanceof Dropout) {
                counters.add(((Dropout) layer).batchesSeen());
            }
        }
        return counters;
    }

    private Map<String, Object> trainingProvenance(DatasetSplit split, TrainingConfig config, TrainingResult result) {
        Map<String, Object> map = Provenance.environment();
        map.put("seed", seed);
        map.put("threads", pool.threads());
        map.put("architecture", architecture);
        map.put("training", config.toMap());
        map.put("augmentation", "study x16: contrast none/low/medium/high x noise off/on x flip off/on, on the fly");
        map.put("manifestSha256", split.manifestSha256());
        map.put("split", split.toMap());
        map.put("warnings", new ArrayList<Object>(split.warnings()));
        map.put("trainingSeconds", result.seconds());
        result.test().ifPresent(test -> {
            map.put("testAccuracy", test.accuracy());
            map.put("testMacroF1", test.macroF1());
        });
        return map;
    }

    private static List<RasterImage> distinctCrops(List<SampleRef> refs) {
        Set<Object> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<RasterImage> crops = new ArrayList<>();
        for (SampleRef ref : refs) {
            if (seen.add(ref.sample())) {
                crops.add(ref.sample().crop());
            }
        }
        return crops;
    }

    private Tensor encode(List<RasterImage> images, Tensor reusable) {
        int count = images.size();
        Tensor tensor = reusable != null && reusable.batchSize() == count ? reusable
                : Tensor.zeros(spec.inputShape().withBatch(count));
        int size = preprocessing.sampleSize();
        for (int i = 0; i < count; i++) {
            preprocessing.encode(images.get(i), tensor.data(), i * size);
        }
        return tensor;
    }

    // ---------------------------------------------------------------- evaluation

    /** Evaluates the model on the given samples (for example {@code split.test()}). */
    public Evaluation evaluate(List<SampleRef> samples) {
        checkOpen();
        checkTrained();
        Network predictor = borrow();
        try {
            return score(samples, predictor, new Augmenter()).evaluation;
        } finally {
            predictors.add(predictor);
        }
    }

    private record Scored(Evaluation evaluation, double loss) {
    }

    private Scored score(List<SampleRef> samples, Network net, Augmenter augmenter) {
        int[] actual = new int[samples.size()];
        int[] predicted = new int[samples.size()];
        double lossSum = 0;
        int classes = labels.size();
        BatchIterator batches = new BatchIterator(samples, EVALUATION_BATCH, seed, 0, false, augmenter);
        int offset = 0;
        while (batches.hasNext()) {
            TrainingBatch batch = batches.next();
            float[] probabilities = probabilities(net, batch.images());
            for (int i = 0; i < batch.size(); i++) {
                int label = batch.labels()[i];
                actual[offset + i] = label;
                predicted[offset + i] = SoftmaxCrossEntropy.argmax(probabilities, i * classes, classes);
                lossSum -= Math.log(Math.max(probabilities[i * classes + label], 1e-12f));
            }
            offset += batch.size();
        }
        return new Scored(Evaluation.of(labels, actual, predicted), lossSum / Math.max(1, samples.size()));
    }

    /**
     * Class probabilities of each crop (crops x classes, row by row). With mirror averaging the crop and its
     * mirror image go through the network together and their probabilities are averaged: a face and its
     * mirror have the same type, and averaging the two answers evens out what either view gets wrong.
     */
    private float[] probabilities(Network net, List<RasterImage> crops) {
        int count = crops.size();
        int classes = labels.size();
        List<RasterImage> views = crops;
        if (mirrorAveraging) {
            views = new ArrayList<>(crops);
            for (RasterImage crop : crops) {
                views.add(ImageAdjustments.flipHorizontal(crop));
            }
        }
        float[] all = net.predictProbabilities(encode(views, null)).data();
        if (!mirrorAveraging) {
            return all;
        }
        float[] averaged = new float[count * classes];
        for (int i = 0; i < averaged.length; i++) {
            averaged[i] = (all[i] + all[count * classes + i]) / 2;
        }
        return averaged;
    }

    // ---------------------------------------------------------------- prediction

    /** Reads a photo, finds every face and answers its type. */
    public PhotoPrediction predict(Path photo) throws ImageLoadException {
        checkOpen();
        return predict(loader.load(photo), photo.toString());
    }

    /** Reads a photo from a stream (not closed), finds every face and answers its type. */
    public PhotoPrediction predict(InputStream photo, String source) throws ImageLoadException {
        checkOpen();
        return predict(loader.load(photo, source), source);
    }

    /** Finds every face in an image already in memory and answers its type. */
    public PhotoPrediction predict(BufferedImage photo, String source) {
        return predict(RasterImage.fromBufferedImage(photo), source);
    }

    /** Finds every face in a decoded, upright photo and answers its type. */
    public PhotoPrediction predict(RasterImage photo, String source) {
        checkOpen();
        checkTrained();
        List<DetectedFace> faces = new ArrayList<>(detector().detect(photo.toRgb()));
        faces.sort(Comparator.comparingDouble((DetectedFace f) -> f.box().area()).reversed());
        if (faces.isEmpty()) {
            return new PhotoPrediction(source, photo.width(), photo.height(), List.of());
        }
        FaceCropper cropper = new FaceCropper(preprocessing.crop());
        List<RasterImage> crops = new ArrayList<>();
        for (DetectedFace face : faces) {
            crops.add(cropper.crop(photo, face).image());
        }
        List<List<LabelScore>> scores = classifyCrops(crops);
        List<FacePrediction> predictions = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            List<LabelScore> faceScores = scores.get(i);
            predictions.add(new FacePrediction(faces.get(i).box(), faces.get(i).score(), faceScores,
                    faceScores.get(0).probability() < minConfidence));
        }
        return new PhotoPrediction(source, photo.width(), photo.height(), predictions);
    }

    /**
     * Scores face crops made with this model's {@link #preprocessing()} crop settings: for each crop, every
     * type with its probability, most probable first.
     */
    public List<List<LabelScore>> classifyCrops(List<RasterImage> crops) {
        checkOpen();
        checkTrained();
        if (crops.isEmpty()) {
            return List.of();
        }
        Network predictor = borrow();
        try {
            float[] probabilities = probabilities(predictor, crops);
            List<List<LabelScore>> out = new ArrayList<>();
            for (int i = 0; i < crops.size(); i++) {
                List<LabelScore> scores = new ArrayList<>();
                for (int c = 0; c < labels.size(); c++) {
                    scores.add(new LabelScore(labels.get(c), probabilities[i * labels.size() + c]));
                }
                scores.sort(Comparator.comparingDouble(LabelScore::probability).reversed());
                out.add(List.copyOf(scores));
            }
            return out;
        } finally {
            predictors.add(predictor);
        }
    }

    private Network borrow() {
        Network predictor = predictors.poll();
        return predictor != null ? predictor : network.inferenceCopy();
    }

    private FaceDetector detector() {
        FaceDetector current = detector;
        if (current == null) {
            synchronized (this) {
                current = detector;
                if (current == null) {
                    current = detectorFactory.get();
                    detector = current;
                }
            }
        }
        return current;
    }

    // ---------------------------------------------------------------- saving and loading

    /**
     * Saves weights, types in order, preprocessing and provenance in one file, atomically (a temporary file
     * renamed over the target), so a crash never leaves half a model.
     */
    public void save(Path path) throws IOException {
        checkOpen();
        checkTrained();
        ModelFile.write(path, new ModelFile.Contents(spec, seed, metadata(provenance),
                Map.of(ModelFile.PARAMETERS, network.parameters().values())));
    }

    private Map<String, Object> metadata(Map<String, Object> provenanceMap) {
        Map<String, Object> facetype = new LinkedHashMap<>();
        facetype.put("classifierFormat", CLASSIFIER_FORMAT);
        facetype.put("labels", new ArrayList<Object>(labels));
        facetype.put("architecture", architecture);
        facetype.put("preprocessing", preprocessing.toMap());
        facetype.put("minConfidence", minConfidence);
        facetype.put("mirrorAveraging", mirrorAveraging);
        facetype.put("provenance", provenanceMap == null ? Map.of() : provenanceMap);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(METADATA_KEY, facetype);
        return metadata;
    }

    /** Loads a saved model on as many threads as there are processors. */
    public static FaceTypeClassifier load(Path path) throws IOException {
        return load(path, ComputePool.defaultThreadCount(), FaceDetectors::yunet);
    }

    /**
     * Loads a saved model. Its predictions equal those of the classifier that saved it.
     *
     * @throws ModelFileException naming the file and the problem when it is not a facetype model, is
     *     truncated, corrupt, of a newer format, or inconsistent (e.g. type count vs. network outputs)
     */
    @SuppressWarnings("unchecked")
    public static FaceTypeClassifier load(Path path, int threads, Supplier<FaceDetector> detectorFactory)
            throws IOException {
        ModelFile.Contents contents = ModelFile.read(path);
        Map<String, Object> facetype = classifierMetadata(contents, path.toString());
        try {
            List<String> labels = labelsOf(facetype);
            int outputs = contents.spec().layers().isEmpty() ? 0 : Network.outputUnits(contents.spec());
            if (labels.size() != outputs) {
                throw new ModelFileException(ModelFileException.Reason.INCONSISTENT, path + ": the model names "
                        + labels.size() + " types but its network has " + outputs + " outputs");
            }
            Preprocessing preprocessing = Preprocessing.fromMap((Map<String, Object>) facetype.get("preprocessing"));
            ComputePool pool = ComputePool.create(threads);
            Network network = Network.withParameters(contents.spec(), contents.seed(), contents.parameters(), pool);
            Object confidence = facetype.getOrDefault("minConfidence", 0.0);
            Map<String, Object> provenance = facetype.get("provenance") instanceof Map
                    ? (Map<String, Object>) facetype.get("provenance") : Map.of();
            // Models written before mirror averaging existed answer from the crop alone, as they always did.
            boolean mirror = Boolean.TRUE.equals(facetype.get("mirrorAveraging"));
            return new FaceTypeClassifier(labels, String.valueOf(facetype.get("architecture")), contents.spec(),
                    contents.seed(), pool, ((Number) confidence).doubleValue(), mirror, detectorFactory, preprocessing,
                    network, provenance);
        } catch (ClassCastException | IllegalArgumentException | NullPointerException e) {
            throw new ModelFileException(ModelFileException.Reason.INCONSISTENT,
                    path + ": the model's classifier settings are incomplete or malformed: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> facetypeMetadata(Map<String, Object> metadata) {
        return (Map<String, Object>) metadata.get(METADATA_KEY);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> classifierMetadata(ModelFile.Contents contents, String source)
            throws ModelFileException {
        Object value = contents.metadata().get(METADATA_KEY);
        if (!(value instanceof Map)) {
            throw new ModelFileException(ModelFileException.Reason.INCONSISTENT,
                    source + ": a bare network without the types and preprocessing of a face-type classifier");
        }
        Map<String, Object> facetype = (Map<String, Object>) value;
        Object format = facetype.get("classifierFormat");
        if (!(format instanceof Number) || ((Number) format).intValue() > CLASSIFIER_FORMAT) {
            throw new ModelFileException(ModelFileException.Reason.UNSUPPORTED_VERSION, source
                    + ": classifier format " + format + " is newer than this facetype reads (" + CLASSIFIER_FORMAT + ")");
        }
        return facetype;
    }

    private static List<String> labelsOf(Map<String, Object> facetype) {
        Object value = facetype.get("labels");
        if (!(value instanceof List)) {
            throw new IllegalArgumentException("no list of types");
        }
        List<String> labels = new ArrayList<>();
        for (Object label : (List<?>) value) {
            labels.add(String.valueOf(label));
        }
        return labels;
    }

    // ---------------------------------------------------------------- accessors

    /** The types, in the order of the network's outputs. */
    public List<String> labels() {
        return labels;
    }

    /** The preset name, or {@code custom}. */
    public String architecture() {
        return architecture;
    }

    public NetworkSpec networkSpec() {
        return spec;
    }

    /** Crop and normalisation settings; predictions must crop exactly like this. */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** Under this top probability a face's answer is marked uncertain. */
    public double minConfidence() {
        return minConfidence;
    }

    /** Whether answers average the crop's and its mirror image's probabilities. */
    public boolean mirrorAveraging() {
        return mirrorAveraging;
    }

    /** Version, JDK, OS, seed, settings, data hash and split of the training that made this model. */
    public Map<String, Object> provenance() {
        return provenance == null ? Map.of() : provenance;
    }

    /** True once trained or loaded. */
    public boolean isTrained() {
        return provenance != null;
    }

    /** The number of threads the network runs on. */
    public int threads() {
        return pool.threads();
    }

    private void checkTrained() {
        if (!isTrained()) {
            throw new IllegalStateException("the classifier is not trained yet: call train(...) or load a model");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the classifier is closed");
        }
    }

    /** Stops the compute threads and closes the face detector. */
    @Override
    public void close() {
        closed = true;
        FaceDetector current = detector;
        if (current != null) {
            current.close();
        }
        pool.close();
    }

    /**
     * Configures a new classifier: {@code setX} for what is required, {@code optX} for the optional, then
     * {@link #validate()} or {@link #build()}.
     */
    public static final class Builder {
        private List<String> labels;
        private int inputSize = 64;
        private int channels = 3;
        private double cropMargin = 0.2;
        private boolean alignEyes;
        private ArchitecturePreset preset = ArchitecturePreset.STUDY;
        private NetworkSpec customSpec;
        private long seed = 1;
        private int threads = ComputePool.defaultThreadCount();
        private double minConfidence;
        private boolean mirrorAveraging = true;
        private Preprocessing.Normalisation normalisation = Preprocessing.Normalisation.PER_CHANNEL;
        private Supplier<FaceDetector> detectorFactory = FaceDetectors::yunet;

        private Builder() {
        }

        /** The types, in the order the network's outputs will have (required). */
        public Builder setLabels(List<String> value) {
            this.labels = value == null ? null : List.copyOf(value);
            return this;
        }

        /** Side of the square face crop fed to the network (default 64). */
        public Builder optInputSize(int value) {
            this.inputSize = value;
            return this;
        }

        /** Train on gray crops (1 channel) instead of colour (3, the default). */
        public Builder optGrayscale(boolean value) {
            this.channels = value ? 1 : 3;
            return this;
        }

        /** Extra room around the detected face box, as a fraction of its longer side (default 0.2). */
        public Builder optCropMargin(double value) {
            this.cropMargin = value;
            return this;
        }

        /** Rotate crops so the eyes are level (default off). */
        public Builder optAlignEyes(boolean value) {
            this.alignEyes = value;
            return this;
        }

        /** The network architecture (default {@link ArchitecturePreset#STUDY}). */
        public Builder optPreset(ArchitecturePreset value) {
            this.preset = value;
            this.customSpec = null;
            return this;
        }

        /** A network of your own; its input must match the crop size and channels, its output the types. */
        public Builder optNetwork(NetworkSpec value) {
            this.customSpec = value;
            return this;
        }

        /** Seed of every random choice in training (default 1). */
        public Builder optSeed(long value) {
            this.seed = value;
            return this;
        }

        /** Compute threads (default: the processors, or {@code -Dfacetype.threads}). */
        public Builder optThreads(int value) {
            this.threads = value;
            return this;
        }

        /** Top probability under which a face's answer is marked uncertain (default 0: never). */
        public Builder optMinConfidence(double value) {
            this.minConfidence = value;
            return this;
        }

        /**
         * Answer from the average of the crop's and its mirror image's probabilities (default on; stored with
         * the model). Costs a second pass through the network per face.
         */
        public Builder optMirrorAveraging(boolean value) {
            this.mirrorAveraging = value;
            return this;
        }

        /**
         * How crops are normalised before the network (default per channel, measured on the training crops;
         * stored with the model).
         */
        public Builder optNormalisation(Preprocessing.Normalisation value) {
            this.normalisation = java.util.Objects.requireNonNull(value, "normalisation");
            return this;
        }

        /** The face detector for predictions (default YuNet). */
        public Builder optDetector(Supplier<FaceDetector> value) {
            this.detectorFactory = value;
            return this;
        }

        /** Checks the settings; the message lists everything that is wrong. */
        public Builder validate() {
            List<String> problems = new ArrayList<>();
            if (labels == null || labels.size() < 2) {
                problems.add("setLabels needs at least two types" + (labels == null ? "" : ", got " + labels));
            } else if (labels.stream().distinct().count() != labels.size()) {
                problems.add("types must be distinct, got " + labels);
            }
            if (inputSize < 8 || inputSize > 512) {
                problems.add("input size must be between 8 and 512, got " + inputSize);
            }
            if (!(cropMargin >= 0 && cropMargin <= 1)) {
                problems.add("crop margin must be between 0 and 1, got " + cropMargin);
            }
            if (threads < 1) {
                problems.add("threads must be at least 1, got " + threads);
            }
            if (!(minConfidence >= 0 && minConfidence < 1)) {
                problems.add("minimum confidence must be in [0, 1), got " + minConfidence);
            }
            if (preset == null && customSpec == null) {
                problems.add("an architecture preset or a network is required");
            }
            if (detectorFactory == null) {
                problems.add("a face detector is required");
            }
            if (customSpec != null && labels != null) {
                if (!customSpec.inputShape().equals(dev.facetype.cnn.Shape.of(channels, inputSize, inputSize))) {
                    problems.add("the network's input " + customSpec.inputShape() + " does not match crops of "
                            + channels + "x" + inputSize + "x" + inputSize);
                }
                if (Network.outputUnits(customSpec) != labels.size()) {
                    problems.add("the network has " + Network.outputUnits(customSpec) + " outputs for " + labels.size() + " types");
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("FaceTypeClassifier: " + String.join("; ", problems));
            }
            return this;
        }

        /** A new, untrained classifier; call {@code train} next. */
        public FaceTypeClassifier build() {
            validate();
            NetworkSpec spec = customSpec != null ? customSpec : preset.network(channels, inputSize, labels.size());
            String architecture = customSpec != null ? "custom" : preset.cliName();
            Preprocessing preprocessing = Preprocessing.unnormalised(
                    new CropSettings(cropMargin, inputSize, channels, alignEyes), normalisation);
            return new FaceTypeClassifier(labels, architecture, spec, seed, ComputePool.create(threads), minConfidence,
                    mirrorAveraging, detectorFactory, preprocessing, null, null);
        }
    }

    @Override
    public String toString() {
        return "FaceTypeClassifier" + labels + " (" + architecture + ", " + preprocessing.inputSize() + "x"
                + preprocessing.inputSize() + "x" + preprocessing.channels() + ")";
    }

}
