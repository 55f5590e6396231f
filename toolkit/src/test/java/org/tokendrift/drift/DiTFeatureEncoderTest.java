package org.tokendrift.drift;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tokendrift.nn.DiT;
import org.tokendrift.testing.GradientCheck;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TokenDrift gradient through the real frozen DiT encoder (float64): dL/dlogits must equal
 * -alpha J^T V / B, J the Jacobian of lift -> frozen DiT -> pooling, by central finite differences
 * of the loss with its target h* = sg(h + alpha V) held fixed. Checked for MDLM (masked positions
 * lifted, mask id excluded, no time conditioning) and DUO (all positions, time-conditioned encoder
 * told sigma = 0).
 */
class DiTFeatureEncoderTest {

    private static final int BATCH = 3, SEQ = 4, VOCAB = 10, MASK = 9;
    private static final double ALPHA = 0.7;

    private final Random rnd = new Random(83);

    @Test
    void mdlmDriftGradientThroughTheFrozenDiTIsMinusAlphaJTransposeVOverB() {
        DiT start = TinyDiTs.randomized(TinyDiTs.config(VOCAB, SEQ, false, DataType.DOUBLE), 5, 0.4);
        TokenDriftObjective objective = warmedUp(DiTFeatureEncoder.frozenCopyOf(start), MASK, false);
        int[][] clean = randomTokens(MASK);
        int[][] corrupted = masked(clean);
        checkGradient(objective, clean, corrupted, PredictedPositions.masked(corrupted, MASK), null);
    }

    @Test
    void duoDriftGradientThroughTheTimeConditionedFrozenDiT() {
        DiT start = TinyDiTs.randomized(TinyDiTs.config(VOCAB, SEQ, true, DataType.DOUBLE), 6, 0.4);
        TokenDriftObjective objective = warmedUp(DiTFeatureEncoder.frozenCopyOf(start), SoftTokenLift.NO_EXCLUDED_TOKEN, true);
        int[][] clean = randomTokens(VOCAB);
        int[][] corrupted = randomTokens(VOCAB);
        checkGradient(objective, clean, corrupted, PredictedPositions.all(BATCH, SEQ), new double[]{0.3, 1.1, 2.0});
    }

    @Test
    void encoderIsACopyTakenAtConstructionAndSeesSigmaZeroWhenClean() {
        DiT model = TinyDiTs.randomized(TinyDiTs.config(VOCAB, SEQ, true, DataType.DOUBLE), 7, 0.4);
        DiTFeatureEncoder encoder = DiTFeatureEncoder.frozenCopyOf(model);
        INDArray emb = GradientCheck.gaussian(rnd, BATCH * SEQ, 8, 1.0);
        double[] before = encoder.encode(emb, null).lastHidden().dup().data().asDouble();
        model.param("embed.weight").addi(1.0);                 // the source moves on ...
        model.param("block0.attn.qkv.weight").muli(-2.0);
        assertArrayEquals(before, encoder.encode(emb, null).lastHidden().dup().data().asDouble(), 0.0,
                "... the encoder does not");
        double[] zeros = encoder.encode(emb, new double[BATCH]).lastHidden().dup().data().asDouble();
        assertArrayEquals(zeros, before, 0.0, "null sigma means sigma = 0 for a time-conditioned encoder");
        double[] noisy = encoder.encode(emb, new double[]{1, 1, 1}).lastHidden().dup().data().asDouble();
        assertTrue(maxAbsDiff(noisy, before) > 1e-6, "and sigma does reach the time-conditioned encoder");
    }

    private void checkGradient(TokenDriftObjective objective, int[][] clean, int[][] corrupted, boolean[][] predicted,
                               double[] sigma) {
        INDArray logits = GradientCheck.gaussian(rnd, BATCH * SEQ, VOCAB, 1.0);
        TokenDriftObjective.Step step = objective.step(logits, corrupted, predicted, clean, sigma);
        double[][] h = step.generatedFeatures();
        double[][] v = step.drift();
        double[][] target = DriftLoss.evaluate(h, v, ALPHA).target();
        double[] encoderSigma = objective.encoderSigma(sigma);

        // The full loss with its target frozen; at x = logits its gradient is (h - h*) J / B = -alpha J^T V / B.
        double[][] numericLoss = GradientCheck.numericGradient(logits, x -> {
            double[][] hx = objective.generatedFeatures(x, corrupted, predicted, encoderSigma).features();
            double s = 0;
            for (int i = 0; i < BATCH; i++) {
                for (int c = 0; c < hx[i].length; c++) {
                    s += (hx[i][c] - target[i][c]) * (hx[i][c] - target[i][c]);
                }
            }
            return s / (2.0 * BATCH);
        });
        GradientCheck.assertClose(numericLoss, step.dLogits().toDoubleMatrix(), 1e-6,
                "dLogits vs finite differences of the drift loss through the frozen DiT");
        assertEquals(ALPHA * ALPHA * inner(v, v) / (2.0 * BATCH), step.loss(), 1e-12, "loss = alpha^2 sum ||V||^2 / 2B");
        assertEquals(2 * 8, h[0].length, "feature = [mean H^(L-1) ; mean H^(L)], 2d wide");
    }

    /** An objective whose queues already hold features, as mid-training. */
    private TokenDriftObjective warmedUp(DiTFeatureEncoder encoder, int excluded, boolean allPredicted) {
        TokenDriftConfig config = TokenDriftConfig.builder().drift(DriftConfig.builder().alpha(ALPHA).build())
                .queueCapacity(16).build();
        TokenDriftObjective objective = new TokenDriftObjective(config, encoder, excluded);
        for (int s = 0; s < 2; s++) {
            int[][] clean = randomTokens(allPredicted ? VOCAB : MASK);
            int[][] corrupted = allPredicted ? randomTokens(VOCAB) : masked(clean);
            boolean[][] predicted = allPredicted ? PredictedPositions.all(BATCH, SEQ) : PredictedPositions.masked(corrupted, MASK);
            objective.step(GradientCheck.gaussian(rnd, BATCH * SEQ, VOCAB, 1.0), corrupted, predicted, clean, null);
        }
        return objective;
    }

    private int[][] randomTokens(int maxId) {
        int[][] t = new int[BATCH][SEQ];
        for (int[] row : t) {
            for (int l = 0; l < SEQ; l++) {
                row[l] = rnd.nextInt(maxId);
            }
        }
        return t;
    }

    /** About half the positions masked, at least one per sequence. */
    private int[][] masked(int[][] clean) {
        int[][] c = new int[BATCH][];
        for (int b = 0; b < BATCH; b++) {
            c[b] = clean[b].clone();
            c[b][rnd.nextInt(SEQ)] = MASK;
            for (int l = 0; l < SEQ; l++) {
                if (rnd.nextBoolean()) {
                    c[b][l] = MASK;
                }
            }
        }
        return c;
    }

    private static double inner(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += DriftFieldTest.dot(a[i], b[i]);
        }
        return s;
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
