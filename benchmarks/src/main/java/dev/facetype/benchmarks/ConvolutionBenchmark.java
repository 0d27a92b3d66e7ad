package dev.facetype.benchmarks;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.layer.Conv2D;
import dev.facetype.cnn.layer.Padding;
import dev.facetype.cnn.parallel.ComputePool;
import java.util.Collection;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The convolution layers of the study's network at batch 32, through the real {@link Conv2D} layer (lowering,
 * matrix products, bias, per-worker reduction), on the engine's pool of 1 or 2 threads:
 * <ul>
 *   <li>{@code forward};</li>
 *   <li>{@code backwardWeights}: weight and bias gradients only (what the first layer needs);</li>
 *   <li>{@code backwardData}: weight, bias and input gradients; the input-gradient share is the difference
 *       from {@code backwardWeights}.</li>
 * </ul>
 * {@link #main} runs it and prints GFLOP/s: 2 x multiply-adds of the pass, per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class ConvolutionBenchmark {

    /** conv1: 64x64x3 -> 5x5x32 same; conv2: 32x32x32 -> 5x5x64 same. */
    public enum Layer {
        CONV1(3, 64, 32), CONV2(32, 32, 64);

        final int channels;
        final int size;
        final int filters;

        Layer(int channels, int size, int filters) {
            this.channels = channels;
            this.size = size;
            this.filters = filters;
        }

        /** Multiply-adds x 2 of one matrix product over the batch. */
        double flopsPerProduct() {
            return 2.0 * StudyNetwork.BATCH * size * size * filters * channels * 25;
        }
    }

    @Param({"CONV1", "CONV2"})
    public Layer layer;

    @Param({"1", "2"})
    public int threads;

    private ComputePool pool;
    private Conv2D conv;
    private Tensor input;
    private Tensor gradient;

    @Setup(Level.Trial)
    public void prepare() {
        pool = ComputePool.create(threads);
        Shape shape = Shape.of(layer.channels, layer.size, layer.size);
        int weights = Conv2D.weightCount(shape, layer.filters, 5);
        SplittableRandom random = new SplittableRandom(1);
        float[] values = new float[weights + layer.filters];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * 0.05);
        }
        conv = new Conv2D("conv", shape, layer.filters, 5, 1, Padding.SAME, values, new float[values.length], 0, pool);
        input = StudyNetwork.batch(shape, StudyNetwork.BATCH, 2);
        gradient = StudyNetwork.batch(conv.outputShape(), StudyNetwork.BATCH, 3);
        conv.forward(input, true);
    }

    @TearDown(Level.Trial)
    public void close() {
        pool.close();
    }

    @Benchmark
    public Tensor forward() {
        return conv.forward(input, true);
    }

    @Benchmark
    public Tensor backwardWeights() {
        return conv.backward(gradient, false);
    }

    @Benchmark
    public Tensor backwardData() {
        return conv.backward(gradient, true);
    }

    /** Runs the benchmark (JMH options allowed) and prints GFLOP/s per layer, pass and thread count. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions commandLine = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(commandLine);
        if (commandLine.getIncludes().isEmpty()) {
            options.include(ConvolutionBenchmark.class.getSimpleName());
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.println("| layer | pass | threads | ms per batch of 32 | GFLOP/s |");
        System.out.println("|---|---|---:|---:|---:|");
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            Layer layer = Layer.valueOf(params.getParam("layer"));
            String pass = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
            double products = pass.equals("backwardData") ? 2 : 1; // weights and data gradients: two products
            double millis = result.getPrimaryResult().getScore();
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %.2f | %.1f |%n", layer.name().toLowerCase(Locale.ROOT),
                    pass, params.getParam("threads"), millis, products * layer.flopsPerProduct() / (millis * 1e-3) * 1e-9);
        }
    }
}
