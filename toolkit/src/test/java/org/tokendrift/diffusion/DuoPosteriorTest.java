package org.tokendrift.diffusion;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DuoPosteriorTest {

    @Test
    void handComputedPosterior() {
        // K = 3, x = (1/2, 1/4, 1/4), j = 0, alpha_t = 1/4, alpha_s = 1/2 (alpha_{t|s} = 1/2):
        // numerators (0.25 x_v + 1/12) + [v=0] (3/8 + 1/4) = (5/6, 7/48, 7/48); denominator 9/8.
        double[] q = DuoPosterior.probabilities(new double[] {0.5, 0.25, 0.25}, 0, 0.25, 0.5);
        assertArrayEquals(new double[] {20.0 / 27, 7.0 / 54, 7.0 / 54}, q, 1e-15);
    }

    @Test
    void matchesBayesOverTheForwardKernelsAndSumsToOne() {
        SplittableRandom rng = new SplittableRandom(31);
        for (int trial = 0; trial < 500; trial++) {
            int k = 2 + rng.nextInt(7);
            double at = 1e-3 + 0.99 * rng.nextDouble();
            double as = trial % 5 == 0 ? 1.0 : at + (1 - at) * rng.nextDouble(); // alpha_s = 1: final kernel
            double[] x = trial % 3 == 0 ? ExactSamplerDistributions.oneHot(k, rng.nextInt(k))
                    : DuoNelboTest.randomDistribution(k, rng, 1.5);
            int zt = rng.nextInt(k);
            double[] expected = ExactSamplerDistributions.duoBayes(x, zt, at, as);
            double[] actual = DuoPosterior.probabilities(x, zt, at, as);
            assertArrayEquals(expected, actual, 1e-12, "trial " + trial);
            assertEquals(1.0, java.util.Arrays.stream(actual).sum(), 1e-12);
        }
    }

    @Test
    void finalKernelMatchesTheReferenceFormula() {
        // alpha_s = 1: q_v = [K a x_v [v=j] + (1 - a) x_v] / (K a x_j + 1 - a)
        double[] x = {0.1, 0.6, 0.3};
        double a = 0.4;
        int j = 2;
        double den = 3 * a * x[j] + 1 - a;
        double[] expected = {(1 - a) * x[0] / den, (1 - a) * x[1] / den, (3 * a * x[2] + (1 - a) * x[2]) / den};
        assertArrayEquals(expected, DuoPosterior.probabilities(x, j, a, 1.0), 1e-15);
    }
}
