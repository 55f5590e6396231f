package org.tokendrift.diffusion;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MdlmPosteriorTest {

    private static final int V = 5;
    private static final int MASK = 2; // the mask need not be the last id

    @Test
    void matchesBayesOverTheForwardKernelsAndSumsToOne() {
        SplittableRandom rng = new SplittableRandom(17);
        LogLinearSchedule schedule = LogLinearSchedule.standard();
        for (int trial = 0; trial < 200; trial++) {
            double t = 0.01 + 0.99 * rng.nextDouble();
            double s = t * rng.nextDouble();
            double at = schedule.alpha(t);
            double as = schedule.alpha(s);
            double[] x = trial % 3 == 0 ? ExactSamplerDistributions.oneHot(V, trial % 2 == 0 ? 0 : 4) : randomSubs(rng);
            for (int zt = 0; zt < V; zt++) {
                if (zt != MASK && x[zt] == 0.0 && trial % 3 == 0) {
                    continue; // z_t impossible under a one-hot x
                }
                double[] expected = ExactSamplerDistributions.mdlmBayes(x, zt, MASK, at, as);
                double[] actual = MdlmPosterior.probabilities(x, zt, MASK, at, as);
                assertArrayEquals(expected, actual, 1e-13, "trial " + trial + ", z_t = " + zt);
                assertEquals(1.0, java.util.Arrays.stream(actual).sum(), 1e-13);
            }
        }
    }

    @Test
    void handComputedMaskedRow() {
        // alpha_t = 0.2, alpha_s = 0.6: stay masked with (1 - 0.6)/(1 - 0.2) = 0.5, else x scaled by 0.4/0.8.
        double[] x = {0.5, 0.3, 0.0, 0.2, 0.0};
        assertArrayEquals(new double[] {0.25, 0.15, 0.5, 0.1, 0.0},
                MdlmPosterior.probabilities(x, MASK, MASK, 0.2, 0.6), 1e-15);
        assertArrayEquals(new double[] {0, 0, 0, 1, 0}, MdlmPosterior.probabilities(x, 3, MASK, 0.2, 0.6), 0.0);
    }

    private static double[] randomSubs(SplittableRandom rng) {
        double[] x = new double[V];
        double sum = 0;
        for (int v = 0; v < V; v++) {
            x[v] = v == MASK ? 0.0 : -Math.log(rng.nextDouble());
            sum += x[v];
        }
        for (int v = 0; v < V; v++) {
            x[v] /= sum;
        }
        return x;
    }
}
