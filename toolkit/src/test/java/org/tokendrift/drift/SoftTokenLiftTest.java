package org.tokendrift.drift;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tokendrift.testing.GradientCheck;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoftTokenLiftTest {

    // V = 3, d = 2: E rows are easy to mix by hand.
    private static final INDArray E = Nd4j.createFromArray(new double[][]{{1, 0}, {0, 1}, {2, 2}});

    @Test
    void predictedRowsGetExpectedEmbeddingAndOtherRowsTheirTokenEmbedding() {
        // B = 1, L = 2: position 0 predicted with logits [0, ln 3, -inf-ish], position 1 hard token 2.
        INDArray logits = Nd4j.createFromArray(new double[][]{{0, Math.log(3), -1000}, {5, 5, 5}});
        SoftTokenLift lift = new SoftTokenLift(E, LiftMode.SOFT, SoftTokenLift.NO_EXCLUDED_TOKEN);
        INDArray emb = lift.lift(logits, new int[][]{{1, 2}}, new boolean[][]{{true, false}}).embeddings();
        // p = [1/4, 3/4, 0] -> pE = (1/4, 3/4); row 1 = E[2] = (2, 2)
        assertArrayEquals(new double[]{0.25, 0.75}, emb.getRow(0).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[]{2, 2}, emb.getRow(1).toDoubleVector(), 0.0);
    }

    @Test
    void excludedClassHasZeroProbabilityAndReceivesNoGradient() {
        // The excluded class (id 2) has by far the largest logit; SUBS must still give it p = 0.
        INDArray logits = Nd4j.createFromArray(new double[][]{{0, Math.log(3), 50}});
        SoftTokenLift lift = new SoftTokenLift(E, LiftMode.SOFT, 2);
        SoftTokenLift.Lifted lifted = lift.lift(logits, new int[][]{{2}}, new boolean[][]{{true}});
        assertArrayEquals(new double[]{0.25, 0.75}, lifted.embeddings().getRow(0).toDoubleVector(), 1e-12);
        assertEquals(0.0, lifted.predictedProbabilities().getDouble(0, 2), 0.0);
        INDArray dLogits = lifted.backward(Nd4j.createFromArray(new double[][]{{1.0, -2.0}}));
        assertEquals(0.0, dLogits.getDouble(0, 2), 0.0);
        // Hand value: g = dE~ E^T = [1, -2, -2]; <p, g> = 1/4 - 6/4 = -5/4; dl = p (g - <p,g>).
        assertArrayEquals(new double[]{0.25 * (1 + 1.25), 0.75 * (-2 + 1.25), 0}, dLogits.getRow(0).toDoubleVector(), 1e-12);
        assertEquals(50.0, logits.getDouble(0, 2), 0.0, "the caller's logits must not be modified");
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        Random rnd = new Random(11);
        int batch = 2, seqLen = 3, vocab = 6, d = 4, mask = 5;
        INDArray e = GradientCheck.gaussian(rnd, vocab, d, 1.0);
        INDArray logits = GradientCheck.gaussian(rnd, batch * seqLen, vocab, 2.0);
        int[][] tokens = {{mask, 1, mask}, {0, mask, mask}};
        boolean[][] predicted = PredictedPositions.masked(tokens, mask);
        INDArray probe = GradientCheck.gaussian(rnd, batch * seqLen, d, 1.0);   // f = sum(E~ * probe)
        SoftTokenLift lift = new SoftTokenLift(e, LiftMode.SOFT, mask);

        INDArray analytic = lift.lift(logits, tokens, predicted).backward(probe);
        double[][] numeric = GradientCheck.numericGradient(logits,
                x -> GradientCheck.dot(lift.lift(x, tokens, predicted).embeddings(), probe));
        GradientCheck.assertClose(numeric, analytic.toDoubleMatrix(), 1e-7, "dLogits");
        // Hard rows (0,1) and (1,0) are rows 1 and 3: no gradient at all.
        assertEquals(0.0, analytic.getRow(1).norm2Number().doubleValue(), 0.0);
        assertEquals(0.0, analytic.getRow(3).norm2Number().doubleValue(), 0.0);
    }

    @Test
    void duoLiftPredictsEveryPositionAndChecksGradientsThere() {
        Random rnd = new Random(12);
        int batch = 2, seqLen = 2, vocab = 5, d = 3;
        INDArray e = GradientCheck.gaussian(rnd, vocab, d, 1.0);
        INDArray logits = GradientCheck.gaussian(rnd, batch * seqLen, vocab, 1.0);
        int[][] tokens = {{0, 4}, {3, 3}};
        boolean[][] predicted = PredictedPositions.all(batch, seqLen);
        INDArray probe = GradientCheck.gaussian(rnd, batch * seqLen, d, 1.0);
        SoftTokenLift lift = new SoftTokenLift(e, LiftMode.SOFT, SoftTokenLift.NO_EXCLUDED_TOKEN);
        INDArray analytic = lift.lift(logits, tokens, predicted).backward(probe);
        double[][] numeric = GradientCheck.numericGradient(logits,
                x -> GradientCheck.dot(lift.lift(x, tokens, predicted).embeddings(), probe));
        GradientCheck.assertClose(numeric, analytic.toDoubleMatrix(), 1e-7, "dLogits");
    }

    @Test
    void straightThroughShowsTheHardArgmaxButBackpropagatesLikeSoft() {
        Random rnd = new Random(13);
        int vocab = 5, d = 3, mask = 4;
        INDArray e = GradientCheck.gaussian(rnd, vocab, d, 1.0);
        INDArray logits = Nd4j.createFromArray(new double[][]{{0.1, 2.0, -1, 0.5, 9}, {3, 0, 0, 0, 0}, {1, 1, 4, 0, 0}});
        int[][] tokens = {{mask, 0, mask}};
        boolean[][] predicted = PredictedPositions.masked(tokens, mask);
        SoftTokenLift st = new SoftTokenLift(e, LiftMode.STRAIGHT_THROUGH, mask);
        SoftTokenLift soft = new SoftTokenLift(e, LiftMode.SOFT, mask);
        SoftTokenLift.Lifted hard = st.lift(logits, tokens, predicted);
        // Row 0: argmax excluding the mask class (logit 9) is id 1; row 2: id 2; row 1 is hard token 0.
        assertArrayEquals(e.getRow(1).toDoubleVector(), hard.embeddings().getRow(0).toDoubleVector(), 0.0);
        assertArrayEquals(e.getRow(0).toDoubleVector(), hard.embeddings().getRow(1).toDoubleVector(), 0.0);
        assertArrayEquals(e.getRow(2).toDoubleVector(), hard.embeddings().getRow(2).toDoubleVector(), 0.0);
        INDArray probe = GradientCheck.gaussian(rnd, 3, d, 1.0);
        INDArray dSt = hard.backward(probe);
        INDArray dSoft = soft.lift(logits, tokens, predicted).backward(probe);
        assertArrayEquals(dSoft.ravel().toDoubleVector(), dSt.ravel().toDoubleVector(), 0.0);
        assertTrue(dSt.norm2Number().doubleValue() > 1e-3);
    }

    @Test
    void exclusionAfterTheFirstPositionKeepsTheClassAtPositionZeroOnly() {
        // Class 2 has by far the largest logit at both predicted positions; it is excluded after position 0.
        INDArray logits = Nd4j.createFromArray(new double[][]{{0, Math.log(3), 50}, {0, Math.log(3), 50}});
        SoftTokenLift lift = new SoftTokenLift(E, LiftMode.SOFT, LiftExclusion.NONE.plusAfterFirstPosition(2));
        SoftTokenLift.Lifted lifted = lift.lift(logits, new int[][]{{0, 0}}, new boolean[][]{{true, true}});
        // Position 0 keeps class 2 (p ~ 1, E[2] = (2, 2)); position 1 mixes the others: p = [1/4, 3/4, 0].
        assertArrayEquals(new double[]{2, 2}, lifted.embeddings().getRow(0).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[]{0.25, 0.75}, lifted.embeddings().getRow(1).toDoubleVector(), 1e-12);
        assertEquals(0.0, lifted.predictedProbabilities().getDouble(1, 2), 0.0);
        INDArray dLogits = lifted.backward(Nd4j.createFromArray(new double[][]{{0, 0}, {1.0, -2.0}}));
        assertEquals(0.0, dLogits.getDouble(1, 2), 0.0, "an excluded class receives no gradient");
        assertEquals(50.0, logits.getDouble(1, 2), 0.0, "the caller's logits must not be modified");
    }

    @Test
    void backwardWithExclusionsMatchesFiniteDifferences() {
        Random rnd = new Random(15);
        int batch = 2, seqLen = 3, vocab = 6, d = 4, mask = 5;
        INDArray e = GradientCheck.gaussian(rnd, vocab, d, 1.0);
        INDArray logits = GradientCheck.gaussian(rnd, batch * seqLen, vocab, 2.0);
        int[][] tokens = {{mask, 1, mask}, {mask, mask, 0}};
        boolean[][] predicted = PredictedPositions.masked(tokens, mask);
        INDArray probe = GradientCheck.gaussian(rnd, batch * seqLen, d, 1.0);
        SoftTokenLift lift = new SoftTokenLift(e, LiftMode.SOFT, LiftExclusion.only(mask).plusAfterFirstPosition(1, 0));
        INDArray analytic = lift.lift(logits, tokens, predicted).backward(probe);
        double[][] numeric = GradientCheck.numericGradient(logits,
                x -> GradientCheck.dot(lift.lift(x, tokens, predicted).embeddings(), probe));
        GradientCheck.assertClose(numeric, analytic.toDoubleMatrix(), 1e-7, "dLogits");
        // Rows 0 and 3 are position 0 (classes 0 and 1 allowed there), row 2 is position 2 (excluded).
        assertTrue(Math.abs(analytic.getDouble(0, 1)) > 1e-6 && Math.abs(analytic.getDouble(3, 0)) > 1e-6);
        assertEquals(0.0, analytic.getDouble(2, 1), 0.0);
        assertEquals(0.0, analytic.getDouble(2, 0), 0.0);
    }

    @Test
    void float32PathAgreesWithFloat64() {
        Random rnd = new Random(14);
        INDArray e = GradientCheck.gaussian(rnd, 7, 4, 1.0);
        INDArray logits = GradientCheck.gaussian(rnd, 4, 7, 1.0);
        int[][] tokens = {{6, 1}, {6, 6}};
        boolean[][] predicted = PredictedPositions.masked(tokens, 6);
        INDArray probe = GradientCheck.gaussian(rnd, 4, 4, 1.0);
        SoftTokenLift lift64 = new SoftTokenLift(e, LiftMode.SOFT, 6);
        SoftTokenLift lift32 = new SoftTokenLift(e.castTo(DataType.FLOAT), LiftMode.SOFT, 6);
        SoftTokenLift.Lifted a = lift64.lift(logits, tokens, predicted);
        SoftTokenLift.Lifted b = lift32.lift(logits.castTo(DataType.FLOAT), tokens, predicted);
        assertEquals(DataType.FLOAT, b.embeddings().dataType());
        assertArrayEquals(a.embeddings().ravel().toDoubleVector(), b.embeddings().ravel().toDoubleVector(), 1e-5);
        INDArray db = b.backward(probe.castTo(DataType.FLOAT));
        assertEquals(DataType.FLOAT, db.dataType());
        assertArrayEquals(a.backward(probe).ravel().toDoubleVector(), db.ravel().toDoubleVector(), 1e-5);
    }

    @Test
    void rejectsMismatchedShapesAndIdsWithClearMessages() {
        SoftTokenLift lift = new SoftTokenLift(E, LiftMode.SOFT, SoftTokenLift.NO_EXCLUDED_TOKEN);
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> lift.lift(Nd4j.zeros(DataType.DOUBLE, 3, 3), new int[][]{{0, 1}}, new boolean[][]{{true, true}}));
        assertTrue(rows.getMessage().contains("B*L = 1*2 = 2"), rows.getMessage());
        IllegalArgumentException vocab = assertThrows(IllegalArgumentException.class,
                () -> lift.lift(Nd4j.zeros(DataType.DOUBLE, 2, 4), new int[][]{{0, 1}}, new boolean[][]{{true, true}}));
        assertTrue(vocab.getMessage().contains("[B*L, 3]"), vocab.getMessage());
        IllegalArgumentException id = assertThrows(IllegalArgumentException.class,
                () -> lift.lift(Nd4j.zeros(DataType.DOUBLE, 2, 3), new int[][]{{0, 7}}, new boolean[][]{{true, true}}));
        assertTrue(id.getMessage().contains("token id 7"), id.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SoftTokenLift(E, LiftMode.SOFT, 3));
        IllegalArgumentException excluded = assertThrows(IllegalArgumentException.class,
                () -> new SoftTokenLift(E, LiftMode.SOFT, LiftExclusion.NONE.plusAfterFirstPosition(5)));
        assertTrue(excluded.getMessage().contains("excluded token id 5"), excluded.getMessage());
    }
}
