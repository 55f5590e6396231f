package org.tokendrift.drift;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.tokendrift.nn.DiT;

/**
 * The frozen semantic encoder phi of TokenDrift on the real network: a frozen copy of the DiT the
 * generator starts from (Oba et al. 2026, App. F: "a frozen copy of the same released checkpoint
 * used to initialise the generator"). Its input embedding matrix is the lift's E, so both phi and E
 * stay at the starting weights while the generator (and its own embedding) moves on.
 * <pre>
 *   encode(e~, sigma) = frozen.forwardEmbeddings(e~, sigma, training = false)
 *       -> H^(L-1) = input of the last block,  H^(L) = output of the last block (before the final norm)
 *   backward(dH^(L-1), dH^(L)) = d/de~      (no parameter gradient: the copy is frozen)
 * </pre>
 * Evaluation mode: dropout is off, so phi is a deterministic function of its input.
 *
 * <p>Noise level: a {@code null} sigma means "clean" (the {@link FeatureEncoder} contract). A
 * time-conditioned network (DUO) is then given sigma = 0 for every sequence, which is
 * {@code -log alpha} at alpha = 1; a network without time conditioning (MDLM) is given
 * {@code null} whatever is passed, since it cannot take a noise level.
 */
public final class DiTFeatureEncoder implements FeatureEncoder {

    private final DiT frozen;

    private DiTFeatureEncoder(DiT frozen) {
        this.frozen = frozen;
    }

    /** phi = a frozen copy of {@code model}'s current weights; later changes to {@code model} do not reach it. */
    public static DiTFeatureEncoder frozenCopyOf(DiT model) {
        return new DiTFeatureEncoder(model.frozenCopy());
    }

    /** The frozen network (for checks and for sharing one encoder between objectives). */
    public DiT network() {
        return frozen;
    }

    @Override
    public INDArray embeddingMatrix() {
        return frozen.embeddingMatrix();
    }

    @Override
    public EncoderPass encode(INDArray embeddings, double[] sigma) {
        int batch = Math.toIntExact(embeddings.rows() / frozen.config().seqLen());
        DiT.Pass pass = frozen.forwardEmbeddings(embeddings, networkSigma(sigma, batch), false);
        return new EncoderPass() {
            @Override
            public INDArray penultimateHidden() {
                return pass.penultimateHidden();
            }

            @Override
            public INDArray lastHidden() {
                return pass.lastHidden();
            }

            @Override
            public INDArray backward(INDArray dPenultimate, INDArray dLast) {
                return pass.backward(null, dPenultimate, dLast);
            }
        };
    }

    private double[] networkSigma(double[] sigma, int batch) {
        if (!frozen.config().timeConditioning()) {
            return null;
        }
        return sigma != null ? sigma : new double[batch];
    }
}
