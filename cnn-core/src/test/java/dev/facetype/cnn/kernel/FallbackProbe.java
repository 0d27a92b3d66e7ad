package dev.facetype.cnn.kernel;

/**
 * Run in a child JVM by {@link SgemmFallbackTest}: prints the kernel family Sgemm chose and whether a small
 * product matches the reference; with the argument {@code tile}, the register tile after the family.
 */
public final class FallbackProbe {

    private FallbackProbe() {
    }

    public static void main(String[] args) {
        float[] a = new float[7 * 5];
        float[] b = new float[5 * 19];
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 3 - 1;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = i % 5 - 2;
        }
        float[] fast = new float[7 * 19];
        float[] reference = new float[7 * 19];
        Sgemm.multiply(false, false, 7, 19, 5, a, 0, 5, b, 0, 19, false, fast, 0, 19, new GemmWorkspace());
        ReferenceSgemm.multiply(false, false, 7, 19, 5, a, 0, 5, b, 0, 19, false, reference, 0, 19);
        String tile = args.length > 0 && args[0].equals("tile") ? " " + Sgemm.tile() : "";
        System.out.println(Sgemm.implementation() + tile + " "
                + (java.util.Arrays.equals(fast, reference) ? "ok" : "wrong"));
    }
}
