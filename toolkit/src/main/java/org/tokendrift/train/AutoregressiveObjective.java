package org.tokendrift.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.tokendrift.nn.CrossEntropyResult;
import org.tokendrift.nn.DiT;
import org.tokendrift.nn.WeightedCrossEntropy;

import java.util.random.RandomGenerator;

/**
 * Next-token prediction for the judge language model: with a causal DiT, the logits at position
 * {@code l} predict token {@code l+1}, so the loss is
 * {@code (1 / (B (L-1))) Σ_b Σ_{l<L-1} -log p(x_{b,l+1} | x_{b,≤l})}.
 * The last position has no target and weight 0.
 */
public final class AutoregressiveObjective implements Objective {

    private final WeightedCrossEntropy crossEntropy = new WeightedCrossEntropy();

    @Override
    public double trainStep(DiT model, int[][] batch, long step, RandomGenerator rng) {
        try (DiT.Pass pass = model.forward(batch, null, true)) {
            CrossEntropyResult ce = nextTokenLoss(pass.logits(), batch);
            pass.backward(ce.dLogits(), null, null);
            return ce.value();
        }
    }

    @Override
    public Validation validate(DiT model, int[][] batch, RandomGenerator rng) {
        CrossEntropyResult ce = nextTokenLoss(model.infer(batch, null).logits(), batch);
        long tokens = (long) batch.length * (batch[0].length - 1);
        return new Validation(ce.value() * tokens, tokens);
    }

    private CrossEntropyResult nextTokenLoss(INDArray logits, int[][] batch) {
        int b = batch.length;
        int len = batch[0].length;
        int[] targets = new int[b * len];
        double[] weights = new double[b * len];
        for (int i = 0; i < b; i++) {
            for (int l = 0; l < len - 1; l++) {
                targets[i * len + l] = batch[i][l + 1];
                weights[i * len + l] = 1.0;
            }
        }
        return crossEntropy.compute(logits, targets, weights, (double) b * (len - 1));
    }
}
