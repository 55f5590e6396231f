package org.tokendrift.diffusion;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CategoricalTest {

    @Test
    void inverseCdfResolvesProbabilitiesFarBelowFloat32Resolution() {
        // A float32 uniform is a multiple of 2^-24 ≈ 6e-8; a class of probability 1e-16 needs u < 1e-16.
        double[] w = {1e-16, 1.0};
        assertEquals(0, Categorical.sampleWithUniform(w, 0, 2, 5e-17));
        assertEquals(1, Categorical.sampleWithUniform(w, 0, 2, 2e-16));
        assertEquals(1, Categorical.sampleWithUniform(w, 0, 2, Math.nextDown(1.0)));
    }

    @Test
    void zeroWeightsAreNeverDrawnEvenAtTheTopOfTheUnitInterval() {
        double[] w = {0.0, 0.5, 0.5, 0.0};
        assertEquals(1, Categorical.sampleWithUniform(w, 0, 4, 0.0));
        assertEquals(2, Categorical.sampleWithUniform(w, 0, 4, Math.nextDown(1.0)));
        assertEquals(2, Categorical.sampleWithUniform(w, 0, 4, 0.5));
    }

    @Test
    void frequenciesMatchTheNormalisedWeights() {
        double[] w = {0.3, 0.0, 2.0, 0.7, 1.0, 0.05};
        double total = 4.05;
        double[] p = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            p[i] = w[i] / total;
        }
        long[] counts = new long[w.length];
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            counts[Categorical.sample(w, 0, w.length, rng)]++;
        }
        assertTrue(ChiSquare.consistent(counts, p), ChiSquare.describe(counts, p));
        // The same test rejects a wrong distribution, so it can fail.
        double[] wrong = {0.3 / 4.0, 0.0, 1.95 / 4.0, 0.7 / 4.0, 1.0 / 4.0, 0.05 / 4.0};
        assertTrue(!ChiSquare.consistent(counts, wrong), ChiSquare.describe(counts, wrong));
    }

    @Test
    void rejectsInvalidWeights() {
        assertThrows(IllegalArgumentException.class, () -> Categorical.sampleWithUniform(new double[] {0.5, -0.1}, 0, 2, 0.3));
        assertThrows(IllegalArgumentException.class, () -> Categorical.sampleWithUniform(new double[] {0.0, 0.0}, 0, 2, 0.3));
        assertThrows(IllegalArgumentException.class, () -> Categorical.sampleWithUniform(new double[] {Double.NaN, 1}, 0, 2, 0.3));
    }

    @Test
    void argmaxTakesTheFirstMaximum() {
        assertEquals(1, Categorical.argmax(new double[] {9, 0.1, 0.7, 0.7, 0.1}, 1, 4));
    }

    @Test
    void rowSoftmaxIsStablePerRowAndGivesExcludedClassesZero() {
        INDArray logits = Nd4j.createFromArray(new double[][] {
                {1000, 999, 0, Double.NEGATIVE_INFINITY},
                {-5000, -5001, -5002, -5003}});
        INDArray p = RowSoftmax.softmax(logits);
        double e1 = Math.exp(-1);
        assertEquals(1 / (1 + e1 + Math.exp(-1000)), p.getDouble(0, 0), 1e-15);
        assertEquals(0.0, p.getDouble(0, 3), 0.0);
        double z = 1 + e1 + Math.exp(-2) + Math.exp(-3);
        for (int v = 0; v < 4; v++) {
            assertEquals(Math.exp(-v) / z, p.getDouble(1, v), 1e-15, "row 1 class " + v);
        }
        INDArray logP = RowSoftmax.logSoftmax(logits);
        assertEquals(-1 - Math.log1p(e1), logP.getDouble(0, 1), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, logP.getDouble(0, 3), 0.0);
    }
}
