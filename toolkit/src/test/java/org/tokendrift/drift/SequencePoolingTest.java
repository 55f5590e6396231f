package org.tokendrift.drift;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tokendrift.testing.GradientCheck;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequencePoolingTest {

    @Test
    void poolsMeansOfBothLayersConcatenatesAndNormalises() {
        // B = 2, L = 2, d = 2. Sequence 0: pen means (2, 0), last means (0, 0) -> z = (2,0,0,0) -> h = e1.
        // Sequence 1: pen means (1, 1), last means (1, 1) -> z = (1,1,1,1) -> h = (1/2, 1/2, 1/2, 1/2).
        INDArray pen = Nd4j.createFromArray(new double[][]{{1, -1}, {3, 1}, {0, 2}, {2, 0}});
        INDArray last = Nd4j.createFromArray(new double[][]{{1, 0}, {-1, 0}, {1, 3}, {1, -1}});
        double[][] h = new SequencePooling(PooledLayers.PENULTIMATE_AND_LAST, true).pool(pen, last, 2).features();
        assertArrayEquals(new double[]{1, 0, 0, 0}, h[0], 1e-15);
        assertArrayEquals(new double[]{0.5, 0.5, 0.5, 0.5}, h[1], 1e-15);
        double[][] raw = new SequencePooling(PooledLayers.PENULTIMATE_AND_LAST, false).pool(pen, last, 2).features();
        assertArrayEquals(new double[]{2, 0, 0, 0}, raw[0], 1e-15);
        double[][] lastOnly = new SequencePooling(PooledLayers.LAST, true).pool(null, last, 2).features();
        assertArrayEquals(new double[]{Math.sqrt(0.5), Math.sqrt(0.5)}, lastOnly[1], 1e-15);
    }

    @Test
    void backwardMatchesFiniteDifferencesForEveryVariant() {
        Random rnd = new Random(21);
        int batch = 3, seqLen = 4, d = 3;
        for (PooledLayers layers : PooledLayers.values()) {
            for (boolean normalise : new boolean[]{true, false}) {
                SequencePooling pooling = new SequencePooling(layers, normalise);
                INDArray pen = GradientCheck.gaussian(rnd, batch * seqLen, d, 1.0);
                INDArray last = GradientCheck.gaussian(rnd, batch * seqLen, d, 1.0);
                double[][] probe = GradientCheck.gaussian(rnd, batch, pooling.featureDim(d), 1.0).toDoubleMatrix();
                SequencePooling.HiddenGradients g = pooling.pool(pen, last, batch).backward(probe);
                String name = layers + (normalise ? "+L2" : "");
                GradientCheck.assertClose(GradientCheck.numericGradient(last,
                                x -> dot(pooling.pool(pen, x, batch).features(), probe)),
                        g.dLast().toDoubleMatrix(), 1e-7, name + " dLast");
                if (layers == PooledLayers.PENULTIMATE_AND_LAST) {
                    GradientCheck.assertClose(GradientCheck.numericGradient(pen,
                                    x -> dot(pooling.pool(x, last, batch).features(), probe)),
                            g.dPenultimate().toDoubleMatrix(), 1e-7, name + " dPenultimate");
                } else {
                    assertNull(g.dPenultimate());
                }
            }
        }
    }

    @Test
    void gradientAlongTheFeatureItselfVanishesAfterNormalisation() {
        // h = z/||z|| is scale invariant, so a gradient dh = h produces no hidden-state gradient.
        Random rnd = new Random(22);
        INDArray pen = GradientCheck.gaussian(rnd, 6, 2, 1.0);
        INDArray last = GradientCheck.gaussian(rnd, 6, 2, 1.0);
        SequencePooling.Pooled pooled = new SequencePooling(PooledLayers.PENULTIMATE_AND_LAST, true).pool(pen, last, 2);
        SequencePooling.HiddenGradients g = pooled.backward(pooled.features());
        assertEquals(0.0, g.dLast().norm2Number().doubleValue(), 1e-14);
        assertEquals(0.0, g.dPenultimate().norm2Number().doubleValue(), 1e-14);
    }

    @Test
    void keepsTheHiddenStatesDataTypeForGradients() {
        INDArray pen = Nd4j.rand(DataType.FLOAT, 4, 3);
        INDArray last = Nd4j.rand(DataType.FLOAT, 4, 3);
        SequencePooling.Pooled pooled = new SequencePooling(PooledLayers.PENULTIMATE_AND_LAST, true).pool(pen, last, 2);
        assertEquals(1.0, Math.sqrt(DriftFieldTest.dot(pooled.features()[0], pooled.features()[0])), 1e-12);
        SequencePooling.HiddenGradients g = pooled.backward(new double[][]{{1, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 1}});
        assertEquals(DataType.FLOAT, g.dLast().dataType());
        assertEquals(DataType.FLOAT, g.dPenultimate().dataType());
    }

    @Test
    void rejectsInconsistentShapes() {
        SequencePooling pooling = new SequencePooling(PooledLayers.PENULTIMATE_AND_LAST, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pooling.pool(Nd4j.zeros(DataType.DOUBLE, 4, 3), Nd4j.zeros(DataType.DOUBLE, 5, 3), 2));
        assertTrue(e.getMessage().contains("not a positive multiple of the batch size 2"), e.getMessage());
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                () -> pooling.pool(Nd4j.zeros(DataType.DOUBLE, 4, 2), Nd4j.ones(DataType.DOUBLE, 4, 3), 2));
        assertTrue(w.getMessage().contains("penultimate has 2 columns"), w.getMessage());
    }

    private static double dot(double[][] a, double[][] b) {
        double s = 0;
        for (int r = 0; r < a.length; r++) {
            s += DriftFieldTest.dot(a[r], b[r]);
        }
        return s;
    }
}
