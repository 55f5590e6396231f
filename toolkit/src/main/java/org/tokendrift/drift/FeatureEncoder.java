package org.tokendrift.drift;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The frozen semantic encoder phi of TokenDrift (§4; App. F: a frozen copy of the pretrained DDLM
 * itself), seen only through what the drift objective needs: its input embedding matrix, a forward
 * pass from input embeddings that exposes the last two hidden states, and a backward pass that
 * returns the gradient with respect to those input embeddings. Implementations must not change
 * their weights (phi is frozen) and must not accumulate parameter gradients.
 *
 * <p>The real network is {@link DiTFeatureEncoder}, an adapter over the engine's
 * {@code generator.frozenCopy()}; {@link TanhStandInEncoder} is a tiny stand-in for tests and teaching.
 */
public interface FeatureEncoder {

    /** The frozen input embedding matrix E {@code [V, d]}; callers must not modify it. */
    INDArray embeddingMatrix();

    /**
     * Forward pass on input embeddings.
     *
     * @param embeddings  {@code [B*L, d]}, rows {@code b*L + l}
     * @param sigma       noise level per sequence, or null for none (the network then sees 0)
     */
    EncoderPass encode(INDArray embeddings, double[] sigma);

    /** One forward pass, kept so that its backward can be taken. */
    interface EncoderPass {

        /** H^(L-1) {@code [B*L, d]}. */
        INDArray penultimateHidden();

        /** H^(L) {@code [B*L, d]}. */
        INDArray lastHidden();

        /**
         * Gradient with respect to the input embeddings {@code [B*L, d]}, given the gradients with
         * respect to the two hidden states (either may be null = zero). Called at most once.
         */
        INDArray backward(INDArray dPenultimate, INDArray dLast);
    }
}
