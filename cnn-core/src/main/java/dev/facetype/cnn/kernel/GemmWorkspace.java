package dev.facetype.cnn.kernel;

/**
 * Packing buffers for one thread; allocate once per worker and reuse, so a training step allocates nothing.
 *
 * <p>The buffers start empty and grow to the largest block a call needs (bounded by the kernel's cache
 * blocking, not by the matrix size), so after the first call of each shape further calls allocate nothing.
 * A workspace must not be used by two threads at once.
 */
public final class GemmWorkspace {

    private float[] packedA = new float[0];
    private float[] packedB = new float[0];
    private float[] edgeTile = new float[0];
    private float[] kernelScratch = new float[0];
    private float[] rowPiece = new float[0];
    private final StoredB storedB = new StoredB();

    /** An empty workspace; it grows on first use. */
    public GemmWorkspace() {
    }

    /** The A block buffer, at least {@code size} floats. */
    float[] packedA(int size) {
        if (packedA.length < size) {
            packedA = new float[size];
        }
        return packedA;
    }

    /** The B block buffer, at least {@code size} floats. */
    float[] packedB(int size) {
        if (packedB.length < size) {
            packedB = new float[size];
        }
        return packedB;
    }

    /** Scratch for one register tile at the ragged right and bottom edges of C. */
    float[] edgeTile(int size) {
        if (edgeTile.length < size) {
            edgeTile = new float[size];
        }
        return edgeTile;
    }

    /** Scratch the micro-kernel itself may use (the plain-Java kernel keeps its accumulators here). */
    float[] kernelScratch(int size) {
        if (kernelScratch.length < size) {
            kernelScratch = new float[size];
        }
        return kernelScratch;
    }

    /** One row piece of a computed B ({@link MatrixRows}) before it is dealt out to the panels. */
    float[] rowPiece(int size) {
        if (rowPiece.length < size) {
            rowPiece = new float[size];
        }
        return rowPiece;
    }

    /** The packer for a stored B, reused so that a product allocates nothing. */
    StoredB storedB(boolean transB, float[] b, int bOffset, int ldb) {
        storedB.transB = transB;
        storedB.b = b;
        storedB.bOffset = bOffset;
        storedB.ldb = ldb;
        return storedB;
    }

    /** Floats currently held, for tests and diagnostics. */
    public long capacity() {
        return (long) packedA.length + packedB.length + edgeTile.length + kernelScratch.length + rowPiece.length;
    }

    /** Packs blocks of a B held in an array (plain or transposed). */
    static final class StoredB {
        boolean transB;
        float[] b;
        int bOffset;
        int ldb;
    }
}
