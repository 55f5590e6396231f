package org.tokendrift.drift;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToyDrift2DTest {

    @Test
    void balancedDriftMovesTheGeneratorOntoTheTargetGaussian() {
        ToyDrift2D.Settings settings = ToyDrift2D.Settings.demo();
        ToyDrift2D.Trajectory t = ToyDrift2D.run(settings);
        // Starts far away: mean (-2, 2), covariance 0.09 I.
        assertArrayEquals(new double[]{-2, 2}, t.means()[0], 0.0);
        double[] m = t.finalMean();
        double[][] c = t.finalCovariance();
        assertEquals(1.0, m[0], 0.1);
        assertEquals(-0.5, m[1], 0.1);
        assertEquals(1.0, c[0][0], 0.15);
        assertEquals(0.6, c[0][1], 0.15);
        assertEquals(0.8, c[1][1], 0.15);
        // Plot material is there: snapshots every 50 steps plus the last, arrows the size of the points.
        assertEquals(settings.steps() / 50 + 1, t.snapshots().size());
        assertEquals(settings.generatedPerStep(), t.snapshots().get(0).drift().length);
        assertEquals(settings.steps(), t.losses().length);
        // The loss carries no progress signal by design: each per-temperature field has unit RMS, so
        // L = alpha^2/2 * mean ||V||^2 stays in (0, 1/2] (1/2 only if all temperatures agree).
        for (double loss : t.losses()) {
            assertTrue(loss > 0 && loss <= 0.5 + 1e-12, "loss " + loss);
        }
    }

    /** Deng et al. Table 1 / TokenDrift Table 6 in 2-D: unbalanced fields miss the spread. */
    @Test
    void attractionOnlyCollapsesAndRepulsionHeavySpreadsTheGenerator() {
        ToyDrift2D.Settings base = ToyDrift2D.Settings.demo().withSteps(600);
        double targetTrace = 1.0 + 0.8;
        double attractTrace = trace(ToyDrift2D.run(base.withDrift(base.drift().toBuilder().weights(1, 0).build()))
                .finalCovariance());
        double repelTrace = trace(ToyDrift2D.run(base.withDrift(base.drift().toBuilder().weights(1, 2).build()))
                .finalCovariance());
        assertTrue(attractTrace < 0.7 * targetTrace, "attraction only should under-disperse, trace " + attractTrace);
        assertTrue(repelTrace > 1.4 * targetTrace, "repulsion-heavy should over-disperse, trace " + repelTrace);
    }

    @Test
    void sameSeedGivesTheSameTrajectory() {
        ToyDrift2D.Settings s = ToyDrift2D.Settings.demo().withSteps(20);
        assertArrayEquals(ToyDrift2D.run(s).finalMean(), ToyDrift2D.run(s).finalMean(), 0.0);
    }

    private static double trace(double[][] c) {
        return c[0][0] + c[1][1];
    }
}
