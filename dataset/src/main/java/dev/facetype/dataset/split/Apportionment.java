package dev.facetype.dataset.split;

/** Whole numbers in proportion: the largest-remainder (Hamilton) method. */
public final class Apportionment {

    private Apportionment() {
    }

    /**
     * Splits {@code total} over groups in proportion to {@code sizes} so that no group gets more than its size:
     * each gets the floor of its exact share, and the leftovers go to the largest remainders (ties to the
     * earlier group).
     *
     * @throws IllegalArgumentException if {@code total} exceeds the sum of the sizes
     */
    public static int[] largestRemainder(int[] sizes, int total) {
        long sum = 0;
        for (int size : sizes) {
            sum += size;
        }
        if (total < 0 || total > sum) {
            throw new IllegalArgumentException("cannot give " + total + " out of " + sum);
        }
        int[] shares = new int[sizes.length];
        double[] remainders = new double[sizes.length];
        int given = 0;
        for (int i = 0; i < sizes.length; i++) {
            double exact = sum == 0 ? 0 : (double) sizes[i] * total / sum;
            shares[i] = (int) Math.floor(exact);
            remainders[i] = exact - shares[i];
            given += shares[i];
        }
        while (given < total) {
            int best = -1;
            for (int i = 0; i < sizes.length; i++) {
                if (shares[i] < sizes[i] && (best < 0 || remainders[i] > remainders[best])) {
                    best = i;
                }
            }
            shares[best]++;
            remainders[best] = -1;
            given++;
        }
        return shares;
    }
}
