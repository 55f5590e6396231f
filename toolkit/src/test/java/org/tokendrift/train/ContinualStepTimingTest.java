package org.tokendrift.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tokendrift.data.DataPaths;
import org.tokendrift.data.Split;
import org.tokendrift.data.TokenDataset;
import org.tokendrift.diffusion.Mdlm;
import org.tokendrift.diffusion.MdlmConfig;
import org.tokendrift.drift.DiTFeatureEncoder;
import org.tokendrift.drift.TokenDriftConfig;
import org.tokendrift.nn.AdamW;
import org.tokendrift.nn.AdamWConfig;
import org.tokendrift.nn.DiT;
import org.tokendrift.nn.DiTConfig;
import org.tokendrift.nn.GradientClipping;
import org.tokendrift.tokenizer.SpecialToken;

import java.io.IOException;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wall time of one optimiser step at the project's default scale (V 4096, L 128, d 256, 4 layers,
 * global batch 32): TokenDrift (micro-batch 8) against the continuation baseline, which is the
 * pretraining step. Opt-in because it takes a minute on an idle machine:
 * {@code mvn -pl toolkit test -Dtest=ContinualStepTimingTest -Dtokendrift.timing=true}. The
 * numbers are printed; the assertions only check that both steps produced finite losses.
 */
@EnabledIfSystemProperty(named = "tokendrift.timing", matches = "true")
class ContinualStepTimingTest {

    private static final int BATCH = 32, MEASURED = 2;

    @Test
    void tokenDriftStepAgainstAContinuationStepAtTheDefaultScale() throws IOException {
        DiTConfig cfg = DiTConfig.builder().build();
        TokenDataset data = TokenDataset.open(DataPaths.sampleDir(), Split.TRAIN);
        Mdlm mdlm = new Mdlm(MdlmConfig.defaults(cfg.vocabSize(), SpecialToken.MASK.id()));
        DiT model = new DiT(cfg, 1);
        Objective continuation = new DiffusionObjective(mdlm, null, 0);
        Objective drift = new TokenDriftTrainingObjective(mdlm,
                TokenDriftConfig.builder().globalBatch(BATCH).microBatch(8).build(), DiTFeatureEncoder.frozenCopyOf(model));
        double continuationSeconds = secondsPerStep(continuation, model, data);
        double driftSeconds = secondsPerStep(drift, model, data);
        System.out.printf(Locale.ROOT, "[ContinualStepTiming] batch %d: continuation %.2f s/step, TokenDrift %.2f s/step (x%.2f); "
                        + "load average %.1f on %d cores%n", BATCH, continuationSeconds, driftSeconds, driftSeconds / continuationSeconds,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    /** Mean wall time of {@value #MEASURED} steps (forward, backward, clipping, AdamW) after one warm-up step. */
    private static double secondsPerStep(Objective objective, DiT model, TokenDataset data) {
        AdamW optimizer = new AdamW(AdamWConfig.builder().build(), model.parameters());
        long start = 0;
        for (int step = 0; step <= MEASURED; step++) {
            if (step == 1) {
                start = System.nanoTime();
            }
            RandomGenerator rng = RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom").create(step);
            double loss = objective.trainStep(model, data.blocks(step * BATCH, (step + 1) * BATCH), step, rng);
            assertTrue(Double.isFinite(loss), "loss " + loss);
            GradientClipping.clipGlobalNorm(model.parameters(), 1.0);
            optimizer.step(1e-5);
        }
        return (System.nanoTime() - start) / 1e9 / MEASURED;
    }
}
