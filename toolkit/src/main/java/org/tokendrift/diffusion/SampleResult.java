package org.tokendrift.diffusion;

/**
 * Generated sequences and the number of network calls it took.
 *
 * @param tokens generated tokens {@code [B][L]}
 * @param nfe    real number of function evaluations (denoiser calls), counted, not inferred
 */
public record SampleResult(int[][] tokens, int nfe) {
}
