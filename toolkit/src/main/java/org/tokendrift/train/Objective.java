package org.tokendrift.train;

import org.tokendrift.nn.DiT;

import java.util.random.RandomGenerator;

/**
 * One training objective: turns a clean batch into a loss on the model and, in training, leaves
 * the loss gradient accumulated in the model's parameter gradients.
 */
public interface Objective {

    /** Forward, loss and backward on {@code batch}; returns the loss value (per token). */
    double trainStep(DiT model, int[][] batch, long step, RandomGenerator rng);

    /**
     * The validation loss per token on {@code batch} (no gradient, no dropout), and how many tokens
     * it covers, so passes over several batches pool to {@code exp(sum / tokens)}.
     */
    Validation validate(DiT model, int[][] batch, RandomGenerator rng);

    /** A validation result: summed per-token loss and the number of tokens it sums over. */
    record Validation(double lossSum, long tokens) {
    }
}
