package org.tokendrift.eval.model;

import org.junit.jupiter.api.Test;
import org.tokendrift.diffusion.DuoFinalStep;
import org.tokendrift.eval.SampleDescriptor;
import org.tokendrift.nn.DiT;
import org.tokendrift.nn.DiTConfig;
import org.tokendrift.tokenizer.SpecialToken;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NFE → steps on tiny untrained networks: the counted network calls are the requested NFE. */
class DiffusionSampleSourceTest {

    private static final int VOCAB = 16;
    private static final int LENGTH = 32;

    private static DiffusionSampleSource mdlm(boolean cache, int batchSize) {
        DiT model = new DiT(TinyModels.config(VOCAB, LENGTH, false, false), 1);
        NfeSampler sampler = NfeSampler.mdlm(DiffusionBackbone.mdlmConfig(model.config()), cache, true);
        return new DiffusionSampleSource(model, sampler, new SampleDescriptor("mdlm", "pretrained", "tiny", 0), batchSize);
    }

    private static DiffusionSampleSource duo(DuoFinalStep finalStep) {
        DiT model = new DiT(TinyModels.config(VOCAB, LENGTH, false, true), 1);
        NfeSampler sampler = NfeSampler.duo(DiffusionBackbone.duoConfig(model.config()), finalStep);
        return new DiffusionSampleSource(model, sampler, new SampleDescriptor("duo", "pretrained", "tiny", 0), 4);
    }

    @Test
    void mdlmWithCacheMakesExactlyTheRequestedNumberOfCalls() {
        DiffusionSampleSource source = mdlm(true, 4);
        for (int nfe : new int[]{4, 8}) {
            int[][] samples = source.generate(6, nfe, 0);
            DiffusionSampleSource.Generation g = source.generations().get(source.generations().size() - 1);
            assertEquals(nfe - 1, g.steps(), "loop steps = NFE - 1 (the noise-removal call is the last one)");
            assertArrayEquals(new int[]{nfe, nfe}, g.countedNfe(), "6 samples in batches of 4: two sampler runs");
            assertEquals(6, samples.length);
            for (int[] row : samples) {
                assertEquals(LENGTH, row.length);
                assertFalse(Arrays.stream(row).anyMatch(id -> id == SpecialToken.MASK.id()), "no [MASK] survives");
            }
        }
    }

    @Test
    void duoMakesStepsPlusOneCallsWithEitherFinalStepAndStepsWithoutOne() {
        for (DuoFinalStep finalStep : new DuoFinalStep[]{DuoFinalStep.ANCESTRAL, DuoFinalStep.GREEDY}) {
            DiffusionSampleSource source = duo(finalStep);
            for (int nfe : new int[]{4, 8}) {
                source.generate(4, nfe, 1);
                DiffusionSampleSource.Generation g = source.generations().get(source.generations().size() - 1);
                assertEquals(nfe - 1, g.steps(), finalStep + " nfe " + nfe);
                assertArrayEquals(new int[]{nfe}, g.countedNfe(), finalStep + " nfe " + nfe);
            }
        }
        DiffusionSampleSource noFinal = duo(DuoFinalStep.NONE);
        noFinal.generate(4, 4, 1);
        assertEquals(4, noFinal.generations().get(0).steps());
        assertArrayEquals(new int[]{4}, noFinal.generations().get(0).countedNfe());
    }

    @Test
    void samplesArePinnedBySeedAndNfe() {
        DiffusionSampleSource a = mdlm(true, 4);
        DiffusionSampleSource b = mdlm(true, 4);
        assertTrue(Arrays.deepEquals(a.generate(4, 8, 5), b.generate(4, 8, 5)), "same seed and NFE, same samples");
        assertFalse(Arrays.deepEquals(a.generate(4, 8, 5), a.generate(4, 8, 6)), "another seed, other samples");
        assertFalse(Arrays.deepEquals(a.generate(4, 8, 5), a.generate(4, 4, 5)), "another NFE, another stream");
    }

    @Test
    void aSkippedCacheCallIsReportedInsteadOfRecordedAsTheRequestedNfe() {
        // One sequence of 32 tokens over 63 steps: many steps unmask nothing, so the cache skips calls.
        DiffusionSampleSource cached = mdlm(true, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cached.generate(1, 64, 0));
        assertTrue(e.getMessage().contains("requested NFE 64") && e.getMessage().contains("MDLM cache skipped calls"),
                e.getMessage());
        assertTrue(cached.generations().isEmpty(), "a failed generation is not recorded");

        DiffusionSampleSource uncached = mdlm(false, 1);
        uncached.generate(1, 64, 0);
        assertArrayEquals(new int[]{64}, uncached.generations().get(0).countedNfe());
    }

    @Test
    void anNfeBelowOneStepPlusTheFinalCallIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mdlm(true, 4).generate(4, 1, 0));
        assertTrue(e.getMessage().contains("NFE >= 2"), e.getMessage());
    }

    @Test
    void theSamplerMustDrawFromTheNetworksVocabulary() {
        DiT model = new DiT(TinyModels.config(VOCAB, LENGTH, false, false), 1);
        DiTConfig wider = TinyModels.config(VOCAB + 1, LENGTH, false, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DiffusionSampleSource(model,
                NfeSampler.mdlm(DiffusionBackbone.mdlmConfig(wider), true, true),
                new SampleDescriptor("mdlm", "pretrained", "tiny", 0), 4));
        assertTrue(e.getMessage().contains("17") && e.getMessage().contains("16"), e.getMessage());
    }
}
