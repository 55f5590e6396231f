package org.tokendrift.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The only view the diffusion maths has of the network: noisy tokens (and a noise level) in, logits out.
 *
 * <p>Samplers and tests depend on this interface alone, so they run against small analytic denoisers; the
 * DiT is adapted to it by {@link DiTDenoiser} (inference passes, soft inputs as {@code p · E}).
 */
public interface Denoiser {

    /**
     * Logits of the clean-token distribution for every position.
     *
     * @param tokens noisy tokens {@code [B][L]}
     * @param sigma  noise level {@code -log alpha_t} per sequence (length {@code B}), or {@code null} for a
     *               network without time conditioning (it then sees {@code sigma = 0})
     * @return logits {@code [B*L, V]}, row {@code b*L + l}
     */
    INDArray logits(int[][] tokens, double[] sigma);

    /**
     * Logits for soft inputs: each row of {@code probabilities} ({@code [B*L, V]}, rows on the simplex) is
     * embedded as {@code p · E} instead of a table lookup. Used by the DUO curriculum (research note §B.6).
     * Denoisers that cannot embed soft inputs keep this default, which refuses.
     */
    default INDArray logitsFromProbabilities(INDArray probabilities, int batchSize, int seqLen, double[] sigma) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " does not accept soft (probability) inputs; the DUO curriculum needs a denoiser that does");
    }
}
