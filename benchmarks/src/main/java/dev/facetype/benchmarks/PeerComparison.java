package dev.facetype.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * facetype side by side with other engines in one JVM: the study's network (64x64x3, conv 5x5x32 same + ReLU,
 * max-pool 2, conv 5x5x64 same + ReLU, max-pool 2, dense 1024 + ReLU, dense 4, softmax cross-entropy, Adam,
 * batch 32, float32), training steps and inference, every engine on the same number of threads.
 *
 * <p>The peers (TensorFlow Java, DJL with PyTorch) are compiled only by the {@code peers} Maven profile; built
 * without it the program measures facetype alone and says so. After a warm-up, each of the rounds runs every
 * engine for about the same time, one after another, starting with a different engine each round, so a load
 * change on this shared machine hits all of them alike; the figures are medians over the rounds. Two clocks:
 * images per wall second, what a user waits for, and images per CPU second of the whole process, which stays
 * meaningful when other processes take cores away (native pool threads count too).
 *
 * <p>Options: {@code --threads N} (2), {@code --rounds N} (5), {@code --round-seconds S} (3 per engine and
 * pass), {@code --warmup-seconds S} (12 per engine), {@code --plot FILE.png}, {@code --engines a,b} (of
 * facetype, tensorflow, djl).
 */
public final class PeerComparison {

    private static final long SEED = 42;

    private enum Pass { TRAINING, INFERENCE }

    /** What one engine measured in one pass of one round. */
    private record Sample(double wallImagesPerSecond, double cpuImagesPerSecond) {
    }

    /** An engine and its rounds. */
    private static final class Entry {
        final ComparedEngine engine;
        final int[] batchesPerRound = new int[Pass.values().length];
        final List<List<Sample>> samples = List.of(new ArrayList<>(), new ArrayList<>());
        float firstLoss;
        float lastLoss;

        Entry(ComparedEngine engine) {
            this.engine = engine;
        }

        double median(Pass pass, boolean cpu) {
            double[] values = samples.get(pass.ordinal()).stream()
                    .mapToDouble(s -> cpu ? s.cpuImagesPerSecond() : s.wallImagesPerSecond()).toArray();
            Arrays.sort(values);
            return values.length == 0 ? Double.NaN : values[values.length / 2];
        }
    }

    private PeerComparison() {
    }

    public static void main(String[] args) throws IOException {
        int threads = 2;
        int rounds = 5;
        double roundSeconds = 3;
        double warmupSeconds = 12;
        Path plot = null;
        List<String> wanted = List.of("facetype", "tensorflow", "djl");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--round-seconds" -> roundSeconds = Double.parseDouble(args[++i]);
                case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(args[++i]);
                case "--plot" -> plot = Paths.get(args[++i]);
                case "--engines" -> wanted = List.of(args[++i].toLowerCase(Locale.ROOT).split(","));
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; use --threads, --rounds, --round-seconds, --warmup-seconds, --plot, --engines");
            }
        }
        if (wanted.contains("djl")) {
            // Before any engine loads: PyTorch sizes its pools once, from these properties.
            Optional<Class<?>> djl = peerClass("DjlPyTorchEngine");
            if (djl.isPresent()) {
                callConfigure(djl.get(), threads);
            }
        }
        MachineInfo machine = MachineInfo.now();
        System.out.println("Study network, batch " + StudyNetwork.BATCH + ", float32, " + threads + " threads");
        System.out.println(machine.describe());
        StudyBatch batch = StudyBatch.random(SEED);

        List<Entry> entries = new ArrayList<>();
        if (wanted.contains("facetype")) {
            entries.add(new Entry(new FacetypeEngine(threads, batch, SEED)));
        }
        boolean tensorFlowWanted = wanted.contains("tensorflow");
        if (tensorFlowWanted) {
            load("TensorFlowEngine", threads, batch).ifPresent(e -> entries.add(new Entry(e)));
        }
        if (wanted.contains("djl")) {
            load("DjlPyTorchEngine", threads, batch).ifPresent(e -> entries.add(new Entry(e)));
        }
        for (Entry entry : entries) {
            System.out.printf(Locale.ROOT, "  %-16s %s; %,d parameters%n", entry.engine.name(),
                    entry.engine.details(), entry.engine.parameterCount());
        }

        try {
            warmUp(entries, warmupSeconds, roundSeconds);
            for (int round = 0; round < rounds; round++) {
                for (Pass pass : Pass.values()) {
                    for (int i = 0; i < entries.size(); i++) {
                        Entry entry = entries.get((i + round) % entries.size());
                        entry.samples.get(pass.ordinal()).add(measure(entry, pass, entry.batchesPerRound[pass.ordinal()]));
                    }
                }
                System.out.printf(Locale.ROOT, "  round %d of %d done, load average %.2f%n", round + 1, rounds,
                        MachineInfo.currentLoadAverage());
            }
        } finally {
            for (Entry entry : entries) {
                entry.engine.close();
            }
        }
        double loadAfter = MachineInfo.currentLoadAverage();

        System.out.println();
        System.out.printf(Locale.ROOT, "Medians of %d rounds, load average %.2f before and %.2f after (%d cores)%n",
                rounds, machine.loadAverage(), loadAfter, machine.cores());
        System.out.println("| engine | threads | training images/s | training images/CPU-s | inference images/s "
                + "| inference images/CPU-s | loss first -> last step |");
        System.out.println("|---|---:|---:|---:|---:|---:|---|");
        for (Entry entry : entries) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.3f -> %.3f |%n",
                    entry.engine.name(), threads,
                    entry.median(Pass.TRAINING, false), entry.median(Pass.TRAINING, true),
                    entry.median(Pass.INFERENCE, false), entry.median(Pass.INFERENCE, true),
                    entry.firstLoss, entry.lastLoss);
        }
        System.out.println("(images/CPU-s: images per second of CPU time used by the whole process while that engine ran;"
                + " with " + threads + " threads the best possible wall rate is about " + threads + " times it)");
        if (plot != null) {
            ThroughputPlot.write(plot, entries.stream()
                    .map(e -> new ThroughputPlot.Bar(e.engine.name(), e.median(Pass.TRAINING, false),
                            e.median(Pass.INFERENCE, false)))
                    .toList(), "Study network, batch 32, " + threads + " threads: images/s (median of " + rounds + " rounds)");
            System.out.println("Plot written to " + plot);
        }

        Optional<Entry> facetype = entries.stream().filter(e -> e.engine instanceof FacetypeEngine).findFirst();
        Optional<Entry> tensorFlow = entries.stream().filter(e -> e.engine.name().startsWith("TensorFlow")).findFirst();
        if (facetype.isEmpty() || tensorFlow.isEmpty()) {
            System.out.println(tensorFlowWanted && facetype.isPresent()
                    ? "No ratio: TensorFlow Java is not on the class path (build with -Ppeers)."
                    : "No ratio: both facetype and tensorflow must be among --engines.");
            return;
        }
        Entry f = facetype.get();
        Entry t = tensorFlow.get();
        for (Entry other : entries) {
            if (other != f) {
                System.out.printf(Locale.ROOT, "facetype vs %s: training %.2fx, inference %.2fx by wall time; "
                                + "%.2fx and %.2fx by CPU time%n", other.engine.name(),
                        ratio(f, other, Pass.TRAINING, false), ratio(f, other, Pass.INFERENCE, false),
                        ratio(f, other, Pass.TRAINING, true), ratio(f, other, Pass.INFERENCE, true));
            }
        }
        System.out.printf(Locale.ROOT, "train ratio vs TensorFlow: %.2f, inference ratio: %.2f%n",
                ratio(f, t, Pass.TRAINING, false), ratio(f, t, Pass.INFERENCE, false));
    }

    private static double ratio(Entry a, Entry b, Pass pass, boolean cpu) {
        return a.median(pass, cpu) / b.median(pass, cpu);
    }

    /**
     * Runs each engine for {@code warmupSeconds} (training, then a quarter of it inference) and sizes its rounds
     * so that each pass takes about {@code roundSeconds}.
     */
    private static void warmUp(List<Entry> entries, double warmupSeconds, double roundSeconds) {
        for (Entry entry : entries) {
            long start = System.nanoTime();
            entry.firstLoss = entry.engine.trainStep();
            int steps = 1;
            while (steps < 5 || System.nanoTime() - start < warmupSeconds * 1e9) {
                entry.engine.trainStep();
                steps++;
            }
            entry.batchesPerRound[Pass.TRAINING.ordinal()] = batchesFor(measure(entry, Pass.TRAINING, 3), roundSeconds);
            start = System.nanoTime();
            int batches = 0;
            while (batches < 5 || System.nanoTime() - start < warmupSeconds * 0.25e9) {
                entry.engine.infer();
                batches++;
            }
            entry.batchesPerRound[Pass.INFERENCE.ordinal()] = batchesFor(measure(entry, Pass.INFERENCE, 5), roundSeconds);
            System.out.printf(Locale.ROOT, "  warmed up %s: %d training steps; rounds of %d steps and %d inference batches%n",
                    entry.engine.name(), steps + 3, entry.batchesPerRound[0], entry.batchesPerRound[1]);
        }
    }

    private static int batchesFor(Sample sample, double seconds) {
        return Math.max(2, (int) Math.round(seconds * sample.wallImagesPerSecond() / StudyNetwork.BATCH));
    }

    private static Sample measure(Entry entry, Pass pass, int batches) {
        long cpuStart = MachineInfo.processCpuNanos();
        long start = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            if (pass == Pass.TRAINING) {
                entry.lastLoss = entry.engine.trainStep();
            } else {
                entry.engine.infer();
            }
        }
        long wall = System.nanoTime() - start;
        long cpu = MachineInfo.processCpuNanos() - cpuStart;
        double images = (double) batches * StudyNetwork.BATCH;
        return new Sample(images / (wall * 1e-9), images / (cpu * 1e-9));
    }

    private static Optional<Class<?>> peerClass(String simpleName) {
        try {
            return Optional.of(Class.forName(PeerComparison.class.getPackageName() + "." + simpleName));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    private static void callConfigure(Class<?> engineClass, int threads) {
        try {
            engineClass.getDeclaredMethod("configure", int.class).invoke(null, threads);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot configure " + engineClass.getSimpleName(), e);
        }
    }

    /** A peer engine if it was compiled in (-Ppeers) and starts here; otherwise says why and goes on without it. */
    private static Optional<ComparedEngine> load(String simpleName, int threads, StudyBatch batch) {
        Optional<Class<?>> engineClass = peerClass(simpleName);
        if (engineClass.isEmpty()) {
            System.out.println("  " + simpleName + " is not compiled in: build with -Ppeers to compare with it.");
            return Optional.empty();
        }
        try {
            return Optional.of((ComparedEngine) engineClass.get()
                    .getDeclaredConstructor(int.class, StudyBatch.class, long.class)
                    .newInstance(threads, batch, SEED));
        } catch (InvocationTargetException e) {
            System.out.println("  " + simpleName + " failed to start, left out: " + e.getCause());
            return Optional.empty();
        } catch (ReflectiveOperationException | LinkageError e) {
            System.out.println("  " + simpleName + " failed to start, left out: " + e);
            return Optional.empty();
        }
    }

    /** The machine, JDK and load, as printed at the top of the report. */
    record MachineInfo(String cpu, int cores, String jvm, double loadAverage) {

        static MachineInfo now() {
            String cpu = "unknown CPU";
            try {
                cpu = Files.readAllLines(Paths.get("/proc/cpuinfo")).stream()
                        .filter(line -> line.startsWith("model name"))
                        .map(line -> line.substring(line.indexOf(':') + 1).trim())
                        .findFirst().orElse(cpu);
            } catch (IOException | RuntimeException e) {
                // not Linux: the CPU stays unnamed
            }
            return new MachineInfo(cpu, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"), currentLoadAverage());
        }

        String describe() {
            return String.format(Locale.ROOT, "%s, %d cores; %s; load average %.2f", cpu, cores, jvm, loadAverage);
        }

        static double currentLoadAverage() {
            return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }

        /** CPU time of every thread of this process, native pools included. */
        static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }
}
