package dev.facetype.benchmarks;

import dev.facetype.cnn.Network;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.Trainer;
import dev.facetype.cnn.optim.Adam;
import dev.facetype.cnn.parallel.ComputePool;
import java.util.Collection;
import java.util.Locale;
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
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * End to end on the study's network (64x64x3, batch 32, Adam): one training step (forward, loss, backward,
 * update) and one inference batch, on 1 or 2 threads. {@link #main} prints images/s and GFLOP/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class TrainingBenchmark {

    @Param({"1", "2"})
    public int threads;

    private ComputePool pool;
    private Trainer trainer;
    private Network network;
    private Tensor batch;
    private int[] labels;

    @Setup(Level.Trial)
    public void prepare() {
        pool = ComputePool.create(threads);
        network = Network.create(StudyNetwork.spec(), 1, pool);
        trainer = new Trainer(network, Adam.withRate(1e-4));
        batch = StudyNetwork.batch(network.spec().inputShape(), StudyNetwork.BATCH, 4);
        labels = StudyNetwork.labels(StudyNetwork.BATCH, 5);
    }

    @TearDown(Level.Trial)
    public void close() {
        pool.close();
    }

    @Benchmark
    public float trainingStep() {
        return trainer.step(batch, labels).loss();
    }

    @Benchmark
    public Tensor inference() {
        return network.forward(batch, false);
    }

    /** Runs the benchmark (JMH options allowed) and prints images/s. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions commandLine = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(commandLine);
        if (commandLine.getIncludes().isEmpty()) {
            options.include(TrainingBenchmark.class.getSimpleName());
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.println("| pass | threads | ms per batch of 32 | images/s | GFLOP/s |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (RunResult result : results) {
            String pass = result.getParams().getBenchmark();
            pass = pass.substring(pass.lastIndexOf('.') + 1);
            double millis = result.getPrimaryResult().getScore();
            double imagesPerSecond = StudyNetwork.BATCH / (millis * 1e-3);
            double flops = pass.equals("trainingStep") ? StudyNetwork.TRAINING_FLOPS : StudyNetwork.FORWARD_FLOPS;
            System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f |%n", pass,
                    result.getParams().getParam("threads"), millis, imagesPerSecond, imagesPerSecond * flops * 1e-9);
        }
    }
}
