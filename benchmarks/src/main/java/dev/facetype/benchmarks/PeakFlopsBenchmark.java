package dev.facetype.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This machine's float32 ceiling per core: the {@link FmaPeak} loop of independent 256-bit FMAs. Scores are in
 * operations per nanosecond with one operation per floating-point operation, so they read directly as GFLOP/s
 * (per thread for the one-thread method, in total for the two-thread one).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PeakFlopsBenchmark}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PeakFlopsBenchmark {

    private static final int STEPS = 1 << 16;
    /** Floating-point operations of one {@link FmaPeak#run} of {@link #STEPS} steps. */
    private static final int FLOPS = 2 * FmaPeak.ACCUMULATORS * 8 * STEPS;

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(FLOPS)
    public float oneThread() {
        return FmaPeak.run(STEPS, 1f);
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(FLOPS)
    public float twoThreads() {
        return FmaPeak.run(STEPS, 1f);
    }
}
