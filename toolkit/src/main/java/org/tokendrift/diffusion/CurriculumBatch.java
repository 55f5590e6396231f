package org.tokendrift.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One DUO curriculum batch (research note §B.6).
 *
 * @param corruption the discrete view used by the loss: {@code z_t = argmax(w)}, {@code alpha_t = T(gamma)},
 *                   {@code alpha'_t} (finite difference, per unit t), {@code sigma = -log alpha_t}; pass it to
 *                   {@link Duo#loss} unchanged
 * @param softInputs the network input {@code softmax(w / tau)}, {@code [B*L, K]} float32, rows on the simplex
 *                   (the network embeds them as {@code p · E})
 * @param gamma      {@code gamma(t)} per sequence
 */
public record CurriculumBatch(Corruption corruption, INDArray softInputs, double[] gamma) {
}
