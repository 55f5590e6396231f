package org.tokendrift.eval.model;

import org.tokendrift.diffusion.DuoConfig;
import org.tokendrift.diffusion.DuoFinalStep;
import org.tokendrift.diffusion.DuoSampler;
import org.tokendrift.diffusion.DuoSamplerConfig;
import org.tokendrift.diffusion.MdlmConfig;
import org.tokendrift.diffusion.MdlmSampler;
import org.tokendrift.diffusion.MdlmSamplerConfig;
import org.tokendrift.diffusion.Sampler;

/**
 * A backbone's reference ancestral sampler addressed by its number of function evaluations (NFE)
 * instead of its loop steps.
 *
 * <p><b>NFE → steps.</b> Both reference samplers make one network call per loop step plus one final
 * call: MDLM its noise-removal argmax at {@code t = 1e-5}, DUO its ancestral or greedy final step
 * (research note §E.4). A requested NFE {@code n} therefore runs {@code steps = n - 1} loop steps, so
 * that the sampler makes exactly {@code n} calls and the table's {@code nfe} column is the real
 * cost. Without a final call (MDLM {@code noiseRemoval = false}, DUO {@link DuoFinalStep#NONE})
 * {@code steps = n}. Reporting {@code steps} instead (as the papers' "T" does) would undercount every
 * cell by one call, which matters at NFE 4.
 *
 * <p><b>MDLM cache.</b> Without time conditioning, MDLM reuses the network output of an unchanged
 * batch ("ddpm_cache"), so it can make fewer than {@code n} calls when a step unmasks nothing
 * anywhere in the batch. With {@code B * L} tokens the expected number unmasked per step is
 * {@code B * L / steps} under the log-linear schedule, so at the default scale (64 x 128 tokens,
 * NFE ≤ 256) a skipped call essentially never happens; {@link DiffusionSampleSource} fails loudly
 * if it does rather than report an NFE that was not spent.
 */
public sealed interface NfeSampler {

    /** Network calls made after the loop: 1 with a final step, else 0. */
    int finalCalls();

    /** The sampler configured for {@link #stepsFor(int) stepsFor(nfe)} loop steps. */
    Sampler forNfe(int nfe);

    /** Whether a run may make fewer calls than requested (the MDLM cache); never more. */
    boolean mayMakeFewerCalls();

    /** Vocabulary size the sampler draws from. */
    int vocabSize();

    /** Short human-readable settings, e.g. {@code "mdlm ancestral, cache on, noise removal on"}. */
    String description();

    /** Loop steps that make {@code nfe} network calls in total. */
    default int stepsFor(int nfe) {
        int steps = nfe - finalCalls();
        if (steps < 1) {
            throw new IllegalArgumentException("NFE " + nfe + " is too small: " + description() + " needs at least one "
                    + "loop step plus " + finalCalls() + " final call(s), i.e. NFE >= " + (1 + finalCalls()));
        }
        return steps;
    }

    /** MDLM with the reference defaults except for the explicit cache and noise-removal switches. */
    static NfeSampler mdlm(MdlmConfig model, boolean cache, boolean noiseRemoval) {
        return new Mdlm(model, cache, noiseRemoval);
    }

    /** DUO with the reference defaults and the given final step. */
    static NfeSampler duo(DuoConfig model, DuoFinalStep finalStep) {
        return new Duo(model, finalStep);
    }

    /** MDLM: {@code steps} loop iterations, then the noise-removal call if enabled. */
    record Mdlm(MdlmConfig model, boolean cache, boolean noiseRemoval) implements NfeSampler {

        @Override
        public int finalCalls() {
            return noiseRemoval ? 1 : 0;
        }

        @Override
        public Sampler forNfe(int nfe) {
            return new MdlmSampler(model, MdlmSamplerConfig.builder().steps(stepsFor(nfe)).cache(cache)
                    .noiseRemoval(noiseRemoval).build());
        }

        @Override
        public boolean mayMakeFewerCalls() {
            // The sampler ignores the cache for a time-conditioned network, where reuse would be wrong.
            return cache && !model.timeConditioning();
        }

        @Override
        public int vocabSize() {
            return model.vocabSize();
        }

        @Override
        public String description() {
            return "mdlm ancestral sampler, cache " + (mayMakeFewerCalls() ? "on" : "off") + ", noise removal "
                    + (noiseRemoval ? "on" : "off");
        }
    }

    /** DUO: {@code steps} loop iterations, then the final step unless it is {@link DuoFinalStep#NONE}. */
    record Duo(DuoConfig model, DuoFinalStep finalStep) implements NfeSampler {

        public Duo {
            if (finalStep == null) {
                throw new IllegalArgumentException("finalStep must not be null");
            }
        }

        @Override
        public int finalCalls() {
            return finalStep == DuoFinalStep.NONE ? 0 : 1;
        }

        @Override
        public Sampler forNfe(int nfe) {
            return new DuoSampler(model, DuoSamplerConfig.builder().steps(stepsFor(nfe)).finalStep(finalStep).build());
        }

        @Override
        public boolean mayMakeFewerCalls() {
            return false;
        }

        @Override
        public int vocabSize() {
            return model.vocabSize();
        }

        @Override
        public String description() {
            return "duo ancestral sampler, final step " + finalStep.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
