package org.tokendrift.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Wraps a {@link Denoiser} and counts the calls that actually reach it. Samplers report this count as their
 * number of function evaluations (NFE), so the figure is exact by construction rather than inferred from
 * the step count (research note §E.4).
 */
public final class CountingDenoiser implements Denoiser {

    private final Denoiser inner;
    private int calls;

    public CountingDenoiser(Denoiser inner) {
        if (inner == null) {
            throw new IllegalArgumentException("denoiser must not be null");
        }
        this.inner = inner;
    }

    @Override
    public INDArray logits(int[][] tokens, double[] sigma) {
        calls++;
        return inner.logits(tokens, sigma);
    }

    @Override
    public INDArray logitsFromProbabilities(INDArray probabilities, int batchSize, int seqLen, double[] sigma) {
        calls++;
        return inner.logitsFromProbabilities(probabilities, batchSize, seqLen, sigma);
    }

    /** Number of network calls so far. */
    public int calls() {
        return calls;
    }
}
