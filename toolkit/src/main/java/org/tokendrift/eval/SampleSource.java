package org.tokendrift.eval;

/**
 * Anything that generates token sequences at a given number of function evaluations (NFE): the
 * MDLM and DUO samplers implement it, with or without TokenDrift fine-tuning.
 */
public interface SampleSource {

    /**
     * Generates {@code numSamples} sequences with {@code nfe} network calls each, reproducibly for a
     * given {@code seed}.
     *
     * @return token ids {@code [numSamples][L]} in the generator's vocabulary
     */
    int[][] generate(int numSamples, int nfe, long seed);

    /** Backbone, method, checkpoint and training steps of the model behind this source. */
    SampleDescriptor descriptor();
}
