package org.tokendrift.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** AdamW, clipping, schedule and EMA against values computed by hand from their formulas. */
class OptimisationTest {
    private static ParameterStore store(double... values) {
        ParameterStore s = new ParameterStore(DataType.DOUBLE, true, 0);
        s.constant("w", 0.0, values.length).assign(Nd4j.createFromArray(values));
        return s;
    }

    @Test
    void adamWMatchesHandComputedSteps() {
        ParameterStore s = store(1.0, -2.0);
        AdamW opt = new AdamW(AdamWConfig.builder().beta1(0.9).beta2(0.999).eps(1e-8).weightDecay(0.01).build(), s);
        double lr = 0.1;
        double[] p = {1.0, -2.0};
        double[] m = new double[2], v = new double[2];
        double[][] grads = {{0.5, -0.1}, {-0.2, 0.3}};
        for (int t = 1; t <= 2; t++) {
            s.gradOf("w").assign(Nd4j.createFromArray(grads[t - 1]));
            opt.step(lr);
            for (int i = 0; i < 2; i++) {
                double g = grads[t - 1][i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                double mHat = m[i] / (1 - Math.pow(0.9, t));
                double vHat = v[i] / (1 - Math.pow(0.999, t));
                p[i] = p[i] * (1 - lr * 0.01) - lr * mHat / (Math.sqrt(vHat) + 1e-8);
            }
            INDArray w = s.require("w").value();
            assertEquals(p[0], w.getDouble(0), 1e-12, "step " + t);
            assertEquals(p[1], w.getDouble(1), 1e-12, "step " + t);
            assertEquals(0.0, s.gradOf("w").amaxNumber().doubleValue(), 0.0, "gradients are cleared after a step");
        }
    }

    @Test
    void globalNormClippingScalesAllGradients() {
        ParameterStore s = new ParameterStore(DataType.DOUBLE, true, 0);
        s.constant("a", 0.0, 2);
        s.constant("b", 0.0, 1);
        s.gradOf("a").assign(Nd4j.createFromArray(3.0, 0.0));
        s.gradOf("b").assign(Nd4j.createFromArray(4.0));
        double norm = GradientClipping.clipGlobalNorm(s, 1.0);
        assertEquals(5.0, norm, 1e-12);
        assertEquals(3.0 / (5.0 + 1e-6), s.gradOf("a").getDouble(0), 1e-12);
        assertEquals(4.0 / (5.0 + 1e-6), s.gradOf("b").getDouble(0), 1e-12);
        assertEquals(1.0, GradientClipping.clipGlobalNorm(s, 2.0), 1e-6, "below the limit nothing changes");
    }

    @Test
    void warmupThenConstant() {
        WarmupConstantSchedule s = new WarmupConstantSchedule(1e-3, 4);
        assertEquals(0.25e-3, s.learningRate(0), 1e-15);
        assertEquals(0.75e-3, s.learningRate(2), 1e-15);
        assertEquals(1e-3, s.learningRate(3), 1e-15);
        assertEquals(1e-3, s.learningRate(1000), 1e-15);
        assertEquals(1e-3, new WarmupConstantSchedule(1e-3, 0).learningRate(0), 0.0);
        assertThrows(IllegalArgumentException.class, () -> new WarmupConstantSchedule(-1, 4));
    }

    @Test
    void emaWarmupRuleAndSwap() {
        assertEquals(2.0 / 11.0, ExponentialMovingAverage.decayAt(0.9999, 1), 1e-15);
        assertEquals(0.9999, ExponentialMovingAverage.decayAt(0.9999, 10_000_000), 0.0);
        ParameterStore s = store(0.0);
        ExponentialMovingAverage ema = new ExponentialMovingAverage(s, 0.9);
        INDArray w = s.require("w").value();
        double shadow = 0.0;
        for (int n = 1; n <= 30; n++) {
            w.assign(n);
            ema.update();
            double d = Math.min(0.9, (1.0 + n) / (10.0 + n));
            shadow = d * shadow + (1 - d) * n;
        }
        try (var swap = ema.swapIn()) {
            assertEquals(shadow, w.getDouble(0), 1e-12, "EMA weights are in the model during evaluation");
        }
        assertEquals(30.0, w.getDouble(0), 0.0, "live weights are restored after the swap");
    }
}
