package org.tokendrift.diffusion;

/**
 * Watches a sampler's reverse process: called with the state after each step, so a notebook can
 * show how text appears step by step. The state array is the sampler's own and must not be kept or
 * changed; copy what you need.
 */
@FunctionalInterface
public interface SamplingObserver {

    /** Observes nothing. */
    SamplingObserver NONE = (step, time, state) -> { };

    /**
     * @param step  1-based index of the step just taken; the final step (noise removal) is {@code steps + 1}
     * @param time  the diffusion time reached by that step ({@code 0} after the final step)
     * @param state the tokens {@code z_s} after the step, {@code [B][L]}
     */
    void afterStep(int step, double time, int[][] state);
}
