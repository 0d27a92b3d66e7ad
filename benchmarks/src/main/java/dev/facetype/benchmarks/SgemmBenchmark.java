package dev.facetype.benchmarks;

import dev.facetype.cnn.kernel.GemmKernel;
import dev.facetype.cnn.kernel.Sgemm;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Time per product of the sgemm kernels at the study's shapes, for both kernel families, on one thread and on
 * two threads each running its own product (per-core scaling). GFLOP/s = 2 m n k / time (times the thread count
 * for the two-thread figure); {@link #main} runs the benchmark and prints that table.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SgemmBenchmark} (time only), or
 * {@code java -cp benchmarks/target/benchmarks.jar dev.facetype.benchmarks.SgemmBenchmark [JMH options]}
 * (time and GFLOP/s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class SgemmBenchmark {

    /** A {@link GemmShape} name. */
    @Param({"CONV1_FORWARD", "CONV2_FORWARD", "CONV1_BACKWARD_WEIGHTS", "CONV2_BACKWARD_WEIGHTS",
            "CONV1_BACKWARD_DATA", "CONV2_BACKWARD_DATA", "DENSE_FORWARD", "MNIST_CONV1_FORWARD",
            "MNIST_CONV2_FORWARD"})
    public String shape;

    /** The kernel family: "vector" or "scalar". */
    @Param({"vector", "scalar"})
    public String implementation;

    private GemmKernel kernel;
    private GemmShape.Operands operands;

    @Setup
    public void prepare() {
        kernel = Sgemm.kernel(implementation);
        operands = GemmShape.valueOf(shape).operands(Thread.currentThread().getId());
        operands.multiply(kernel);
    }

    /** One product on one thread. C is state, so the JIT cannot drop the work. */
    @Benchmark
    @Threads(1)
    public float[] oneThread() {
        operands.multiply(kernel);
        return operands.result();
    }

    /** Two threads at once, each its own operands and workspace: the time is per product. */
    @Benchmark
    @Threads(2)
    public float[] twoThreads() {
        operands.multiply(kernel);
        return operands.result();
    }

    /** Runs this benchmark (extra JMH options allowed) and prints GFLOP/s per shape, family and thread count. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions commandLine = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(commandLine);
        if (commandLine.getIncludes().isEmpty()) {
            options.include(SgemmBenchmark.class.getSimpleName());
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.println("| shape | m x n x k | kernels | threads | us per product | GFLOP/s |");
        System.out.println("|---|---|---|---:|---:|---:|");
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            GemmShape gemm = GemmShape.valueOf(params.getParam("shape"));
            double micros = result.getPrimaryResult().getScore()
                    * microsecondsPerUnit(result.getPrimaryResult().getScoreUnit());
            double seconds = micros * 1e-6;
            int threads = params.getThreads();
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %d | %.1f | %.1f |%n",
                    gemm.name().toLowerCase(Locale.ROOT).replace('_', '-'), gemm.dimensions(),
                    params.getParam("implementation"), threads, micros, threads * gemm.flops() / seconds * 1e-9);
        }
    }

    /** The benchmark reports us/op, unless a -tu option changes the unit. */
    private static double microsecondsPerUnit(String unit) {
        switch (unit) {
            case "ns/op":
                return 1e-3;
            case "ms/op":
                return 1e3;
            case "s/op":
                return 1e6;
            default:
                return 1;
        }
    }
}
