package org.tokendrift.diffusion;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuoForwardTest {

    private static final int K = 5;
    private final Duo duo = new Duo(DuoConfig.defaults(K));

    @Test
    void marginalMatchesAlphaOnehotPlusUniformByMonteCarlo() {
        int n = 60_000;
        int[][] x0 = new int[2][n];
        java.util.Arrays.fill(x0[0], 2);
        java.util.Arrays.fill(x0[1], 4);
        double[] t = {0.6, 0.15};
        Corruption c = duo.corruptAt(x0, t, new SplittableRandom(13));
        for (int b = 0; b < 2; b++) {
            double alpha = 1 - 0.999 * t[b];
            double[] p = new double[K];
            for (int v = 0; v < K; v++) {
                p[v] = (v == x0[b][0] ? alpha : 0.0) + (1 - alpha) / K;
            }
            long[] counts = new long[K];
            for (int v : c.tokens()[b]) {
                counts[v]++;
            }
            assertTrue(ChiSquare.consistent(counts, p), "sequence " + b + ": " + ChiSquare.describe(counts, p));
            // The MDLM-like "replace by a different token" kernel would be rejected: it never keeps via resampling.
            double[] wrong = new double[K];
            for (int v = 0; v < K; v++) {
                wrong[v] = v == x0[b][0] ? alpha : (1 - alpha) / (K - 1);
            }
            assertFalse(ChiSquare.consistent(counts, wrong), ChiSquare.describe(counts, wrong));
        }
    }

    @Test
    void conditionsOnMinusLogAlphaAndPredictsEveryPosition() {
        int[][] x0 = {{0, 1, 2}, {3, 4, 0}, {1, 1, 1}};
        Corruption c = duo.corrupt(x0, new SplittableRandom(3));
        assertEquals(9, c.predictedCount());
        for (int b = 0; b < 3; b++) {
            assertTrue(c.t()[b] >= 1e-3 && c.t()[b] <= 1.0);
            assertEquals(1 - 0.999 * c.t()[b], c.alpha()[b], 1e-15);
            assertEquals(-Math.log(c.alpha()[b]), c.sigma()[b], 1e-12);
        }
    }

    @Test
    void reproducibleUnderASeedAndRejectsOutOfVocabularyTokens() {
        int[][] x0 = {{0, 1, 2, 3, 4, 0, 1, 2}};
        assertArrayEquals(duo.corrupt(x0, new SplittableRandom(4)).tokens()[0],
                duo.corrupt(x0, new SplittableRandom(4)).tokens()[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> duo.corrupt(new int[][] {{0, 5}}, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("outside the vocabulary"), e.getMessage());
    }
}
