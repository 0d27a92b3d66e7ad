package dev.facetype.benchmarks;

import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * The study's network as a TensorFlow Java graph built with the ops API (NHWC, TensorFlow's CPU layout),
 * trained by tensorflow-framework's Adam, whose gradients come from TensorFlow's own graph gradients.
 * Threads: {@code intra_op_parallelism_threads} = the thread count, and one inter-op thread, since the
 * network is a chain with little to run side by side; {@code -Dfacetype.tf.interOpThreads} overrides it.
 */
final class TensorFlowEngine implements ComparedEngine {

    private static final List<Long> UNIT_STRIDES = List.of(1L, 1L, 1L, 1L);

    private final int intraOpThreads;
    private final int interOpThreads;
    private final Graph graph;
    private final Session session;
    private final Placeholder<TFloat32> images;
    private final Placeholder<TFloat32> labels;
    private final Operand<TFloat32> logits;
    private final Operand<TFloat32> loss;
    private final Op minimize;
    private final TFloat32 imageTensor;
    private final TFloat32 labelTensor;
    private final SplittableRandom random;
    private long parameters;

    TensorFlowEngine(int threads, StudyBatch batch, long seed) {
        this.intraOpThreads = threads;
        this.interOpThreads = Integer.getInteger("facetype.tf.interOpThreads", 1);
        this.random = new SplittableRandom(seed);
        this.graph = new Graph();
        Ops tf = Ops.create(graph);
        int n = batch.size();
        int side = StudyBatch.SIDE;
        images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, side, side, StudyBatch.CHANNELS)));
        labels = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, StudyNetwork.CLASSES)));

        Operand<TFloat32> x = convolution(tf, images, StudyBatch.CHANNELS, 32);
        x = pool(tf, x);
        x = convolution(tf, x, 32, 64);
        x = pool(tf, x);
        int features = 16 * 16 * 64;
        x = tf.reshape(x, tf.constant(new int[] {n, features}));
        x = tf.nn.relu(dense(tf, x, features, 1024, heScale(features)));
        logits = dense(tf, x, 1024, StudyNetwork.CLASSES, glorotScale(1024, StudyNetwork.CLASSES));
        // One-hot labels: TensorFlow's C++ gradient registry, which graph gradients use, has no gradient for the
        // sparse-label form of this op.
        loss = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, labels).loss(), tf.constant(0));
        minimize = new Adam(graph, 1e-4f).minimize(loss);

        session = new Session(graph, ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(intraOpThreads)
                .setInterOpParallelismThreads(interOpThreads)
                .build());
        imageTensor = TFloat32.tensorOf(Shape.of(n, side, side, StudyBatch.CHANNELS),
                DataBuffers.of(batch.nhwc(), true, false));
        labelTensor = TFloat32.tensorOf(Shape.of(n, StudyNetwork.CLASSES),
                DataBuffers.of(oneHot(batch.labels()), true, false));
    }

    /** 5x5 convolution, {@code same} padding, bias and ReLU; weights He-initialised like facetype's. */
    private Operand<TFloat32> convolution(Ops tf, Operand<TFloat32> input, int inChannels, int filters) {
        int fanIn = 5 * 5 * inChannels;
        Variable<TFloat32> weights = variable(tf, Shape.of(5, 5, inChannels, filters), heScale(fanIn));
        Variable<TFloat32> bias = variable(tf, Shape.of(filters), 0f);
        return tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(input, weights, UNIT_STRIDES, "SAME"), bias));
    }

    private static Operand<TFloat32> pool(Ops tf, Operand<TFloat32> input) {
        return tf.nn.maxPool(input, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "VALID");
    }

    private Operand<TFloat32> dense(Ops tf, Operand<TFloat32> input, int features, int units, float scale) {
        Variable<TFloat32> weights = variable(tf, Shape.of(features, units), scale);
        Variable<TFloat32> bias = variable(tf, Shape.of(units), 0f);
        return tf.nn.biasAdd(tf.linalg.matMul(input, weights), bias);
    }

    /** A variable starting at uniform values in [-scale, scale] (zeros for scale 0). */
    private Variable<TFloat32> variable(Ops tf, Shape shape, float scale) {
        float[] values = new float[(int) shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = scale == 0f ? 0f : (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        parameters += values.length;
        return tf.variable(tf.constant(shape, DataBuffers.of(values, true, false)));
    }

    private static float[] oneHot(int[] labels) {
        float[] encoded = new float[labels.length * StudyNetwork.CLASSES];
        for (int i = 0; i < labels.length; i++) {
            encoded[i * StudyNetwork.CLASSES + labels[i]] = 1f;
        }
        return encoded;
    }

    private static float heScale(int fanIn) {
        return (float) Math.sqrt(6.0 / fanIn);
    }

    private static float glorotScale(int fanIn, int fanOut) {
        return (float) Math.sqrt(6.0 / (fanIn + fanOut));
    }

    @Override
    public String name() {
        return "TensorFlow Java";
    }

    @Override
    public String details() {
        return "TensorFlow Java (TensorFlow " + TensorFlow.version() + "), intra-op threads " + intraOpThreads
                + ", inter-op threads " + interOpThreads;
    }

    @Override
    public long parameterCount() {
        return parameters;
    }

    @Override
    public float trainStep() {
        try (Result result = session.runner()
                .feed(images, imageTensor)
                .feed(labels, labelTensor)
                .addTarget(minimize)
                .fetch(loss)
                .run()) {
            return ((TFloat32) result.get(0)).getFloat();
        }
    }

    @Override
    public void infer() {
        try (Result result = session.runner().feed(images, imageTensor).fetch(logits).run()) {
            result.get(0);
        }
    }

    @Override
    public void close() {
        imageTensor.close();
        labelTensor.close();
        session.close();
        graph.close();
    }
}
