package org.tokendrift.eval.model;

import org.tokendrift.data.TokenDataset;
import org.tokendrift.diffusion.Backbone;
import org.tokendrift.eval.ValidationPerplexity;
import org.tokendrift.nn.DiT;
import org.tokendrift.train.DiffusionObjective;
import org.tokendrift.train.Objective;


/**
 * Validation NELBO and perplexity of a diffusion model (research note §D.1): the backbone's discrete
 * NELBO per token on the first {@code batches * batchSize} validation blocks, one antithetic time
 * draw per batch, pooled as {@code PPL = exp(sum NELBO / tokens)} ({@link ValidationPerplexity}).
 *
 * <p>The batches are fixed (file order) and the noise of batch {@code i} comes from a generator
 * seeded by {@code (seed, i)}, so two checkpoints evaluated with the same settings see the same
 * corrupted inputs and their numbers compare directly. The loss is the one training validates with
 * ({@link DiffusionObjective#validate}); pass a model holding its EMA weights.
 *
 * <p>The trainer validates with the same batches and the same noise streams for
 * {@code batchSize = cfg.batchSize()}, {@code batches = cfg.evalBatches()} and
 * {@code seed = ~cfg.seed()} ({@link #trainingNoiseSeed}), so with those settings this reproduces the
 * {@code val_nelbo} of the training log for the checkpoint's step.
 */
public final class ValidationNelbo {

    /**
     * @param nelboPerToken NELBO per token in nats (an upper bound on the NLL)
     * @param perplexity    {@code exp(nelboPerToken)}
     * @param tokens        tokens the average is over
     * @param batches       batches evaluated
     */
    public record Result(double nelboPerToken, double perplexity, long tokens, int batches) {
    }

    private ValidationNelbo() {
    }

    public static Result evaluate(DiT model, Backbone backbone, TokenDataset heldOut, int batchSize, int batches, long seed) {
        if (batchSize < 1 || batches < 1) {
            throw new IllegalArgumentException("batch size and batches must be >= 1, got " + batchSize + " and " + batches);
        }
        if (heldOut.blockLength() != model.config().seqLen() || heldOut.vocabSize() != model.config().vocabSize()) {
            throw new IllegalArgumentException("held-out blocks (length " + heldOut.blockLength() + ", vocabulary "
                    + heldOut.vocabSize() + ") do not fit the model (seqLen " + model.config().seqLen() + ", vocabulary "
                    + model.config().vocabSize() + ")");
        }
        int available = heldOut.blockCount() / batchSize;
        if (available == 0) {
            throw new IllegalArgumentException("the held-out split has " + heldOut.blockCount() + " blocks, fewer than "
                    + "one batch of " + batchSize);
        }
        int used = Math.min(batches, available);
        DiffusionObjective objective = new DiffusionObjective(backbone, null, 0);
        double nelboSum = 0;
        long tokens = 0;
        for (int i = 0; i < used; i++) {
            Objective.Validation v = objective.validate(model, heldOut.blocks(i * batchSize, (i + 1) * batchSize),
                    org.tokendrift.util.SeededStreams.stream(seed, i));
            nelboSum += v.lossSum();
            tokens += v.tokens();
        }
        return new Result(nelboSum / tokens, ValidationPerplexity.of(nelboSum, tokens), tokens, used);
    }

    /** The noise seed the trainer's validation uses for a run with training seed {@code trainingSeed}. */
    public static long trainingNoiseSeed(long trainingSeed) {
        return org.tokendrift.train.ValidationNoise.seed(trainingSeed);
    }
}
