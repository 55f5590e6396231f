package org.tokendrift.eval.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.tokendrift.eval.TokenScorer;
import org.tokendrift.nn.DiT;
import org.tokendrift.nn.DiTConfig;

import java.util.Arrays;
import java.util.Objects;

/**
 * A causal {@link DiT} trained with next-token loss (the judge language model) as a
 * {@link TokenScorer}: {@code nll[b][i] = -log softmax(logits[b, i-1])[tokens[b][i]]} for
 * {@code i >= 1}, {@code NaN} at {@code i = 0} (no BOS is prepended, as in the reference protocol).
 *
 * <p><b>Context.</b> The DiT runs on exactly {@code seqLen} positions, so every input row (at most
 * {@code seqLen} tokens) is right-padded with the padding id, which {@code GenerativePerplexity}
 * sets to EOS. Attention is causal, so the padding cannot change the logits at earlier positions:
 * the NLL of a real token never depends on what follows it.
 *
 * <p><b>Precision.</b> The logits are float32; each log-softmax is computed in float64 as
 * {@code logsumexp(row) - row[target]} with the row maximum subtracted before exponentiating.
 *
 * <p>Rows are scored in chunks of at most {@code maxBatch} sequences (memory: {@code maxBatch * seqLen}
 * logit rows of width V). Not thread-safe: the judge's inference buffers are shared.
 */
public final class JudgeScorer implements TokenScorer {

    /** Sequences per judge forward pass unless told otherwise (the reference judge batch size). */
    public static final int DEFAULT_MAX_BATCH = 8;

    private final DiT judge;
    private final int padId;
    private final int maxBatch;

    /**
     * @param judge    a causal DiT without time conditioning (the judge's evaluation weights)
     * @param padId    id appended up to the judge context; use the EOS id, as Gen-PPL does
     * @param maxBatch sequences per forward pass
     */
    public JudgeScorer(DiT judge, int padId, int maxBatch) {
        Objects.requireNonNull(judge, "judge");
        DiTConfig cfg = judge.config();
        if (!cfg.causal()) {
            throw new IllegalArgumentException("the judge must be a causal DiT (causal = true): a bidirectional model "
                    + "sees the token it is asked to predict, so its NLL would be meaningless");
        }
        if (cfg.timeConditioning()) {
            throw new IllegalArgumentException("the judge must not be time-conditioned (timeConditioning = false); "
                    + "a next-token judge is trained without a noise level");
        }
        if (padId < 0 || padId >= cfg.vocabSize()) {
            throw new IllegalArgumentException("padding id " + padId + " is outside the judge vocabulary [0, "
                    + cfg.vocabSize() + ")");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
        }
        this.judge = judge;
        this.padId = padId;
        this.maxBatch = maxBatch;
    }

    @Override
    public int maxLength() {
        return judge.config().seqLen();
    }

    @Override
    public double[][] nll(int[][] tokens) {
        Objects.requireNonNull(tokens, "tokens");
        for (int b = 0; b < tokens.length; b++) {
            if (tokens[b] == null || tokens[b].length == 0 || tokens[b].length > maxLength()) {
                throw new IllegalArgumentException("row " + b + " has " + (tokens[b] == null ? "no" : tokens[b].length)
                        + " tokens; the judge scores 1 to " + maxLength() + " (its context) per row");
            }
        }
        double[][] nll = new double[tokens.length][];
        for (int start = 0; start < tokens.length; start += maxBatch) {
            int end = Math.min(start + maxBatch, tokens.length);
            scoreChunk(tokens, start, end, nll);
        }
        return nll;
    }

    private void scoreChunk(int[][] tokens, int start, int end, double[][] nll) {
        int context = maxLength();
        int[][] padded = new int[end - start][];
        for (int b = start; b < end; b++) {
            padded[b - start] = Arrays.copyOf(tokens[b], context);
            Arrays.fill(padded[b - start], tokens[b].length, context, padId);
        }
        double[] logits = hostCopy(judge.infer(padded, null).logits());
        int vocab = judge.config().vocabSize();
        for (int b = start; b < end; b++) {
            int[] row = tokens[b];
            double[] out = new double[row.length];
            out[0] = Double.NaN;
            for (int i = 1; i < row.length; i++) {
                // The causal logits at position i-1 predict the token at position i.
                int offset = ((b - start) * context + i - 1) * vocab;
                out[i] = logSumExp(logits, offset, vocab) - logits[offset + row[i]];
            }
            nll[b] = out;
        }
    }

    /** {@code log sum_v exp(x[offset + v])} in float64, shifted by the maximum so that no term overflows. */
    static double logSumExp(double[] x, int offset, int length) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < length; v++) {
            max = Math.max(max, x[offset + v]);
        }
        double sum = 0;
        for (int v = 0; v < length; v++) {
            sum += Math.exp(x[offset + v] - max);
        }
        return max + Math.log(sum);
    }

    /** Row-major float64 copy of the logits (an exact widening of float32). */
    private static double[] hostCopy(INDArray logits) {
        INDArray contiguous = logits.isView() || logits.ordering() != 'c' ? logits.dup('c') : logits;
        double[] data = contiguous.data().asDouble();
        if (data.length != contiguous.length()) {
            throw new IllegalStateException("judge logits buffer holds " + data.length + " values for "
                    + contiguous.length() + " elements");
        }
        return data;
    }
}
