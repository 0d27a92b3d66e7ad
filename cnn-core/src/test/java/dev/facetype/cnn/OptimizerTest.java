package dev.facetype.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.facetype.cnn.optim.Adam;
import dev.facetype.cnn.optim.LearningRateSchedule;
import dev.facetype.cnn.optim.Sgd;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Optimiser steps against values worked out by hand (see the comments for the arithmetic). */
class OptimizerTest {

    /** One weight (decayed) and one bias (not decayed), both starting at 1. */
    private static Parameters weightAndBias() {
        return new Parameters(List.of(
                new Parameters.Block("w", 0, 1, Shape.of(1), Parameters.Kind.WEIGHT),
                new Parameters.Block("b", 1, 1, Shape.of(1), Parameters.Kind.BIAS)), new float[] {1f, 1f});
    }

    @Test
    void sgdWithMomentumAndWeightDecay() {
        Parameters p = weightAndBias();
        Sgd sgd = new Sgd(LearningRateSchedule.constant(0.1), 0.9, 0.01);
        p.gradients()[0] = 0.5f;
        p.gradients()[1] = 0.5f;
        sgd.step(p);
        // w: g = 0.5 + 0.01*1 = 0.51, v = 0.51, w = 1 - 0.051 = 0.949; b: v = 0.5, b = 0.95
        assertEquals(0.949f, p.values()[0], 1e-6);
        assertEquals(0.95f, p.values()[1], 1e-6);
        sgd.step(p);
        // w: g = 0.5 + 0.00949, v = 0.9*0.51 + 0.50949 = 0.96849, w = 0.949 - 0.096849 = 0.852151
        // b: v = 0.45 + 0.5 = 0.95, b = 0.95 - 0.095 = 0.855
        assertEquals(0.852151f, p.values()[0], 1e-6);
        assertEquals(0.855f, p.values()[1], 1e-6);
        assertEquals(2, sgd.steps());
    }

    @Test
    void adamWithBiasCorrectionAndDecoupledDecay() {
        Parameters p = weightAndBias();
        Adam adam = new Adam(LearningRateSchedule.constant(0.1), 0.9, 0.999, 1e-8, 0.01);
        p.gradients()[0] = 0.5f;
        p.gradients()[1] = 0.5f;
        adam.step(p);
        // m = 0.05, v = 0.00025; corrected: 0.5 and 0.25, so the step is 0.1 * 0.5/0.5 = 0.1 (+ 0.1*0.01*w for w)
        assertEquals(0.899f, p.values()[0], 1e-6);
        assertEquals(0.9f, p.values()[1], 1e-6);
        p.gradients()[0] = -1f;
        p.gradients()[1] = -1f;
        adam.step(p);
        // m = 0.045 - 0.1 = -0.055, v = 0.00024975 + 0.001 = 0.00124975; mHat = -0.055/0.19 = -0.2894737,
        // vHat = 0.00124975/0.001999 = 0.6251876; step = 0.1 * -0.2894737/0.7906881 = -0.0366106
        assertEquals(0.899f + 0.0366106f - 0.1f * 0.01f * 0.899f, p.values()[0], 2e-6);
        assertEquals(0.9f + 0.0366106f, p.values()[1], 2e-6);
    }

    @Test
    void restoredOptimizerContinuesIdentically() {
        Parameters a = weightAndBias();
        Parameters b = weightAndBias();
        Adam first = Adam.withRate(0.01);
        a.gradients()[0] = 0.3f;
        first.step(a);
        Adam resumed = Adam.withRate(0.01);
        resumed.restore(first.steps(), List.of(first.state().get(0).clone(), first.state().get(1).clone()));
        System.arraycopy(a.values(), 0, b.values(), 0, 2);
        a.gradients()[0] = -0.7f;
        b.gradients()[0] = -0.7f;
        first.step(a);
        resumed.step(b);
        assertEquals(a.values()[0], b.values()[0]);
    }

    @Test
    void schedules() {
        LearningRateSchedule step = LearningRateSchedule.stepDecay(0.1, 10, 0.5);
        assertEquals(0.1, step.rate(0), 1e-12);
        assertEquals(0.1, step.rate(9), 1e-12);
        assertEquals(0.05, step.rate(10), 1e-12);
        assertEquals(0.025, step.rate(25), 1e-12);
        LearningRateSchedule cosine = LearningRateSchedule.cosine(1.0, 0.0, 10, 110);
        assertEquals(0.1, cosine.rate(0), 1e-12);
        assertEquals(1.0, cosine.rate(9), 1e-12);
        assertEquals(1.0, cosine.rate(10), 1e-12);
        assertEquals(0.5, cosine.rate(60), 1e-12);
        assertEquals(0.0, cosine.rate(110), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(-1));
    }
}
