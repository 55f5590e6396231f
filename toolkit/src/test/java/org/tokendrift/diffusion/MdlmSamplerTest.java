package org.tokendrift.diffusion;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MdlmSamplerTest {

    private static final int V = 4;
    private static final int MASK = 3;
    private static final int L = 2;
    private static final int N = 40_000;
    // A large mask logit: without SUBS zero-masking the samples would be mostly [MASK].
    private static final TabularDenoiser.LogitFunction F = TabularDenoiser.contextual(V, MASK, 0.0);
    private final MdlmConfig model = MdlmConfig.defaults(V, MASK);

    private long[] sampleHistogram(MdlmSamplerConfig config, long seed) {
        SampleResult result = new MdlmSampler(model, config).sample(new TabularDenoiser(V, F), N, L,
                new SplittableRandom(seed));
        return ExactSamplerDistributions.histogram(result.tokens(), V);
    }

    private double[] exact(int steps, boolean noiseRemoval) {
        return ExactSamplerDistributions.mdlm(V, MASK, L, steps, noiseRemoval, model.schedule(), F);
    }

    @Test
    void oneStepSamplerMatchesTheExactDistribution() {
        long[] counts = sampleHistogram(MdlmSamplerConfig.defaults(1), 1);
        double[] p = exact(1, true);
        assertTrue(ChiSquare.consistent(counts, p), ChiSquare.describe(counts, p));
    }

    @Test
    void fewStepSamplerMatchesTheExactDistributionAndTheTestCanFail() {
        long[] counts = sampleHistogram(MdlmSamplerConfig.defaults(4), 2);
        double[] p = exact(4, true);
        assertTrue(ChiSquare.consistent(counts, p), ChiSquare.describe(counts, p));
        double[] other = exact(1, true);
        assertFalse(ChiSquare.consistent(counts, other), "4-step samples must not pass as 1-step: "
                + ChiSquare.describe(counts, other));
    }

    @Test
    void withoutNoiseRemovalSomePositionsStayMaskedAsPredicted() {
        long[] counts = sampleHistogram(MdlmSamplerConfig.builder().steps(3).noiseRemoval(false).build(), 3);
        double[] p = exact(3, false);
        assertTrue(ChiSquare.consistent(counts, p), ChiSquare.describe(counts, p));
        double withMask = 0.0;
        for (int state = 0; state < p.length; state++) {
            int[] seq = ExactSamplerDistributions.decode(state, V, L);
            withMask += (seq[0] == MASK || seq[1] == MASK) ? p[state] : 0.0;
        }
        // Marginally a position is still masked at s = 1e-5 with probability (1 - alpha_s)/(1 - alpha_1) = 1e-5.
        assertEquals(2e-5, withMask, 1e-9, "probability of a leftover mask");
    }

    @Test
    void noiseRemovalArgmaxIsVisibleAtALargeFinalTime() {
        // Stopping the loop at t = 0.4 leaves ~40% of positions masked for the greedy noise-removal step.
        MdlmSamplerConfig config = MdlmSamplerConfig.builder().steps(1).finalTime(0.4).build();
        long[] counts = sampleHistogram(config, 6);
        double[] p = ExactSamplerDistributions.mdlm(V, MASK, L, 1, true, 0.4, model.schedule(), F);
        assertTrue(ChiSquare.consistent(counts, p), ChiSquare.describe(counts, p));
        double[] fromOneStep = exact(1, true);
        assertFalse(ChiSquare.consistent(counts, fromOneStep), ChiSquare.describe(counts, fromOneStep));
    }

    @Test
    void cacheGivesTheSameSamplesWithFewerNetworkCalls() {
        MdlmSamplerConfig cached = MdlmSamplerConfig.builder().steps(64).build();
        MdlmSamplerConfig uncached = MdlmSamplerConfig.builder().steps(64).cache(false).build();
        TabularDenoiser a = new TabularDenoiser(V, F);
        TabularDenoiser b = new TabularDenoiser(V, F);
        SampleResult withCache = new MdlmSampler(model, cached).sample(a, 3, 4, new SplittableRandom(8));
        SampleResult without = new MdlmSampler(model, uncached).sample(b, 3, 4, new SplittableRandom(8));
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(without.tokens()[i], withCache.tokens()[i], "sequence " + i);
        }
        assertEquals(65, without.nfe());
        assertEquals(b.calls(), without.nfe());
        assertEquals(a.calls(), withCache.nfe(), "NFE counts real calls");
        assertTrue(withCache.nfe() <= 3 * 4 + 2, "at most one recomputation per unmasking event, got " + withCache.nfe());
    }

    @Test
    void cachedSamplerCallsTheNetworkOnlyWhenTheBatchChanged() {
        TabularDenoiser net = new TabularDenoiser(V, F);
        SampleResult r = new MdlmSampler(model, MdlmSamplerConfig.defaults(500)).sample(net, 1, 3,
                new SplittableRandom(4));
        assertEquals(net.calls(), r.nfe());
        assertTrue(r.nfe() >= 2 && r.nfe() <= 3 + 2, "NFE = 1 + state changes + final call, got " + r.nfe());
        // Every loop call sees a new state (the final noise-removal call may repeat the last one).
        for (int i = 1; i < net.calls() - 1; i++) {
            assertFalse(Arrays.deepEquals(net.inputs.get(i - 1), net.inputs.get(i)), "redundant call " + i);
        }
        for (double[] sigma : net.sigmas) {
            assertNull(sigma, "unconditioned MDLM passes sigma = null");
        }
        for (int token : r.tokens()[0]) {
            assertTrue(token != MASK && token >= 0 && token < V);
        }
    }

    @Test
    void timeConditionedModelDisablesTheCacheAndPassesSigma() {
        MdlmConfig conditioned = MdlmConfig.builder(V, MASK).timeConditioning(true).build();
        TabularDenoiser net = new TabularDenoiser(V, F);
        MdlmSampler sampler = new MdlmSampler(conditioned, MdlmSamplerConfig.defaults(10));
        assertFalse(sampler.cacheActive());
        SampleResult r = sampler.sample(net, 2, 3, new SplittableRandom(1));
        assertEquals(11, r.nfe());
        assertNotNull(net.sigmas.get(0));
        assertEquals(-Math.log(1e-3), net.sigmas.get(0)[1], 1e-12); // t = 1
        assertEquals(conditioned.schedule().sigma(1e-5), net.sigmas.get(10)[0], 1e-15); // final call
    }

    @Test
    void reproducibleUnderASeed() {
        MdlmSampler sampler = new MdlmSampler(model, MdlmSamplerConfig.defaults(20));
        int[][] a = sampler.sample(new TabularDenoiser(V, F), 16, 6, new SplittableRandom(99)).tokens();
        int[][] b = sampler.sample(new TabularDenoiser(V, F), 16, 6, new SplittableRandom(99)).tokens();
        int[][] c = sampler.sample(new TabularDenoiser(V, F), 16, 6, new SplittableRandom(100)).tokens();
        assertTrue(Arrays.deepEquals(a, b));
        assertFalse(Arrays.deepEquals(a, c));
    }
}
