package org.tokendrift.diffusion;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tokendrift.testing.GradientCheck;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast loss heads against the former implementations ({@link LegacyLosses}) and the scalar DUO reference,
 * on shapes and inputs the hand-computed tests do not reach: vocabularies that are not multiples of the 32-entry
 * product blocks, extreme {@code alpha_t}, float64 rows far below the batch maximum, and buffer reuse across
 * calls and shape changes.
 */
class LossHeadEquivalenceTest {

    private static int[][] tokens(SplittableRandom rng, int b, int len, int bound) {
        int[][] x = new int[b][len];
        for (int[] row : x) {
            for (int l = 0; l < len; l++) {
                row[l] = rng.nextInt(bound);
            }
        }
        return x;
    }

    /** Max |a - b| over all entries, divided by max |b|. */
    private static double relativeMaxDiff(INDArray a, INDArray b) {
        INDArray bd = b.castTo(DataType.DOUBLE);
        return a.castTo(DataType.DOUBLE).sub(bd).amaxNumber().doubleValue() / bd.amaxNumber().doubleValue();
    }

    /** Values and token losses within {@code tolerance * (1 + |expected|)}, dLogits within {@code tolerance}. */
    private static void assertSameLoss(LossValue expected, LossValue actual, double tolerance, String what) {
        assertEquals(expected.value(), actual.value(), tolerance * (1 + Math.abs(expected.value())), what + ": value");
        for (int r = 0; r < expected.tokenLoss().length; r++) {
            assertEquals(expected.tokenLoss()[r], actual.tokenLoss()[r],
                    tolerance * (1 + Math.abs(expected.tokenLoss()[r])), what + ": token loss " + r);
        }
        double diff = relativeMaxDiff(actual.dLogits(), expected.dLogits());
        assertTrue(diff <= tolerance, what + ": dLogits differ by " + diff + " (relative to their max)");
    }

    @Test
    void duoMatchesTheFormerImplementationInFloat64AndFloat32() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int k : new int[] {37, 64, 300}) {
            Duo duo = new Duo(DuoConfig.defaults(k));
            int[][] x0 = tokens(rng, 4, 5, k);
            Corruption c = duo.corruptAt(x0, new double[] {0.001, 0.3, 0.8, 1.0}, rng);
            INDArray logits = Nd4j.randn(DataType.DOUBLE, 20, k).muli(4);
            LossValue former = LegacyLosses.duo(logits, c, x0, k);
            LossValue dbl = duo.loss(logits, c, x0);
            assertEquals(DataType.DOUBLE, dbl.dLogits().dataType());
            assertSameLoss(former, dbl, 1e-10, "float64, K = " + k);
            LossValue single = duo.loss(logits.castTo(DataType.FLOAT), c, x0);
            assertEquals(DataType.FLOAT, single.dLogits().dataType());
            assertSameLoss(former, single, 2e-5, "float32, K = " + k);
        }
    }

    @Test
    void duoGradientMatchesFiniteDifferencesAcrossAProductBlockAndATail() {
        int k = 37; // one block of 32 entries and a tail of 5
        Duo duo = new Duo(DuoConfig.defaults(k));
        int[][] x0 = {{3, 36}, {0, 33}};
        int[][] z = {{3, 1}, {35, 33}};
        double[] alpha = {0.9, 0.05};
        Corruption c = new Corruption(z, new double[] {0.1, 0.95}, alpha, new double[] {-0.999, -0.999},
                new double[] {-Math.log(alpha[0]), -Math.log(alpha[1])}, new boolean[][] {{true, true}, {true, true}});
        INDArray logits = Nd4j.rand(DataType.DOUBLE, 4, k).muli(6).subi(3);
        LossValue loss = duo.loss(logits, c, x0);
        GradientCheck.assertGradient(logits, loss.dLogits(), l -> duo.loss(l, c, x0).value(), 1e-6, 1e-7);
    }

    @Test
    void duoMatchesTheScalarReferenceAtExtremeAlphaAndForFlatOrPeakedRows() {
        int k = 4096;
        Duo duo = new Duo(DuoConfig.defaults(k));
        // Row 0: 64 equal top entries, so that with q = K a/(1-a) ~ 4e15 a product of 32 factors overflows.
        // Row 1: nearly one-hot. Row 2: uniform. Row 3: random.
        INDArray logits = Nd4j.zeros(DataType.DOUBLE, 4, k);
        logits.getRow(0).assign(-60.0);
        logits.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 64)).assign(0.0);
        logits.getRow(1).putScalar(17, 40.0);
        logits.getRow(3).assign(Nd4j.randn(DataType.DOUBLE, 1, k).muli(5));
        int[][] x0 = {{5, 17}, {2, 4000}};
        int[][] z = {{5, 900}, {2, 4000}};
        // Down to alpha = 1e-3, alpha_1 of the log-linear schedule. Below, the closed form itself is ill-conditioned:
        // each log xbar_v carries ~1e-16 absolute rounding, amplified by |a'|/(K a) over K terms (also in the
        // scalar reference), e.g. ~1e-7 absolute at alpha = 1e-9.
        for (double a : new double[] {1 - 1e-12, 1 - 1e-6, 0.5, 1e-3}) {
            Corruption c = new Corruption(z, new double[] {0.5, 0.5}, new double[] {a, a}, new double[] {-1.0, -1.0},
                    new double[] {-Math.log(a), -Math.log(a)}, new boolean[][] {{true, true}, {true, true}});
            LossValue loss = duo.loss(logits, c, x0);
            for (int r = 0; r < 4; r++) {
                double[] x = ExactSamplerDistributions.softmax(logits.getRow(r).toDoubleVector(), -1);
                double expected = DuoNelbo.tokenLoss(x, x0[r / 2][r % 2], z[r / 2][r % 2], a, -1.0);
                assertEquals(expected, loss.tokenLoss()[r], 1e-9 * (1 + Math.abs(expected)),
                        "alpha = " + a + ", row " + r);
            }
            assertTrue(Arrays.stream(loss.dLogits().data().asDouble()).allMatch(Double::isFinite), "alpha = " + a);
        }
    }

    @Test
    void float64RowsFarBelowTheBatchMaximumStayFinite() {
        // ND4J's float64 softmax op gives NaN for such rows unless each row is shifted by its own maximum first.
        SplittableRandom rng = new SplittableRandom(3);
        int k = 40;
        int[][] x0 = tokens(rng, 2, 3, k - 1);
        INDArray logits = Nd4j.randn(DataType.DOUBLE, 6, k);
        logits.getRow(0).addi(1000);
        logits.getRow(4).subi(5000);
        Duo duo = new Duo(DuoConfig.defaults(k));
        Corruption duoNoise = duo.corruptAt(x0, new double[] {0.4, 0.7}, rng);
        assertSameLoss(LegacyLosses.duo(logits, duoNoise, x0, k), duo.loss(logits, duoNoise, x0), 1e-10, "DUO");
        Mdlm mdlm = new Mdlm(MdlmConfig.defaults(k, k - 1));
        Corruption mdlmNoise = mdlm.corruptAt(x0, new double[] {0.9, 0.9}, rng);
        assertTrue(mdlmNoise.predicted()[1][1], "row 4 must be masked for this test; change the seed");
        assertSameLoss(LegacyLosses.mdlm(logits, mdlmNoise, x0, k, k - 1), mdlm.loss(logits, mdlmNoise, x0), 1e-10,
                "MDLM");
    }

    @Test
    void mdlmMatchesTheFormerImplementationInFloat64AndFloat32() {
        SplittableRandom rng = new SplittableRandom(9);
        for (int k : new int[] {6, 50, 333}) {
            int mask = k / 3;
            Mdlm mdlm = new Mdlm(MdlmConfig.defaults(k, mask));
            int[][] x0 = tokens(rng, 3, 7, k - 1);
            for (int[] row : x0) {
                for (int l = 0; l < row.length; l++) {
                    row[l] = row[l] >= mask ? row[l] + 1 : row[l]; // never [MASK]
                }
            }
            Corruption c = mdlm.corruptAt(x0, new double[] {0.05, 0.5, 1.0}, rng);
            INDArray logits = Nd4j.randn(DataType.DOUBLE, 21, k).muli(4);
            LossValue former = LegacyLosses.mdlm(logits, c, x0, k, mask);
            LossValue dbl = mdlm.loss(logits, c, x0);
            assertEquals(DataType.DOUBLE, dbl.dLogits().dataType());
            assertSameLoss(former, dbl, 1e-10, "float64, K = " + k);
            LossValue single = mdlm.loss(logits.castTo(DataType.FLOAT), c, x0);
            assertEquals(DataType.FLOAT, single.dLogits().dataType());
            assertSameLoss(former, single, 2e-5, "float32, K = " + k);
        }
    }

    @Test
    void float32BuffersAreReusedAndStayCorrectAcrossShapeChanges() {
        SplittableRandom rng = new SplittableRandom(21);
        int k = 48;
        Duo duo = new Duo(DuoConfig.defaults(k));
        Mdlm mdlm = new Mdlm(MdlmConfig.defaults(k, 0));
        LossValue previousDuo = null;
        LossValue previousMdlm = null;
        for (int b : new int[] {2, 2, 3, 2}) {
            int[][] x0 = tokens(rng, b, 4, k - 1);
            for (int[] row : x0) {
                for (int l = 0; l < row.length; l++) {
                    row[l]++; // never [MASK] = 0
                }
            }
            double[] t = new double[b];
            Arrays.fill(t, 0.6);
            INDArray logits = Nd4j.randn(DataType.FLOAT, b * 4L, k).muli(3);
            Corruption duoNoise = duo.corruptAt(x0, t, rng);
            Corruption mdlmNoise = mdlm.corruptAt(x0, t, rng);
            LossValue duoLoss = duo.loss(logits, duoNoise, x0);
            LossValue mdlmLoss = mdlm.loss(logits, mdlmNoise, x0);
            assertSameLoss(LegacyLosses.duo(logits.castTo(DataType.DOUBLE), duoNoise, x0, k), duoLoss, 2e-5, "DUO b=" + b);
            assertSameLoss(LegacyLosses.mdlm(logits.castTo(DataType.DOUBLE), mdlmNoise, x0, k, 0), mdlmLoss, 2e-5,
                    "MDLM b=" + b);
            if (previousDuo != null && previousDuo.dLogits().rows() == duoLoss.dLogits().rows()) {
                assertSame(previousDuo.dLogits(), duoLoss.dLogits(), "same shape: the float32 buffer is reused");
                assertSame(previousMdlm.dLogits(), mdlmLoss.dLogits(), "same shape: the float32 buffer is reused");
            }
            previousDuo = duoLoss;
            previousMdlm = mdlmLoss;
        }
        INDArray doubles = Nd4j.randn(DataType.DOUBLE, 8, k);
        int[][] x0 = tokens(rng, 2, 4, k - 1);
        Corruption c = duo.corruptAt(x0, new double[] {0.5, 0.5}, rng);
        assertNotSame(duo.loss(doubles, c, x0).dLogits(), duo.loss(doubles, c, x0).dLogits(),
                "float64 results are fresh arrays");
    }
}
