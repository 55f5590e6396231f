package org.tokendrift.diffusion;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuoSamplerTest {

    private static final int K = 4;
    private static final int L = 2;
    private static final int N = 40_000;
    // Time-conditioned analytic denoiser: the logits move with sigma.
    private static final TabularDenoiser.LogitFunction F = TabularDenoiser.contextual(K, -1, 0.4);
    private final DuoConfig model = DuoConfig.defaults(K);

    private long[] histogram(DuoSamplerConfig config, long seed) {
        SampleResult r = new DuoSampler(model, config).sample(new TabularDenoiser(K, F), N, L, new SplittableRandom(seed));
        assertEquals(config.steps() + (config.finalStep() == DuoFinalStep.NONE ? 0 : 1), r.nfe());
        return ExactSamplerDistributions.histogram(r.tokens(), K);
    }

    private double[] exact(int steps, DuoFinalStep finalStep) {
        return ExactSamplerDistributions.duo(K, L, steps, finalStep, model.schedule(), F);
    }

    private static DuoSamplerConfig config(int steps, DuoFinalStep finalStep) {
        return DuoSamplerConfig.builder().steps(steps).finalStep(finalStep).build();
    }

    @Test
    void oneStepAncestralSamplerMatchesTheExactDistribution() {
        long[] counts = histogram(config(1, DuoFinalStep.ANCESTRAL), 1);
        double[] p = exact(1, DuoFinalStep.ANCESTRAL);
        assertTrue(ChiSquare.consistent(counts, p), ChiSquare.describe(counts, p));
    }

    @Test
    void fewStepAncestralSamplerMatchesTheExactDistributionAndTheTestCanFail() {
        long[] counts = histogram(config(3, DuoFinalStep.ANCESTRAL), 2);
        double[] p = exact(3, DuoFinalStep.ANCESTRAL);
        assertTrue(ChiSquare.consistent(counts, p), ChiSquare.describe(counts, p));
        double[] other = exact(1, DuoFinalStep.ANCESTRAL);
        assertFalse(ChiSquare.consistent(counts, other), ChiSquare.describe(counts, other));
    }

    @Test
    void greedyTailAndNoFinalStepMatchTheirExactDistributions() {
        long[] greedy = histogram(config(2, DuoFinalStep.GREEDY), 3);
        double[] pg = exact(2, DuoFinalStep.GREEDY);
        assertTrue(ChiSquare.consistent(greedy, pg), ChiSquare.describe(greedy, pg));
        long[] none = histogram(config(2, DuoFinalStep.NONE), 4);
        double[] pn = exact(2, DuoFinalStep.NONE);
        assertTrue(ChiSquare.consistent(none, pn), ChiSquare.describe(none, pn));
        assertFalse(ChiSquare.consistent(greedy, pn), "greedy tail must differ from no final step");
    }

    @Test
    void finalAncestralKernelIsVisibleAtALargeFinalTime() {
        // At t0 = 1e-5 the alpha_s = 1 kernel almost never moves a token; at t0 = 0.4 it does, so this checks it.
        DuoSamplerConfig config = DuoSamplerConfig.builder().steps(1).finalTime(0.4).build();
        long[] counts = histogram(config, 5);
        double[] p = ExactSamplerDistributions.duo(K, L, 1, DuoFinalStep.ANCESTRAL, 0.4, model.schedule(), F);
        assertTrue(ChiSquare.consistent(counts, p), ChiSquare.describe(counts, p));
        double[] withoutFinal = ExactSamplerDistributions.duo(K, L, 1, DuoFinalStep.NONE, 0.4, model.schedule(), F);
        assertFalse(ChiSquare.consistent(counts, withoutFinal), ChiSquare.describe(counts, withoutFinal));
    }

    @Test
    void callsTheNetworkOncePerStepPlusTheFinalStepWithMinusLogAlpha() {
        TabularDenoiser net = new TabularDenoiser(K, F);
        SampleResult r = new DuoSampler(model, DuoSamplerConfig.defaults(8)).sample(net, 3, 5, new SplittableRandom(6));
        assertEquals(9, r.nfe());
        assertEquals(9, net.calls());
        double[] grid = SamplingGrid.times(8, 1e-5);
        for (int i = 0; i <= 8; i++) {
            assertEquals(-Math.log(model.schedule().alpha(grid[i])), net.sigmas.get(i)[2], 1e-12, "call " + i);
        }
    }

    @Test
    void reproducibleUnderASeed() {
        DuoSampler sampler = new DuoSampler(model, DuoSamplerConfig.defaults(5));
        int[][] a = sampler.sample(new TabularDenoiser(K, F), 10, 7, new SplittableRandom(42)).tokens();
        int[][] b = sampler.sample(new TabularDenoiser(K, F), 10, 7, new SplittableRandom(42)).tokens();
        int[][] c = sampler.sample(new TabularDenoiser(K, F), 10, 7, new SplittableRandom(43)).tokens();
        assertTrue(Arrays.deepEquals(a, b));
        assertFalse(Arrays.deepEquals(a, c));
    }
}
