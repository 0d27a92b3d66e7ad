package dev.facetype.dataset.split;

import java.util.SplittableRandom;

/**
 * Puts indivisible units (a person, or a photo with its copies) on the sides of a split so that every type
 * gets close to the requested fractions on every side: a stratified group split.
 *
 * <p>The units are visited in a seeded random order; each goes to the side where it brings the per-type
 * counts closest to their targets (least squared deviation summed over types and sides). When each unit holds
 * one type, this stratifies units per type; when a unit spans types (a person photographed with every
 * expression), it still balances them. The seed decides the outcome, which is the same on every run.
 */
public final class SideAssigner {

    private SideAssigner() {
    }

    /**
     * @param unitCounts {@code unitCounts[u][t]}: samples of type {@code t} in unit {@code u}
     * @param fractions  the share of each side (summing to 1); a side with share 0 gets nothing
     * @param random     decides the order of the units
     * @return the side of each unit
     */
    public static int[] assign(int[][] unitCounts, double[] fractions, SplittableRandom random) {
        int units = unitCounts.length;
        int types = units == 0 ? 0 : unitCounts[0].length;
        int sides = fractions.length;
        double[][] target = new double[sides][types];
        for (int[] counts : unitCounts) {
            for (int t = 0; t < types; t++) {
                for (int s = 0; s < sides; s++) {
                    target[s][t] += counts[t] * fractions[s];
                }
            }
        }
        int[] order = new int[units];
        for (int i = 0; i < units; i++) {
            order[i] = i;
        }
        for (int i = units - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        double[][] assigned = new double[sides][types];
        int[] side = new int[units];
        for (int u : order) {
            int best = -1;
            double bestCost = Double.POSITIVE_INFINITY;
            for (int s = 0; s < sides; s++) {
                if (fractions[s] <= 0) {
                    continue;
                }
                // Change of sum over types of (assigned - target)^2 on side s when the unit joins it; the
                // other sides are unchanged.
                double cost = 0;
                for (int t = 0; t < types; t++) {
                    int c = unitCounts[u][t];
                    cost += c * (2 * (assigned[s][t] - target[s][t]) + c);
                }
                if (cost < bestCost - 1e-9) {
                    bestCost = cost;
                    best = s;
                }
            }
            side[u] = best;
            for (int t = 0; t < types; t++) {
                assigned[best][t] += unitCounts[u][t];
            }
        }
        return side;
    }
}
