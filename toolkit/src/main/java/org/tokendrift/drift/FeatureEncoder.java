package org.tokendrift.drift;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The frozen semantic encoder phi of TokenDrift (§4; App. F: a frozen copy of the pretrained DDLM
 * itself), seen only through what the drift objective needs: its input embedding matrix, a forward
 * pass from input embeddings that exposes the last two hidden states, and a backward pass that
 * returns the gradient with respect to those input embeddings. Implementations must not change
 * their weights (phi is frozen) and must not accumulate parameter gradients.
 *
 * <p>The real network plugs in with a three-line adapter over the engine's
 * {@code DiT frozen = generator.frozenCopy()}: {@code embeddingMatrix()} returns
 * {@code frozen.embeddingMatrix()}, {@code encode(emb, sigma)} wraps
 * {@code frozen.forwardEmbeddings(emb, sigma, false)} and its pass's
 * {@code backward(null, dPenultimate, dLast)}. {@link TanhStandInEncoder} is a tiny stand-in used in
 * tests and teaching while that engine is not available.
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
