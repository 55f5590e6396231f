package org.tokendrift.diffusion;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tokendrift.testing.GradientCheck;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MdlmNelboTest {

    private static final int MASK = 3;
    private final Mdlm mdlm = new Mdlm(MdlmConfig.defaults(4, MASK)); // tokens 0, 1, 2 and [MASK] = 3
    private final LogLinearSchedule schedule = LogLinearSchedule.standard();

    private Corruption corruption(int[][] z, double... t) {
        double[] alpha = new double[t.length];
        double[] alphaPrime = new double[t.length];
        boolean[][] predicted = new boolean[z.length][z[0].length];
        for (int b = 0; b < t.length; b++) {
            alpha[b] = schedule.alpha(t[b]);
            alphaPrime[b] = schedule.alphaPrime(t[b]);
            for (int l = 0; l < z[b].length; l++) {
                predicted[b][l] = z[b][l] == MASK;
            }
        }
        return new Corruption(z, t, alpha, alphaPrime, null, predicted);
    }

    @Test
    void handComputedValueAndGradient() {
        // One sequence, t = 0.5 (weight 1/t = 2); position 0 masked with SUBS x_theta = softmax(0, ln 2, 0) =
        // (1/4, 1/2, 1/4), clean token 1 -> CE = ln 2, token loss 2 ln 2; position 1 unmasked -> 0.
        // value = 2 ln 2 / (B*L = 2) = ln 2.  dLogits row 0 = 2 * ((1/4, 1/2, 1/4, 0) - onehot(1)) / 2.
        INDArray logits = Nd4j.createFromArray(new double[][] {{0, Math.log(2), 0, 5}, {3, -1, 0.5, 2}});
        Corruption c = corruption(new int[][] {{MASK, 2}}, 0.5);
        LossValue loss = mdlm.loss(logits, c, new int[][] {{1, 2}});
        assertEquals(Math.log(2), loss.value(), 1e-12);
        assertArrayEquals(new double[] {2 * Math.log(2), 0.0}, loss.tokenLoss(), 1e-12);
        assertArrayEquals(new double[] {0.25, -0.5, 0.25, 0.0}, loss.dLogits().getRow(0).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {0, 0, 0, 0}, loss.dLogits().getRow(1).toDoubleVector(), 0.0);
    }

    @Test
    void perSequenceWeightsAndNormalisationByAllTokens() {
        // Two sequences of length 2, t = 0.5 and 0.25 (weights 2 and 4); uniform x_theta over 3 tokens (CE = ln 3).
        // Sequence 0 has 1 masked token, sequence 1 has 2: sum = 2 ln3 + 2 * 4 ln3 = 10 ln 3; 4 tokens in all.
        INDArray logits = Nd4j.zeros(DataType.DOUBLE, 4, 4);
        Corruption c = corruption(new int[][] {{MASK, 0}, {MASK, MASK}}, 0.5, 0.25);
        LossValue loss = mdlm.loss(logits, c, new int[][] {{2, 0}, {1, 0}});
        assertEquals(10 * Math.log(3) / 4, loss.value(), 1e-12);
        assertArrayEquals(new double[] {2 * Math.log(3), 0, 4 * Math.log(3), 4 * Math.log(3)}, loss.tokenLoss(), 1e-12);
        // Row 2 (seq 1, pos 0, target 1): weight 4, gradient 4 * (1/3, 1/3 - 1, 1/3, 0) / 4
        assertArrayEquals(new double[] {1 / 3.0, -2 / 3.0, 1 / 3.0, 0}, loss.dLogits().getRow(2).toDoubleVector(), 1e-12);
    }

    @Test
    void gradientMatchesFloat64FiniteDifferences() {
        Mdlm five = new Mdlm(MdlmConfig.defaults(6, 5));
        SplittableRandom rng = new SplittableRandom(3);
        int[][] x0 = {{0, 4, 2}, {1, 3, 3}};
        Corruption c = five.corruptAt(x0, new double[] {0.6, 0.35}, rng);
        assertTrue(c.predictedCount() > 0 && c.predictedCount() < 6, "need masked and unmasked positions");
        INDArray logits = Nd4j.rand(DataType.DOUBLE, 6, 6).muli(4).subi(2);
        LossValue loss = five.loss(logits, c, x0);
        GradientCheck.assertGradient(logits, loss.dLogits(), l -> five.loss(l, c, x0).value(), 1e-6, 1e-7);
    }

    @Test
    void theMaskLogitNeitherChangesTheLossNorReceivesGradient() {
        Corruption c = corruption(new int[][] {{MASK, MASK}}, 0.7);
        int[][] x0 = {{0, 2}};
        INDArray logits = Nd4j.createFromArray(new double[][] {{0.3, -0.2, 1.0, -4}, {0.1, 0.0, -0.5, 40}});
        LossValue a = mdlm.loss(logits, c, x0);
        logits.putScalar(0, MASK, 123.0);
        LossValue b = mdlm.loss(logits, c, x0);
        assertEquals(a.value(), b.value(), 1e-12);
        assertEquals(0.0, b.dLogits().getDouble(0, MASK), 0.0);
        assertEquals(0.0, b.dLogits().getDouble(1, MASK), 0.0);
    }

    @Test
    void float32LogitsGiveTheFloat32Gradient() {
        Corruption c = corruption(new int[][] {{MASK, 1}}, 0.4);
        INDArray logits = Nd4j.createFromArray(new float[][] {{0.5f, -1f, 2f, 0f}, {1f, 1f, 1f, 1f}});
        LossValue loss = mdlm.loss(logits, c, new int[][] {{2, 1}});
        assertEquals(DataType.FLOAT, loss.dLogits().dataType());
        LossValue reference = mdlm.loss(logits.castTo(DataType.DOUBLE), c, new int[][] {{2, 1}});
        assertEquals(reference.value(), loss.value(), 1e-6);
    }

    @Test
    void clearErrorsForWrongShapesAndMaskInData() {
        Corruption c = corruption(new int[][] {{MASK, 1}}, 0.4);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> mdlm.loss(Nd4j.zeros(DataType.FLOAT, 3, 4), c, new int[][] {{2, 1}}));
        assertTrue(shape.getMessage().contains("[B*L, V] = [2, 4]"), shape.getMessage());
        IllegalArgumentException mask = assertThrows(IllegalArgumentException.class,
                () -> mdlm.loss(Nd4j.zeros(DataType.FLOAT, 2, 4), c, new int[][] {{MASK, 1}}));
        assertTrue(mask.getMessage().contains("[MASK]"), mask.getMessage());
    }

    @Test
    void subsProbabilitiesZeroTheMaskAndCarryOverUnmaskedTokens() {
        INDArray logits = Nd4j.createFromArray(new double[][] {{0, Math.log(2), 0, 9}, {1, 2, 3, 4}});
        INDArray p = mdlm.denoisedProbabilities(logits, new int[][] {{MASK, 2}});
        assertArrayEquals(new double[] {0.25, 0.5, 0.25, 0.0}, p.getRow(0).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {0, 0, 1, 0}, p.getRow(1).toDoubleVector(), 0.0);
    }
}
