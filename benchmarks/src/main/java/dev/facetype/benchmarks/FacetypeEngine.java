package dev.facetype.benchmarks;

import dev.facetype.cnn.Network;
import dev.facetype.cnn.Trainer;
import dev.facetype.cnn.kernel.Sgemm;
import dev.facetype.cnn.optim.Adam;
import dev.facetype.cnn.parallel.ComputePool;

/** facetype's own engine on the study's network, with a compute pool of the given size. */
final class FacetypeEngine implements ComparedEngine {

    private final int threads;
    private final ComputePool pool;
    private final Network network;
    private final Trainer trainer;
    private final StudyBatch batch;

    FacetypeEngine(int threads, StudyBatch batch, long seed) {
        this.threads = threads;
        this.pool = ComputePool.create(threads);
        this.network = Network.create(StudyNetwork.spec(), seed, pool);
        this.trainer = new Trainer(network, Adam.withRate(1e-4));
        this.batch = batch;
    }

    @Override
    public String name() {
        return "facetype";
    }

    @Override
    public String details() {
        return "facetype " + version() + ", " + Sgemm.implementation() + " kernels, ComputePool of " + threads + " threads";
    }

    private static String version() {
        String version = Network.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }

    @Override
    public long parameterCount() {
        return network.parameters().count();
    }

    @Override
    public float trainStep() {
        return trainer.step(batch.images(), batch.labels()).loss();
    }

    @Override
    public void infer() {
        network.forward(batch.images(), false);
    }

    @Override
    public void close() {
        pool.close();
    }
}
