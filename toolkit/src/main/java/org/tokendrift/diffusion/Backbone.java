package org.tokendrift.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.random.RandomGenerator;

/**
 * A discrete diffusion family: its forward process, its training loss and its sampler.
 *
 * <p>Typical training step:
 * <pre>{@code
 * Corruption c = backbone.corrupt(x0, rng);
 * INDArray logits = denoiser.logits(c.tokens(), c.sigma());
 * LossValue loss = backbone.loss(logits, c, x0);   // backpropagate loss.dLogits()
 * }</pre>
 */
public interface Backbone {

    /** Number of categories {@code V} of the logits (the whole tokenizer vocabulary). */
    int vocabSize();

    /** Corrupts clean tokens at antithetic times {@code t ∈ [samplingEps, 1]}, one per sequence. */
    Corruption corrupt(int[][] x0, RandomGenerator rng);

    /** Corrupts clean tokens at the given times (one per sequence, each in {@code [0, 1]}). */
    Corruption corruptAt(int[][] x0, double[] t, RandomGenerator rng);

    /**
     * The continuous-time NELBO per token and its gradient with respect to {@code logits [B*L, V]}. With float32
     * logits the gradient is a buffer reused by the next call (see {@link LossValue#dLogits()}); a backbone is
     * therefore not thread-safe. {@code logits} are not modified (MDLM masks its [MASK] column in place for the
     * duration of the call and restores it).
     */
    LossValue loss(INDArray logits, Corruption corruption, int[][] x0);

    /**
     * The denoiser's clean-token distribution {@code x_theta} for each row of {@code logits}, as the backbone
     * parameterises it (MDLM: SUBS; DUO: plain softmax), in the data type of {@code logits}.
     */
    INDArray denoisedProbabilities(INDArray logits, int[][] noisyTokens);

    /** The reference ancestral sampler with {@code steps} loop iterations (plus its final step). */
    Sampler sampler(int steps);
}
