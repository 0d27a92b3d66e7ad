package dev.facetype.benchmarks;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;

/**
 * The study's network in DJL on its PyTorch engine (CPU, NCHW like facetype), trained with DJL's Adam.
 * PyTorch's thread pools are sized from system properties read when the engine first loads, so
 * {@link #configure} must run before anything touches DJL; it also switches DJL to offline mode, which
 * makes it load libtorch from the pytorch-native-cpu jar instead of downloading it.
 */
final class DjlPyTorchEngine implements ComparedEngine {

    private final int threads;
    private final NDManager manager;
    private final Model model;
    private final Trainer trainer;
    private final StudyBatch batch;
    private final Shape inputShape;

    static void configure(int threads) {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    DjlPyTorchEngine(int threads, StudyBatch batch, long seed) {
        configure(threads);
        this.threads = threads;
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        SequentialBlock network = new SequentialBlock()
                .add(convolution(32)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(convolution(64)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(1024).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(StudyNetwork.CLASSES).build());
        model = Model.newInstance("study", "PyTorch");
        model.setBlock(network);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-4f)).build());
        trainer = model.newTrainer(config);
        inputShape = new Shape(batch.size(), StudyBatch.CHANNELS, StudyBatch.SIDE, StudyBatch.SIDE);
        trainer.initialize(inputShape);
        manager = NDManager.newBaseManager("PyTorch");
        this.batch = batch;
    }

    private static Conv2d convolution(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(5, 5)).optPadding(new Shape(2, 2)).setFilters(filters).build();
    }

    @Override
    public String name() {
        return "DJL + PyTorch";
    }

    @Override
    public String details() {
        Engine engine = Engine.getEngine("PyTorch");
        return "DJL " + Engine.getDjlVersion() + " with PyTorch " + engine.getVersion() + " (CPU, offline), "
                + threads + " intra-op threads, 1 inter-op thread";
    }

    @Override
    public long parameterCount() {
        long count = 0;
        for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
            count += parameter.getValue().getArray().size();
        }
        return count;
    }

    @Override
    public float trainStep() {
        // Every array a step makes belongs to the manager of its input, so each step gets its own manager,
        // as DJL's own training loop does with its batches (copying 1.5 MB in costs about 0.1 ms).
        try (NDManager step = manager.newSubManager()) {
            NDArray images = step.create(batch.nchw(), inputShape);
            NDArray labels = step.create(batch.labels(), new Shape(batch.size()));
            float value;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(images));
                NDArray loss = trainer.getLoss().evaluate(new NDList(labels), predictions);
                collector.backward(loss);
                value = loss.getFloat();
            }
            trainer.step();
            return value;
        }
    }

    @Override
    public void infer() {
        try (NDManager step = manager.newSubManager()) {
            NDArray images = step.create(batch.nchw(), inputShape);
            trainer.evaluate(new NDList(images)).head().toFloatArray();
        }
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
        manager.close();
    }
}
