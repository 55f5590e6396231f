package org.tokendrift.diffusion;

import java.util.random.RandomGenerator;

/** Generates sequences from noise with a {@link Denoiser}. Same generator state, same samples. */
public interface Sampler {

    /**
     * @param denoiser  the network (called once per evaluation with the whole batch)
     * @param batchSize number of sequences {@code B}
     * @param seqLen    sequence length {@code L}
     * @param rng       source of every random draw (float64 uniforms)
     */
    default SampleResult sample(Denoiser denoiser, int batchSize, int seqLen, RandomGenerator rng) {
        return sample(denoiser, batchSize, seqLen, rng, SamplingObserver.NONE);
    }

    /** As {@link #sample(Denoiser, int, int, RandomGenerator)}, showing {@code observer} the state after every step. */
    SampleResult sample(Denoiser denoiser, int batchSize, int seqLen, RandomGenerator rng, SamplingObserver observer);
}
