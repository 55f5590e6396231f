package org.tokendrift.diffusion;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MdlmForwardTest {

    private final Mdlm mdlm = new Mdlm(MdlmConfig.defaults(5, 4));

    @Test
    void maskRateMatchesOneMinusAlphaByMonteCarlo() {
        int n = 50_000;
        int[][] x0 = new int[2][n];
        for (int l = 0; l < n; l++) {
            x0[0][l] = l % 4;
            x0[1][l] = (l * 7) % 4;
        }
        double[] t = {0.3, 0.85};
        Corruption c = mdlm.corruptAt(x0, t, new SplittableRandom(5));
        for (int b = 0; b < 2; b++) {
            double p = 0.999 * t[b]; // 1 - alpha_t
            int masked = 0;
            for (int l = 0; l < n; l++) {
                boolean isMasked = c.tokens()[b][l] == 4;
                assertEquals(isMasked, c.predicted()[b][l], "predicted = masked");
                if (isMasked) {
                    masked++;
                } else {
                    assertEquals(x0[b][l], c.tokens()[b][l], "unmasked tokens stay clean");
                }
            }
            double sd = Math.sqrt(p * (1 - p) / n);
            assertEquals(p, masked / (double) n, 5 * sd, "mask rate of sequence " + b);
        }
        // A 5-sd bound at this n rejects a 5% relative error in the rate, so the check has teeth.
        assertTrue(5 * Math.sqrt(0.3 * 0.7 / n) < 0.05 * 0.3);
    }

    @Test
    void antitheticTimesNoConditioningByDefaultAndAlphaFromTheSchedule() {
        int[][] x0 = {{0, 1, 2}, {3, 2, 1}, {0, 0, 0}, {1, 1, 1}};
        Corruption c = mdlm.corrupt(x0, new SplittableRandom(9));
        assertNull(c.sigma(), "MDLM is not time-conditioned by default");
        for (int b = 0; b < 4; b++) {
            assertTrue(c.t()[b] >= 1e-3 && c.t()[b] <= 1.0);
            assertEquals((int) Math.floor((c.t()[b] - 1e-3) / (1 - 1e-3) * 4), b, "one stratum per sequence");
            assertEquals(1 - 0.999 * c.t()[b], c.alpha()[b], 1e-15);
            assertEquals(-0.999, c.alphaPrime()[b], 0.0);
        }
        Mdlm conditioned = new Mdlm(MdlmConfig.builder(5, 4).timeConditioning(true).build());
        Corruption cc = conditioned.corruptAt(x0, new double[] {0.1, 0.2, 0.3, 0.4}, new SplittableRandom(1));
        assertEquals(-Math.log(1 - 0.999 * 0.3), cc.sigma()[2], 1e-15);
    }

    @Test
    void reproducibleUnderASeed() {
        int[][] x0 = {{0, 1, 2, 3, 0, 1, 2, 3}};
        Corruption a = mdlm.corrupt(x0, new SplittableRandom(21));
        Corruption b = mdlm.corrupt(x0, new SplittableRandom(21));
        assertArrayEquals(a.tokens()[0], b.tokens()[0]);
        assertArrayEquals(a.t(), b.t());
    }

    @Test
    void rejectsMaskInDataAndTimesOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class,
                () -> mdlm.corruptAt(new int[][] {{0, 4}}, new double[] {0.5}, new SplittableRandom(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mdlm.corruptAt(new int[][] {{0, 1}}, new double[] {1.2}, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("1.2"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> mdlm.corruptAt(new int[][] {{0, 5}}, new double[] {0.5}, new SplittableRandom(1)));
    }
}
