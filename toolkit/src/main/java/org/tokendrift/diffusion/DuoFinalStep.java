package org.tokendrift.diffusion;

/**
 * What the DUO sampler does at {@code t = finalTime} after its loop (research note §B.7).
 */
public enum DuoFinalStep {
    /** One more posterior draw with {@code alpha_s = 1} (reference default); rarely changes a token. */
    ANCESTRAL,
    /** "Greedy-Tail": {@code z = argmax x_theta} at every position; lowers entropy (and Gen-PPL). */
    GREEDY,
    /** No final step, NFE = steps. */
    NONE
}
