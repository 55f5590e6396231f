package org.tokendrift.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.tokendrift.nn.DiT;

/**
 * The {@link DiT} seen as a {@link Denoiser} for sampling and evaluation: hard ids go through
 * {@link DiT#infer} (no dropout, no gradient), soft inputs are embedded as {@code p · E} and go
 * through {@link DiT#inferEmbeddings}.
 *
 * <p>The returned logits are the model's inference buffer: valid until the next call on the same
 * model. Samplers copy them to float64 host arrays straight away, which is all they need.
 */
public final class DiTDenoiser implements Denoiser {

    private final DiT model;

    /**
     * @throws IllegalArgumentException if the model is causal: a diffusion denoiser must see the
     *                                  whole noisy sequence, a causal (judge) model would silently
     *                                  ignore every position to the right
     */
    public DiTDenoiser(DiT model) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        if (model.config().causal()) {
            throw new IllegalArgumentException("a causal DiT (a judge language model) cannot be a diffusion denoiser: "
                    + "it needs bidirectional attention (causal = false)");
        }
        this.model = model;
    }

    public DiT model() {
        return model;
    }

    @Override
    public INDArray logits(int[][] tokens, double[] sigma) {
        return model.infer(tokens, sigma).logits();
    }

    @Override
    public INDArray logitsFromProbabilities(INDArray probabilities, int batchSize, int seqLen, double[] sigma) {
        int vocab = model.config().vocabSize();
        if (probabilities == null || probabilities.rank() != 2 || probabilities.rows() != (long) batchSize * seqLen
                || probabilities.columns() != vocab) {
            throw new IllegalArgumentException("probabilities must have shape [" + batchSize + "*" + seqLen + ", " + vocab
                    + "], got " + (probabilities == null ? "null" : java.util.Arrays.toString(probabilities.shape())));
        }
        if (seqLen != model.config().seqLen()) {
            throw new IllegalArgumentException("sequence length " + seqLen + " differs from the model's seqLen "
                    + model.config().seqLen());
        }
        // Soft tokens p·E: the expected embedding under p, exactly what a one-hot p reduces to (a lookup).
        INDArray embeddings = probabilities.castTo(model.dtype()).mmul(model.embeddingMatrix());
        return model.inferEmbeddings(embeddings, sigma).logits();
    }
}
