package org.tokendrift.eval.model;

import org.tokendrift.diffusion.DiTDenoiser;
import org.tokendrift.diffusion.SampleResult;
import org.tokendrift.diffusion.Sampler;
import org.tokendrift.eval.SampleDescriptor;
import org.tokendrift.eval.SampleSource;
import org.tokendrift.nn.DiT;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A diffusion model (a DiT with its evaluation weights) and its reference sampler as a
 * {@link SampleSource}: generates full-length sequences from noise at a requested NFE.
 *
 * <p><b>NFE.</b> The requested NFE is turned into loop steps by {@link NfeSampler#stepsFor}
 * ({@code steps = nfe - 1} with the final call). The sampler counts the network calls it really made
 * ({@link SampleResult#nfe()}); every batch must have made exactly the requested number, otherwise
 * generation fails naming both numbers, so the {@code nfe} written to the results table is always a
 * counted NFE. {@link #generations()} records the counts and wall time of every call.
 *
 * <p><b>Reproducibility.</b> All random draws of one {@code generate(numSamples, nfe, seed)} come from
 * one float64 generator seeded by {@code (seed, nfe)}, consumed batch after batch, so the samples are
 * a function of {@code (weights, seed, nfe, numSamples, batchSize)}.
 */
public final class DiffusionSampleSource implements SampleSource {

    /** Samples per sampler batch unless told otherwise: one batch for the default 64-sample cell. */
    public static final int DEFAULT_BATCH_SIZE = 64;

    /**
     * What one {@link #generate} call did.
     *
     * @param nfe        the requested NFE
     * @param steps      the sampler's loop steps
     * @param countedNfe network calls counted in each batch (all equal to {@code nfe})
     * @param seconds    wall time of the generation
     */
    public record Generation(int nfe, int steps, int[] countedNfe, double seconds) {

        public Generation {
            countedNfe = countedNfe.clone();
        }

        @Override
        public int[] countedNfe() {
            return countedNfe.clone();
        }
    }

    private final DiT model;
    private final DiTDenoiser denoiser;
    private final NfeSampler sampler;
    private final SampleDescriptor descriptor;
    private final int batchSize;
    private final List<Generation> generations = new ArrayList<>();

    /**
     * @param model      the denoiser network with the weights to sample from (EMA weights for evaluation)
     * @param sampler    the backbone's sampler settings; its vocabulary must be the network's
     * @param descriptor backbone, method, checkpoint and training steps written next to the samples
     * @param batchSize  sequences per sampler run; larger batches make a skipped MDLM-cache call rarer
     */
    public DiffusionSampleSource(DiT model, NfeSampler sampler, SampleDescriptor descriptor, int batchSize) {
        this.model = Objects.requireNonNull(model, "model");
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        if (sampler.vocabSize() != model.config().vocabSize()) {
            throw new IllegalArgumentException("the sampler draws from " + sampler.vocabSize() + " ids but the network "
                    + "has a vocabulary of " + model.config().vocabSize());
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.denoiser = new DiTDenoiser(model);
        this.batchSize = batchSize;
    }

    @Override
    public int[][] generate(int numSamples, int nfe, long seed) {
        if (numSamples < 1) {
            throw new IllegalArgumentException("numSamples must be >= 1, got " + numSamples);
        }
        int steps = sampler.stepsFor(nfe);
        Sampler run = sampler.forNfe(nfe);
        RandomGenerator rng = generator(seed, nfe);
        int seqLen = model.config().seqLen();
        int[][] samples = new int[numSamples][];
        int[] counted = new int[(numSamples + batchSize - 1) / batchSize];
        long start = System.nanoTime();
        for (int first = 0, batch = 0; first < numSamples; first += batchSize, batch++) {
            int size = Math.min(batchSize, numSamples - first);
            SampleResult result = run.sample(denoiser, size, seqLen, rng);
            counted[batch] = result.nfe();
            if (result.nfe() != nfe) {
                throw new IllegalStateException(mismatch(nfe, steps, result.nfe(), batch, size, seqLen, seed));
            }
            System.arraycopy(result.tokens(), 0, samples, first, size);
        }
        generations.add(new Generation(nfe, steps, counted, (System.nanoTime() - start) / 1e9));
        return samples;
    }

    @Override
    public SampleDescriptor descriptor() {
        return descriptor;
    }

    /** Every successful {@link #generate} call so far, oldest first. */
    public List<Generation> generations() {
        return List.copyOf(generations);
    }

    public NfeSampler sampler() {
        return sampler;
    }

    /** The generator of every draw of one (seed, NFE) cell; different NFEs get unrelated streams. */
    static RandomGenerator generator(long seed, int nfe) {
        return org.tokendrift.util.SeededStreams.stream(seed, nfe);
    }

    private String mismatch(int nfe, int steps, int counted, int batch, int size, int seqLen, long seed) {
        String message = descriptor.backbone() + "/" + descriptor.method() + ": requested NFE " + nfe + " (" + steps
                + " loop steps + " + sampler.finalCalls() + " final call) but the sampler counted " + counted
                + " network calls in batch " + batch + " (seed " + seed + ")";
        if (counted < nfe && sampler.mayMakeFewerCalls()) {
            return message + "; the MDLM cache skipped calls because some step unmasked no token in the whole batch ("
                    + size + " x " + seqLen + " tokens, about " + String.format(java.util.Locale.ROOT, "%.1f",
                    (double) size * seqLen / steps) + " unmasked per step). Sample in larger batches or switch the "
                    + "cache off so that the reported NFE is the spent one";
        }
        return message + "; the table would report an NFE that was not spent";
    }
}
