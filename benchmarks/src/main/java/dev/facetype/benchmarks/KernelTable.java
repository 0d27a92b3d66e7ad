package dev.facetype.benchmarks;

import dev.facetype.cnn.kernel.GemmKernel;
import dev.facetype.cnn.kernel.Sgemm;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the GFLOP/s table of the sgemm kernels quoted in BENCHMARKS.md: every study shape, both kernel families,
 * one and two threads (each thread its own product), against this machine's measured FMA peak. Short timed
 * loops, not JMH: a warm-up of every kernel at every shape, then for each row another warm-up and the median of
 * five runs; about a minute and a half in all.
 *
 * <p>Rates are given by CPU time (the threads' own, robust to other processes on the machine) and by wall
 * time; "% of peak" uses CPU time against the FMA loop timed the same way, on vectors of the kernel's width
 * (512-bit for the 8 x 32 tile, 256-bit otherwise).
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * dev.facetype.benchmarks.KernelTable [--kernels=vector,scalar] [SHAPE...]}; {@code --kernels} names the
 * families as {@link Sgemm#kernel(String)} does ({@code vector-512}, {@code vector-256} force a width). Time
 * one vector width per run: with both in one JVM the shared loop nest calls three kernel classes and the
 * vector kernels ran many times slower.
 */
public final class KernelTable {

    private static final double WARMUP_SECONDS = 0.5;
    private static final double RUN_SECONDS = 0.15;
    private static final int RUNS = 5;
    private static final int[] THREADS = {1, 2};
    private static final int PEAK_STEPS = 1 << 20;

    private KernelTable() {
    }

    public static void main(String[] args) throws IOException {
        if (!Sgemm.vectorAvailable()) {
            System.err.println("Run with --add-modules jdk.incubator.vector (the peak and the vector kernels need it).");
            System.exit(2);
        }
        List<GemmShape> shapes = new ArrayList<>();
        List<String> kernels = List.of("vector", "scalar");
        for (String name : args) {
            if (name.startsWith("--kernels=")) {
                kernels = List.of(name.substring("--kernels=".length()).split(","));
                continue;
            }
            shapes.add(GemmShape.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_')));
        }
        if (shapes.isEmpty()) {
            shapes.addAll(List.of(GemmShape.values()));
        }

        System.out.println("CPU: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        System.out.println("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "load average before: %.2f%n", loadAverage());

        double[] peak = new double[THREADS.length];
        double[] peak512 = new double[THREADS.length];
        for (int t = 0; t < THREADS.length; t++) {
            ConcurrentTimer.Rates rates = measurePeak(THREADS[t], false);
            peak[t] = rates.cpu();
            System.out.printf(Locale.ROOT, "measured FMA peak (256-bit), %d thread(s): %.1f GFLOP/s by CPU time,"
                    + " %.1f by wall time%n", THREADS[t], rates.cpu(), rates.wall());
            ConcurrentTimer.Rates wide = measurePeak(THREADS[t], true);
            peak512[t] = wide.cpu();
            System.out.printf(Locale.ROOT, "measured FMA peak (512-bit), %d thread(s): %.1f GFLOP/s by CPU time,"
                    + " %.1f by wall time%n", THREADS[t], wide.cpu(), wide.wall());
        }
        warmUp(shapes, kernels);
        System.out.println();
        System.out.println("| shape | m x n x k | kernels | tile | threads | GFLOP/s (CPU time) | % of peak"
                + " | GFLOP/s (wall) | bytes allocated per product |");
        System.out.println("|---|---|---|---|---:|---:|---:|---:|---:|");
        for (GemmShape shape : shapes) {
            for (String implementation : kernels) {
                GemmKernel kernel = Sgemm.kernel(implementation);
                for (int t = 0; t < THREADS.length; t++) {
                    ConcurrentTimer.Rates gflops = measureGemm(shape, kernel, THREADS[t]);
                    System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %d | %.1f | %.0f %% | %.1f | %.0f |%n",
                            shape.name().toLowerCase(Locale.ROOT).replace('_', '-'), shape.dimensions(),
                            implementation, kernel.tile(), THREADS[t], gflops.cpu(),
                            100 * gflops.cpu() / (kernel.tile().endsWith("x32") ? peak512[t] : peak[t]),
                            gflops.wall(), gflops.bytesPerRepetition());
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nload average after: %.2f%n", loadAverage());
    }

    /**
     * Runs every shape with every kernel family once before anything is timed, so that each timed run finds
     * the kernels compiled with all their paths (the first product with k above one block, for instance).
     */
    private static void warmUp(List<GemmShape> shapes, List<String> kernels) {
        for (GemmShape shape : shapes) {
            for (String implementation : kernels) {
                measureGemm(shape, Sgemm.kernel(implementation), 1, WARMUP_SECONDS / 2, 1);
            }
        }
    }

    /** Aggregate GFLOP/s of {@code threads} threads each running its own product. */
    private static ConcurrentTimer.Rates measureGemm(GemmShape shape, GemmKernel kernel, int threads) {
        return measureGemm(shape, kernel, threads, WARMUP_SECONDS, RUNS);
    }

    private static ConcurrentTimer.Rates measureGemm(GemmShape shape, GemmKernel kernel, int threads,
                                                     double warmupSeconds, int runs) {
        try (ConcurrentTimer timer = new ConcurrentTimer(threads, t -> {
            GemmShape.Operands operands = shape.operands(42 + t);
            return () -> operands.multiply(kernel);
        })) {
            return gigaflops(timer.medianRates(warmupSeconds, RUN_SECONDS, runs), shape.flops());
        }
    }

    private static volatile float sink;

    /** Aggregate GFLOP/s of {@code threads} threads each running the FMA loop on 256- or 512-bit vectors. */
    private static ConcurrentTimer.Rates measurePeak(int threads, boolean wide) {
        try (ConcurrentTimer timer = new ConcurrentTimer(threads, t -> wide
                ? () -> sink += FmaPeak.run512(PEAK_STEPS, t)
                : () -> sink += FmaPeak.run(PEAK_STEPS, t))) {
            return gigaflops(timer.medianRates(WARMUP_SECONDS, RUN_SECONDS, RUNS),
                    wide ? FmaPeak.flops512(PEAK_STEPS) : FmaPeak.flops(PEAK_STEPS));
        }
    }

    private static ConcurrentTimer.Rates gigaflops(ConcurrentTimer.Rates repetitionsPerSecond, double flops) {
        return new ConcurrentTimer.Rates(repetitionsPerSecond.wall() * flops * 1e-9,
                repetitionsPerSecond.cpu() * flops * 1e-9, repetitionsPerSecond.bytesPerRepetition());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String cpuModel() throws IOException {
        Path cpuInfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuInfo)) {
            for (String line : Files.readAllLines(cpuInfo)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        return System.getProperty("os.arch");
    }
}
