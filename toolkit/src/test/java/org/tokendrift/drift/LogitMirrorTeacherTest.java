package org.tokendrift.drift;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tokendrift.testing.GradientCheck;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogitMirrorTeacherTest {

    private static final boolean[][] ONE_PREDICTED = {{true}};

    @Test
    void klMatchesHandComputedValueAndGradient() {
        // l = (0, 0), g = (1, 0), eta = ln 3: p = (1/2, 1/2), p* = (3/4, 1/4), B = 1.
        LogitMirrorTeacher kl = new LogitMirrorTeacher(LogitMirrorTeacher.Divergence.KL, Math.log(3), -1);
        LogitMirrorTeacher.Result r = kl.evaluate(Nd4j.createFromArray(new double[][]{{0, 0}}),
                Nd4j.createFromArray(new double[][]{{1, 0}}), ONE_PREDICTED);
        assertEquals(0.75 * Math.log(1.5) + 0.25 * Math.log(0.5), r.value(), 1e-15);
        assertArrayEquals(new double[]{-0.25, 0.25}, r.dLogits().getRow(0).toDoubleVector(), 1e-15);
        assertEquals(Math.log(3), r.meanTargetShift(), 1e-15);
    }

    @Test
    void mseIsSquaredStepWithGradientMinusTwoEtaGOverB() {
        // B = 2, L = 1; sequence 1 not predicted. Class 2 excluded with a -infinity logit.
        INDArray logits = Nd4j.createFromArray(new double[][]{{1, 2, Double.NEGATIVE_INFINITY}, {0, 0, 0}});
        INDArray g = Nd4j.createFromArray(new double[][]{{3, -1, 0}, {5, 5, 5}});
        boolean[][] predicted = {{true}, {false}};
        LogitMirrorTeacher mse = new LogitMirrorTeacher(LogitMirrorTeacher.Divergence.MSE, 0.5, 2);
        LogitMirrorTeacher.Result r = mse.evaluate(logits, g, predicted);
        assertEquals(0.25 * (9 + 1) / 2, r.value(), 1e-15);
        assertArrayEquals(new double[]{-2 * 0.5 * 3 / 2, -2 * 0.5 * -1 / 2, 0}, r.dLogits().getRow(0).toDoubleVector(), 1e-15);
        assertArrayEquals(new double[]{0, 0, 0}, r.dLogits().getRow(1).toDoubleVector(), 0.0);
    }

    @Test
    void klGradientMatchesFiniteDifferencesWithTheTargetFrozen() {
        Random rnd = new Random(51);
        int batch = 2, seqLen = 3, vocab = 5, mask = 4;
        INDArray logits = GradientCheck.gaussian(rnd, batch * seqLen, vocab, 1.5);
        INDArray g = GradientCheck.gaussian(rnd, batch * seqLen, vocab, 1.0);
        boolean[][] predicted = {{true, false, true}, {true, true, false}};
        LogitMirrorTeacher kl = new LogitMirrorTeacher(LogitMirrorTeacher.Divergence.KL, 0.8, mask);
        INDArray target = logits.add(g.mul(0.8));
        LogitMirrorTeacher.Result r = kl.evaluate(logits, g, predicted);
        double[][] numeric = GradientCheck.numericGradient(logits, x -> kl.divergence(x, target, predicted).value());
        GradientCheck.assertClose(numeric, r.dLogits().toDoubleMatrix(), 1e-7, "dLogits");
        for (int row = 0; row < batch * seqLen; row++) {
            assertEquals(0.0, r.dLogits().getDouble(row, mask), 0.0, "excluded class");
        }
        assertEquals(0.0, r.dLogits().getRow(1).norm2Number().doubleValue(), 0.0, "non-predicted row");
        assertTrue(r.value() > 0);
    }

    /** Prop. D.3: no drift, no teacher signal. */
    @Test
    void zeroPullbackGivesZeroLossAndGradient() {
        Random rnd = new Random(52);
        INDArray logits = GradientCheck.gaussian(rnd, 4, 6, 1.0);
        boolean[][] predicted = PredictedPositions.all(2, 2);
        for (LogitMirrorTeacher.Divergence d : LogitMirrorTeacher.Divergence.values()) {
            LogitMirrorTeacher.Result r = new LogitMirrorTeacher(d, 2.0, -1).evaluate(logits, logits.mul(0), predicted);
            assertEquals(0.0, r.value(), 1e-15, d.name());
            assertEquals(0.0, r.dLogits().norm2Number().doubleValue(), 1e-15, d.name());
        }
    }

    /** For small eta the KL teacher's gradient is -eta (softmax Jacobian) g / B: feature drift up to scale. */
    @Test
    void smallStepKlGradientIsTheLinearisedFeatureGradient() {
        Random rnd = new Random(53);
        INDArray logits = GradientCheck.gaussian(rnd, 2, 4, 1.0);
        INDArray g = GradientCheck.gaussian(rnd, 2, 4, 1.0);
        double eta = 1e-5;
        boolean[][] predicted = {{true, true}};
        INDArray d = new LogitMirrorTeacher(LogitMirrorTeacher.Divergence.KL, eta, -1).evaluate(logits, g, predicted).dLogits();
        double[][] l = logits.toDoubleMatrix();
        double[][] gg = g.toDoubleMatrix();
        for (int r = 0; r < 2; r++) {
            double[] p = softmax(l[r]);
            double pg = 0;
            for (int v = 0; v < 4; v++) {
                pg += p[v] * gg[r][v];
            }
            for (int v = 0; v < 4; v++) {
                assertEquals(-eta * p[v] * (gg[r][v] - pg), d.getDouble(r, v), 10 * eta * eta); // O(eta^2) remainder
            }
        }
    }

    private static double[] softmax(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.exp(x[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < x.length; i++) {
            out[i] /= sum;
        }
        return out;
    }
}
