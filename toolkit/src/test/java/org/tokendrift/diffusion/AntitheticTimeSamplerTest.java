package org.tokendrift.diffusion;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AntitheticTimeSamplerTest {

    @Test
    void oneTimePerStratumInsideTheFlooredRange() {
        AntitheticTimeSampler sampler = AntitheticTimeSampler.standard();
        int n = 16;
        for (int trial = 0; trial < 50; trial++) {
            double[] t = sampler.sample(n, new SplittableRandom(trial));
            for (int i = 0; i < n; i++) {
                assertTrue(t[i] >= 1e-3 && t[i] <= 1.0, "t = " + t[i]);
                double u = (t[i] - 1e-3) / (1 - 1e-3); // back to the stratified uniform
                assertEquals(i, (int) Math.floor(u * n + 1e-12), "stratum of sample " + i + " (u = " + u + ")");
            }
        }
    }

    @Test
    void meanIsCloseToTheUniformMeanWithLowVariance() {
        // Stratification makes the batch mean of t nearly deterministic: |mean - E[t]| <= 1/n per batch.
        AntitheticTimeSampler sampler = AntitheticTimeSampler.standard();
        double expected = 0.5 * (1 + 1e-3);
        for (int trial = 0; trial < 20; trial++) {
            double[] t = sampler.sample(64, new SplittableRandom(100 + trial));
            double mean = java.util.Arrays.stream(t).average().orElseThrow();
            assertEquals(expected, mean, 1.0 / 64);
        }
    }

    @Test
    void reproducibleUnderASeed() {
        AntitheticTimeSampler sampler = AntitheticTimeSampler.standard();
        assertArrayEquals(sampler.sample(8, new SplittableRandom(7)), sampler.sample(8, new SplittableRandom(7)));
    }
}
