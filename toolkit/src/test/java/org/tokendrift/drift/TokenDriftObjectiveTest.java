package org.tokendrift.drift;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tokendrift.testing.GradientCheck;
import org.tokendrift.tokenizer.SpecialToken;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End-to-end checks of the assembled objective through lift -> encoder -> pooling -> field ->
 * loss, with the tanh stand-in in place of the frozen DiT.
 */
class TokenDriftObjectiveTest {

    private static final int BATCH = 3, SEQ = 4, VOCAB = 7, WIDTH = 5, MASK = 6;

    private final Random rnd = new Random(61);

    private int[][] randomTokens(int maxId) {
        int[][] t = new int[BATCH][SEQ];
        for (int[] row : t) {
            for (int l = 0; l < SEQ; l++) {
                row[l] = rnd.nextInt(maxId);
            }
        }
        return t;
    }

    /** Masks about half the positions of clean, but at least one per sequence. */
    private int[][] corrupt(int[][] clean) {
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

    private TokenDriftObjective objective(TokenDriftConfig config) {
        TanhStandInEncoder encoder = new TanhStandInEncoder(VOCAB, WIDTH, SEQ, 3, DataType.DOUBLE);
        TokenDriftObjective objective = new TokenDriftObjective(config, encoder, MASK);
        // Two warm-up micro-steps so the queues hold real and generated features, as mid-training.
        for (int s = 0; s < 2; s++) {
            int[][] clean = randomTokens(MASK);
            int[][] corrupted = corrupt(clean);
            objective.step(GradientCheck.gaussian(rnd, BATCH * SEQ, VOCAB, 1.0), corrupted,
                    PredictedPositions.masked(corrupted, MASK), clean, null);
        }
        return objective;
    }

    /** Paper §4: dL/dlogits = -alpha J^T V / B, checked by float64 finite differences. */
    @Test
    void driftLossGradientWithRespectToLogitsIsMinusAlphaJTransposeVOverB() {
        double alpha = 0.7;
        TokenDriftConfig config = TokenDriftConfig.builder()
                .drift(DriftConfig.builder().alpha(alpha).build()).queueCapacity(16).build();
        TokenDriftObjective objective = objective(config);
        int[][] clean = randomTokens(MASK);
        int[][] corrupted = corrupt(clean);
        boolean[][] predicted = PredictedPositions.masked(corrupted, MASK);
        INDArray logits = GradientCheck.gaussian(rnd, BATCH * SEQ, VOCAB, 1.0);

        TokenDriftObjective.Step step = objective.step(logits, corrupted, predicted, clean, null);
        double[][] v = step.drift();
        double[][] h = step.generatedFeatures();

        // J^T V by finite differences of <h(l), V>, V held fixed (it is detached).
        double[][] jtv = GradientCheck.numericGradient(logits,
                x -> inner(objective.generatedFeatures(x, corrupted, predicted, null).features(), v));
        double[][] expected = new double[jtv.length][VOCAB];
        for (int r = 0; r < jtv.length; r++) {
            for (int c = 0; c < VOCAB; c++) {
                expected[r][c] = -alpha * jtv[r][c] / BATCH;
            }
        }
        GradientCheck.assertClose(expected, step.dLogits().toDoubleMatrix(), 1e-6, "dLogits vs -alpha J^T V / B");

        // The same by differentiating the loss itself with the target h* = h + alpha V frozen.
        double[][] target = DriftLoss.evaluate(h, v, alpha).target();
        double[][] numericLoss = GradientCheck.numericGradient(logits, x -> {
            double[][] hx = objective.generatedFeatures(x, corrupted, predicted, null).features();
            double s = 0;
            for (int i = 0; i < BATCH; i++) {
                for (int c = 0; c < hx[i].length; c++) {
                    s += (hx[i][c] - target[i][c]) * (hx[i][c] - target[i][c]);
                }
            }
            return s / (2.0 * BATCH);
        });
        GradientCheck.assertClose(numericLoss, step.dLogits().toDoubleMatrix(), 1e-6, "dLogits vs d(loss)");
        assertEquals(alpha * alpha * inner(v, v) / (2.0 * BATCH), step.loss(), 1e-12);
    }

    @Test
    void mirrorKlTeacherUsesThePullbackOfTheDrift() {
        double eta = 0.5;
        TokenDriftConfig config = TokenDriftConfig.builder().targetSpace(TargetSpace.LOGIT_MIRROR_KL)
                .mirrorStepSize(eta).queueCapacity(16).build();
        TokenDriftObjective objective = objective(config);
        int[][] clean = randomTokens(MASK);
        int[][] corrupted = corrupt(clean);
        boolean[][] predicted = PredictedPositions.masked(corrupted, MASK);
        INDArray logits = GradientCheck.gaussian(rnd, BATCH * SEQ, VOCAB, 1.0);
        TokenDriftObjective.Step step = objective.step(logits, corrupted, predicted, clean, null);

        double[][] g = GradientCheck.numericGradient(logits,
                x -> inner(objective.generatedFeatures(x, corrupted, predicted, null).features(), step.drift()));
        INDArray target = logits.add(org.nd4j.linalg.factory.Nd4j.createFromArray(g).mul(eta));
        LogitMirrorTeacher.Result expected = new LogitMirrorTeacher(LogitMirrorTeacher.Divergence.KL, eta, MASK)
                .divergence(logits, target, predicted);
        GradientCheck.assertClose(expected.dLogits().toDoubleMatrix(), step.dLogits().toDoubleMatrix(), 1e-6, "mirror dLogits");
        assertEquals(expected.value(), step.loss(), 1e-9);
        assertTrue(step.mirrorTargetShift() > 0);
    }

    @Test
    void queuesReceiveTheStepsFeaturesAfterTheFieldInFifoOrder() {
        TokenDriftConfig config = TokenDriftConfig.builder().queueCapacity(4).build();
        TanhStandInEncoder encoder = new TanhStandInEncoder(VOCAB, WIDTH, SEQ, 3, DataType.DOUBLE);
        TokenDriftObjective objective = new TokenDriftObjective(config, encoder, MASK);
        TokenDriftObjective.Step[] steps = new TokenDriftObjective.Step[2];
        for (int s = 0; s < 2; s++) {
            int[][] clean = randomTokens(MASK);
            int[][] corrupted = corrupt(clean);
            steps[s] = objective.step(GradientCheck.gaussian(rnd, BATCH * SEQ, VOCAB, 1.0), corrupted,
                    PredictedPositions.masked(corrupted, MASK), clean, null);
        }
        double[][] real = objective.realQueue().snapshot();
        double[][] gen = objective.generatedQueue().snapshot();
        assertEquals(4, real.length);
        // Oldest kept: step 0's last feature, then step 1's three.
        assertArrayEquals(steps[0].realFeatures()[2], real[0], 0.0);
        assertArrayEquals(steps[1].generatedFeatures()[0], gen[1], 0.0);
        assertArrayEquals(steps[1].generatedFeatures()[2], gen[3], 0.0);
        // Features are unit norm (L2 normalisation) and 2d wide (penultimate + last).
        assertEquals(2 * WIDTH, real[0].length);
        assertEquals(1.0, Math.sqrt(inner(new double[][]{real[0]}, new double[][]{real[0]})), 1e-12);
        assertTrue(Double.isFinite(steps[1].diagnostics().meanSqDistToPositives()));
        double paired = 0;
        for (int i = 0; i < BATCH; i++) {
            double[] d = new double[2 * WIDTH];
            for (int c = 0; c < d.length; c++) {
                d[c] = steps[1].generatedFeatures()[i][c] - steps[1].realFeatures()[i][c];
            }
            paired += DriftFieldTest.dot(d, d) / BATCH;
        }
        assertEquals(paired, steps[1].meanPairedSqDistance(), 1e-12);
    }

    @Test
    void cleanEncoderNoiseLevelHidesTheCorruptionSigma() {
        TokenDriftObjective clean = new TokenDriftObjective(TokenDriftConfig.defaults(),
                new TanhStandInEncoder(VOCAB, WIDTH, SEQ, 3, DataType.DOUBLE), MASK);
        TokenDriftObjective noisy = new TokenDriftObjective(TokenDriftConfig.builder()
                .encoderNoiseLevel(EncoderNoiseLevel.CORRUPTION).build(),
                new TanhStandInEncoder(VOCAB, WIDTH, SEQ, 3, DataType.DOUBLE), MASK);
        double[] sigma = {0.1, 0.2, 0.3};
        assertEquals(null, clean.encoderSigma(sigma));
        assertArrayEquals(sigma, noisy.encoderSigma(sigma), 0.0);
    }

    @Test
    void argmaxFeaturesAreTheFeaturesOfTheGreedyCompletion() {
        TokenDriftObjective objective = objective(TokenDriftConfig.builder().queueCapacity(16).build());
        int[][] clean = randomTokens(MASK);
        int[][] corrupted = corrupt(clean);
        boolean[][] predicted = PredictedPositions.masked(corrupted, MASK);
        INDArray logits = GradientCheck.gaussian(rnd, BATCH * SEQ, VOCAB, 1.0);
        double[][] l = logits.toDoubleMatrix();
        int[][] greedy = new int[BATCH][];
        for (int b = 0; b < BATCH; b++) {
            greedy[b] = corrupted[b].clone();
            for (int t = 0; t < SEQ; t++) {
                if (predicted[b][t]) {
                    int best = 0;
                    for (int v = 1; v < MASK; v++) {
                        best = l[b * SEQ + t][v] > l[b * SEQ + t][best] ? v : best;
                    }
                    greedy[b][t] = best;
                }
            }
        }
        double[][] expected = objective.realFeatures(greedy, null);
        double[][] actual = objective.argmaxFeatures(logits, corrupted, predicted, null);
        for (int b = 0; b < BATCH; b++) {
            assertArrayEquals(expected[b], actual[b], 1e-12);
        }
    }

    @Test
    void excludingUnseenSpecialTokensAddsBosAndPadAfterTheFirstPosition() {
        TokenDriftConfig literal = TokenDriftConfig.defaults();
        assertEquals(LiftExclusion.only(MASK), TokenDriftObjective.liftExclusion(literal, MASK));
        LiftExclusion adapted = TokenDriftObjective.liftExclusion(literal.toBuilder().excludeUnseenSpecialTokens(true).build(), MASK);
        assertArrayEquals(new int[]{MASK}, adapted.everywhere());
        assertArrayEquals(new int[]{SpecialToken.BOS.id(), SpecialToken.PAD.id()}, adapted.afterFirstPosition());
        assertArrayEquals(new int[]{SpecialToken.BOS.id(), SpecialToken.PAD.id()}, TokenDriftObjective.liftExclusion(
                literal.toBuilder().excludeUnseenSpecialTokens(true).build(), SoftTokenLift.NO_EXCLUDED_TOKEN).afterFirstPosition());
    }

    private static double inner(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += DriftFieldTest.dot(a[i], b[i]);
        }
        return s;
    }
}
