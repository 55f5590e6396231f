package org.tokendrift.diffusion;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tokendrift.testing.GradientCheck;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuoNelboTest {

    /** The "UDLM" form (research note §B.3, eq. 49), materialising xbarTrue = K a onehot(m) + (1 - a). */
    static double udlm(double[] x, int m, int j, double a, double ap) {
        int k = x.length;
        double[] xt = new double[k];
        double[] xb = new double[k];
        for (int v = 0; v < k; v++) {
            xt[v] = (v == m ? k * a : 0.0) + 1.0 - a;
            xb[v] = k * a * x[v] + 1.0 - a;
        }
        double sum = 0.0;
        for (int v = 0; v < k; v++) {
            sum += xt[v] / xt[j] * Math.log(xb[j] * xt[v] / (xb[v] * xt[j]));
        }
        return ap / (k * a) * (k / xt[j] - k / xb[j] - sum);
    }

    private static Corruption corruption(int[][] z, double alpha, double alphaPrime) {
        int b = z.length;
        double[] t = new double[b];
        double[] a = new double[b];
        double[] ap = new double[b];
        double[] sigma = new double[b];
        boolean[][] predicted = new boolean[b][z[0].length];
        for (int i = 0; i < b; i++) {
            t[i] = 0.5;
            a[i] = alpha;
            ap[i] = alphaPrime;
            sigma[i] = -Math.log(alpha);
            java.util.Arrays.fill(predicted[i], true);
        }
        return new Corruption(z, t, a, ap, sigma, predicted);
    }

    @Test
    void handComputedValuesForAKeptAndAFlippedToken() {
        // K = 4, alpha = 1/2, alpha' = -1, uniform x_theta: xbar_theta = 1 everywhere, kappa = 0.5/2.5 = 1/5.
        // j = m:  braces = 4/2.5 - 4/1 - 0 - 0 - 3 (1/5) log(1/5) = -2.4 + 0.6 ln 5;  loss = -braces/2.
        // j != m: braces = 4/0.5 - 4/1 - 0 - 4 log 1 + 5 log(1/5) = 4 - 5 ln 5;       loss = -braces/2.
        double kept = 1.2 - 0.3 * Math.log(5);
        double flipped = 2.5 * Math.log(5) - 2.0;
        double[] uniform = {0.25, 0.25, 0.25, 0.25};
        assertEquals(kept, DuoNelbo.tokenLoss(uniform, 0, 0, 0.5, -1.0), 1e-14);
        assertEquals(flipped, DuoNelbo.tokenLoss(uniform, 0, 1, 0.5, -1.0), 1e-14);

        Duo duo = new Duo(DuoConfig.defaults(4));
        LossValue loss = duo.loss(Nd4j.zeros(DataType.DOUBLE, 2, 4), corruption(new int[][] {{0, 1}}, 0.5, -1.0),
                new int[][] {{0, 0}});
        assertEquals(kept, loss.tokenLoss()[0], 1e-12);
        assertEquals(flipped, loss.tokenLoss()[1], 1e-12);
        assertEquals((kept + flipped) / 2, loss.value(), 1e-12);
    }

    @Test
    void closedFormEqualsTheUdlmFormPerSampleOnRandomInputs() {
        SplittableRandom rng = new SplittableRandom(2024);
        int k = 7;
        for (int trial = 0; trial < 2000; trial++) {
            double a = 1e-3 + (1 - 2e-3) * rng.nextDouble();
            double ap = -0.1 - 3 * rng.nextDouble();
            double[] x = randomDistribution(k, rng, trial % 4 == 0 ? 8.0 : 1.0);
            int m = rng.nextInt(k);
            int j = rng.nextInt(k);
            double expected = udlm(x, m, j, a, ap);
            double actual = DuoNelbo.tokenLoss(x, m, j, a, ap);
            assertEquals(expected, actual, 1e-10 * (1 + Math.abs(expected)),
                    "trial " + trial + ": a = " + a + ", m = " + m + ", j = " + j);
            assertTrue(actual >= -1e-12, "loss must be >= 0, got " + actual);
        }
    }

    @Test
    void zeroAtThePerfectDenoiserForKeptAndFlippedTokens() {
        for (double a : new double[] {0.001, 0.3, 0.9, 0.999}) {
            double[] truth = ExactSamplerDistributions.oneHot(6, 2);
            assertEquals(0.0, DuoNelbo.tokenLoss(truth, 2, 2, a, -0.999), 1e-9, "j = m, a = " + a);
            assertEquals(0.0, DuoNelbo.tokenLoss(truth, 2, 5, a, -0.999), 1e-9 / (1 - a), "j != m, a = " + a);
        }
    }

    @Test
    void batchedLossMatchesTheScalarReferenceAndItsGradientMatchesFiniteDifferences() {
        int k = 5;
        Duo duo = new Duo(DuoConfig.defaults(k));
        int[][] x0 = {{0, 3}, {4, 4}};
        int[][] z = {{0, 1}, {2, 4}}; // kept, flipped, flipped, kept
        double[] t = {0.3, 0.8};
        double[] alpha = {1 - 0.999 * 0.3, 1 - 0.999 * 0.8};
        Corruption c = new Corruption(z, t, alpha, new double[] {-0.999, -0.999},
                new double[] {-Math.log(alpha[0]), -Math.log(alpha[1])}, new boolean[][] {{true, true}, {true, true}});
        INDArray logits = Nd4j.rand(DataType.DOUBLE, 4, k).muli(6).subi(3);
        LossValue loss = duo.loss(logits, c, x0);
        double sum = 0.0;
        for (int r = 0; r < 4; r++) {
            double[] x = softmax(logits.getRow(r).toDoubleVector());
            double expected = DuoNelbo.tokenLoss(x, x0[r / 2][r % 2], z[r / 2][r % 2], alpha[r / 2], -0.999);
            assertEquals(expected, loss.tokenLoss()[r], 1e-12, "row " + r);
            sum += expected;
        }
        assertEquals(sum / 4, loss.value(), 1e-12);
        GradientCheck.assertGradient(logits, loss.dLogits(), l -> duo.loss(l, c, x0).value(), 1e-6, 1e-7);
    }

    @Test
    void float32LossAtVocabularySize4096AgreesWithFloat64() {
        int k = 4096;
        Duo duo = new Duo(DuoConfig.defaults(k));
        SplittableRandom rng = new SplittableRandom(5);
        int[][] x0 = new int[2][3];
        for (int[] row : x0) {
            for (int l = 0; l < 3; l++) {
                row[l] = rng.nextInt(k);
            }
        }
        Corruption c = duo.corruptAt(x0, new double[] {0.02, 0.97}, rng);
        INDArray logits = Nd4j.randn(DataType.FLOAT, 6, k).muli(3);
        LossValue single = duo.loss(logits, c, x0);
        LossValue dbl = duo.loss(logits.castTo(DataType.DOUBLE), c, x0);
        assertEquals(DataType.FLOAT, single.dLogits().dataType());
        assertEquals(dbl.value(), single.value(), 1e-4 * Math.abs(dbl.value()));
        double maxDiff = single.dLogits().castTo(DataType.DOUBLE).sub(dbl.dLogits()).amaxNumber().doubleValue();
        double scale = dbl.dLogits().amaxNumber().doubleValue();
        assertTrue(maxDiff <= 1e-4 * scale, "float32 gradient off by " + maxDiff + " (scale " + scale + ")");
    }

    @Test
    void rejectsAlphaOneWithAClearMessage() {
        Duo duo = new Duo(DuoConfig.defaults(4));
        Corruption c = duo.corruptAt(new int[][] {{1, 2}}, new double[] {0.0}, new SplittableRandom(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> duo.loss(Nd4j.zeros(DataType.FLOAT, 2, 4), c, new int[][] {{1, 2}}));
        assertTrue(e.getMessage().contains("0 < alpha_t < 1"), e.getMessage());
    }

    static double[] randomDistribution(int k, SplittableRandom rng, double sharpness) {
        double[] x = new double[k];
        double sum = 0.0;
        for (int v = 0; v < k; v++) {
            x[v] = Math.pow(-Math.log(rng.nextDouble()), sharpness);
            sum += x[v];
        }
        for (int v = 0; v < k; v++) {
            x[v] /= sum;
        }
        return x;
    }

    static double[] softmax(double[] logits) {
        return ExactSamplerDistributions.softmax(logits, -1);
    }
}
