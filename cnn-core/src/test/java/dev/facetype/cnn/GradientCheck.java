package dev.facetype.cnn;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Central finite differences in double precision: perturbs each coordinate (or a seeded sample of them in
 * large arrays) by +-h and compares (f(x+h) - f(x-h)) / 2h with the analytic gradient.
 */
final class GradientCheck {

    private static final double STEP = 1e-6;
    private static final double TOLERANCE = 1e-6;
    private static final int MAX_COORDINATES = 400;

    private GradientCheck() {
    }

    /**
     * @param what     names the gradient in failure messages
     * @param loss     the scalar function; it reads {@code point}, which this method perturbs in place
     * @param point    where to check
     * @param analytic the gradient claimed at {@code point}
     */
    static void check(String what, ToDoubleFunction<double[]> loss, double[] point, double[] analytic) {
        if (analytic.length != point.length) {
            fail(what + ": gradient has " + analytic.length + " values for " + point.length + " coordinates");
        }
        SplittableRandom random = new SplittableRandom(17);
        int checks = Math.min(point.length, MAX_COORDINATES);
        for (int c = 0; c < checks; c++) {
            int i = point.length <= MAX_COORDINATES ? c : random.nextInt(point.length);
            double saved = point[i];
            point[i] = saved + STEP;
            double up = loss.applyAsDouble(point);
            point[i] = saved - STEP;
            double down = loss.applyAsDouble(point);
            point[i] = saved;
            double numeric = (up - down) / (2 * STEP);
            double error = Math.abs(numeric - analytic[i]) / Math.max(1.0, Math.abs(numeric) + Math.abs(analytic[i]));
            if (error > TOLERANCE) {
                fail(String.format("%s[%d]: analytic %.9g, finite difference %.9g (relative error %.2e)",
                        what, i, analytic[i], numeric, error));
            }
        }
    }

    /** sum(y * r): a loss whose gradient with respect to y is r. */
    static double dot(double[] y, double[] r) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += y[i] * r[i];
        }
        return sum;
    }

    static double[] gaussian(SplittableRandom random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }
}
