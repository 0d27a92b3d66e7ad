package dev.facetype.benchmarks;

import dev.facetype.cnn.Network;
import dev.facetype.cnn.Parameters;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.layer.Conv2D;
import dev.facetype.cnn.layer.Dense;
import dev.facetype.cnn.layer.Layer;
import dev.facetype.cnn.loss.SoftmaxCrossEntropy;
import dev.facetype.cnn.optim.Adam;
import dev.facetype.cnn.parallel.ComputePool;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a training step of the study's network spends its time in facetype: each layer's forward and
 * backward pass, the loss and the Adam update, timed one by one (CPU time of all the JVM's threads, which counts
 * the pool's workers, and wall time) over many steps on one batch of 32.
 *
 * <p>Options: {@code --threads N} (2), {@code --steps N} (30 timed, after 8 untimed).
 */
public final class LayerProfile {

    private static final int WARMUP_STEPS = 8;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Accumulated time of one piece of a step. */
    private static final class Part {
        final String name;
        final double flopsPerImage;
        long cpuNanos;
        long wallNanos;

        Part(String name, double flopsPerImage) {
            this.name = name;
            this.flopsPerImage = flopsPerImage;
        }
    }

    private LayerProfile() {
    }

    public static void main(String[] args) {
        int threads = 2;
        int steps = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + "; use --threads, --steps");
            }
        }
        StudyBatch batch = StudyBatch.random(42);
        try (ComputePool pool = ComputePool.create(threads)) {
            Network network = Network.create(StudyNetwork.spec(), 42, pool);
            List<Layer> layers = network.layers();
            List<Part> forward = new ArrayList<>();
            List<Part> backward = new ArrayList<>();
            for (Layer layer : layers) {
                double flops = multiplyAdds(layer) * 2.0;
                forward.add(new Part(layer.name() + " forward", flops));
                // The first layer needs no input gradient: one product instead of two.
                backward.add(new Part(layer.name() + " backward", layer == layers.get(0) ? flops : 2 * flops));
            }
            Part loss = new Part("softmax cross-entropy", 0);
            Part update = new Part("Adam update (" + String.format(Locale.ROOT, "%,d", network.parameters().count())
                    + " parameters)", 0);
            Part zero = new Part("zero gradients", 0);
            Adam adam = Adam.withRate(1e-4);
            SoftmaxCrossEntropy crossEntropy = new SoftmaxCrossEntropy();
            Parameters parameters = network.parameters();

            long stepWall = 0;
            long stepCpu = 0;
            for (int step = 0; step < WARMUP_STEPS + steps; step++) {
                boolean timed = step >= WARMUP_STEPS;
                long stepStartWall = System.nanoTime();
                long stepStartCpu = cpuNanos();
                Clock clock = new Clock(timed);
                parameters.zeroGradients();
                clock.charge(zero);
                Tensor x = batch.images();
                for (int i = 0; i < layers.size(); i++) {
                    x = layers.get(i).forward(x, true);
                    clock.charge(forward.get(i));
                }
                crossEntropy.forward(x, batch.labels());
                Tensor gradient = crossEntropy.backward();
                clock.charge(loss);
                for (int i = layers.size() - 1; i >= 0; i--) {
                    gradient = layers.get(i).backward(gradient, i > 0);
                    clock.charge(backward.get(i));
                }
                adam.step(parameters, network.pool());
                clock.charge(update);
                if (timed) {
                    stepWall += System.nanoTime() - stepStartWall;
                    stepCpu += cpuNanos() - stepStartCpu;
                }
            }

            List<Part> parts = new ArrayList<>();
            parts.add(zero);
            parts.addAll(forward);
            parts.add(loss);
            for (int i = backward.size() - 1; i >= 0; i--) {
                parts.add(backward.get(i));
            }
            parts.add(update);
            System.out.printf(Locale.ROOT, "facetype, study network, batch %d, %d threads (%s kernels, %s tile), "
                            + "%d steps; load average %.2f%n", StudyNetwork.BATCH, threads,
                    dev.facetype.cnn.kernel.Sgemm.implementation(), dev.facetype.cnn.kernel.Sgemm.tile(), steps,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.println("| part | ms per step (CPU) | ms per step (wall) | share of step (CPU) | GFLOP/s (CPU) |");
            System.out.println("|---|---:|---:|---:|---:|");
            for (Part part : parts) {
                double cpuMs = part.cpuNanos / 1e6 / steps;
                double wallMs = part.wallNanos / 1e6 / steps;
                String rate = part.flopsPerImage == 0 || cpuMs < 0.5 ? "" : String.format(Locale.ROOT, "%.1f",
                        part.flopsPerImage * StudyNetwork.BATCH / (cpuMs * 1e-3) * 1e-9);
                System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f %% | %s |%n", part.name, cpuMs, wallMs,
                        100.0 * part.cpuNanos / stepCpu, rate);
            }
            double cpuMs = stepCpu / 1e6 / steps;
            double wallMs = stepWall / 1e6 / steps;
            System.out.printf(Locale.ROOT, "| whole step | %.1f | %.1f | 100 %% | %.1f |%n", cpuMs, wallMs,
                    StudyNetwork.TRAINING_FLOPS * StudyNetwork.BATCH / (cpuMs * 1e-3) * 1e-9);
            System.out.printf(Locale.ROOT, "%.1f images/s by wall time; CPU time / wall time = %.2f cores busy%n",
                    StudyNetwork.BATCH / (wallMs * 1e-3), cpuMs / wallMs);
        }
    }

    /** Multiply-adds per image of a layer's forward pass (0 for layers without weights). */
    private static double multiplyAdds(Layer layer) {
        if (layer instanceof Conv2D || layer instanceof Dense) {
            int outputs = layer.outputShape().size();
            int perOutput = layer instanceof Dense
                    ? layer.inputShape().size()
                    : layer.inputShape().dim(0) * 25;
            return (double) outputs * perOutput;
        }
        return 0;
    }

    /**
     * CPU time of every live JVM thread: the caller and the pool's workers run the layers. Summed per thread
     * because the JDK reads the process's CPU time in 10 ms ticks, too coarse for a 1 ms layer.
     */
    private static long cpuNanos() {
        long total = 0;
        for (long cpu : THREADS.getThreadCpuTime(THREADS.getAllThreadIds())) {
            total += Math.max(0, cpu);
        }
        return total;
    }

    /** Charges the time since the last charge to a part. */
    private static final class Clock {
        private final boolean timed;
        private long wall = System.nanoTime();
        private long cpu = cpuNanos();

        Clock(boolean timed) {
            this.timed = timed;
        }

        void charge(Part part) {
            long nowWall = System.nanoTime();
            long nowCpu = cpuNanos();
            if (timed) {
                part.wallNanos += nowWall - wall;
                part.cpuNanos += nowCpu - cpu;
            }
            wall = nowWall;
            cpu = nowCpu;
        }
    }
}
