package org.tokendrift.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Generative perplexity (Gen-PPL): how surprised a judge language model is by generated text,
 * following the MDLM/DUO reference protocol.
 *
 * <ol>
 *   <li>Samples arrive as decoded text (generator ids decoded with special tokens kept).</li>
 *   <li>Each text is re-tokenised with the judge's codec and truncated to the judge context
 *       {@code C = judge.maxLength()}. Here the judge shares the BPE, so the round trip is nearly the
 *       identity, but it is still taken: that is what the reference scores.</li>
 *   <li>Sequences are right-padded with EOS (pad = EOS, as for GPT-2) and scored in batches.</li>
 *   <li>Positions are selected by {@link FirstEosMask}: position 0 is never scored, later EOS and
 *       padding are not scored.</li>
 *   <li>Token-pooled aggregation over all samples:
 *       {@code GenPPL = exp( sum_{b,i} NLL[b][i] * mask[b][i] / sum_{b,i} mask[b][i] )}.
 *       This is not a mean of per-sample perplexities.</li>
 * </ol>
 *
 * <p><b>Padding rule.</b> The reference pads to the longest sequence of each judge batch, so a
 * sequence shorter than {@code C} without EOS has its end-of-text scored unless it happens to be the
 * longest of its batch. Here every sequence is scored as if padded to the full context {@code C}:
 * a sequence shorter than {@code C} always gets one EOS appended (scored by the first-EOS rule),
 * further padding is masked out. The number therefore does not depend on the judge batch size or
 * on which samples share a batch. It equals the reference whenever the reference pads a sequence at
 * all (and always when every sequence fills the context).
 */
public final class GenerativePerplexity {

    /** Judge batch size of the reference ({@code eval.perplexity_batch_size = 8}). */
    public static final int DEFAULT_BATCH_SIZE = 8;

    private final TextCodec judgeCodec;
    private final TokenScorer judge;
    private final int batchSize;

    public GenerativePerplexity(TextCodec judgeCodec, TokenScorer judge, int batchSize) {
        this.judgeCodec = Objects.requireNonNull(judgeCodec, "judgeCodec");
        this.judge = Objects.requireNonNull(judge, "judge");
        if (batchSize < 1) {
            throw new IllegalArgumentException("judge batch size must be >= 1, got " + batchSize);
        }
        if (judge.maxLength() < 2) {
            throw new IllegalArgumentException("judge context must be >= 2 tokens (the first token is never scored), got "
                    + judge.maxLength());
        }
        this.batchSize = batchSize;
    }

    public GenerativePerplexity(TextCodec judgeCodec, TokenScorer judge) {
        this(judgeCodec, judge, DEFAULT_BATCH_SIZE);
    }

    /** Gen-PPL of decoded samples: re-tokenise with the judge codec, then {@link #scoreJudgeTokens}. */
    public GenPplResult score(List<String> texts) {
        List<int[]> judgeIds = new ArrayList<>(texts.size());
        for (String text : texts) {
            judgeIds.add(judgeTokens(text));
        }
        return scoreJudgeTokens(judgeIds);
    }

    /** End-of-text (and padding) id of the judge's vocabulary. */
    public int judgeEosId() {
        return judgeCodec.eosId();
    }

    /** The judge's view of one text: encoded with the judge codec and truncated to its context. */
    public int[] judgeTokens(String text) {
        int[] ids = judgeCodec.encode(text);
        return ids.length > judge.maxLength() ? Arrays.copyOf(ids, judge.maxLength()) : ids;
    }

    /**
     * Gen-PPL of sequences that are already in the judge's vocabulary and no longer than its context
     * (steps 3 to 5 above).
     */
    public GenPplResult scoreJudgeTokens(List<int[]> judgeIds) {
        if (judgeIds.isEmpty()) {
            throw new IllegalArgumentException("Gen-PPL needs at least one sample");
        }
        double nllSum = 0;
        long scored = 0;
        for (int start = 0; start < judgeIds.size(); start += batchSize) {
            int end = Math.min(start + batchSize, judgeIds.size());
            int[][] batch = paddedBatch(judgeIds.subList(start, end));
            double[][] nll = judge.nll(batch);
            checkShape(nll, batch);
            for (int b = 0; b < batch.length; b++) {
                boolean[] mask = FirstEosMask.scoredPositions(batch[b], judgeCodec.eosId());
                for (int i = 0; i < mask.length; i++) {
                    if (!mask[i]) {
                        continue;
                    }
                    double value = nll[b][i];
                    if (!Double.isFinite(value)) {
                        throw new IllegalStateException("judge returned NLL " + value + " for sample " + (start + b)
                                + " at scored position " + i);
                    }
                    nllSum += value;
                    scored++;
                }
            }
        }
        if (scored == 0) {
            throw new IllegalArgumentException("no position was scored: every sample is shorter than 2 judge tokens");
        }
        return new GenPplResult(Math.exp(nllSum / scored), nllSum, scored, judgeIds.size());
    }

    /** Rows of the batch: each sequence plus one EOS if shorter than the context, right-padded with EOS. */
    private int[][] paddedBatch(List<int[]> sequences) {
        int context = judge.maxLength();
        int width = 0;
        for (int[] ids : sequences) {
            if (ids.length > context) {
                throw new IllegalArgumentException("sequence of " + ids.length + " judge tokens exceeds the judge context "
                        + context + "; truncate with judgeTokens()");
            }
            width = Math.max(width, Math.min(ids.length + 1, context));
        }
        int[][] batch = new int[sequences.size()][];
        for (int b = 0; b < batch.length; b++) {
            int[] ids = sequences.get(b);
            batch[b] = Arrays.copyOf(ids, width);
            Arrays.fill(batch[b], ids.length, width, judgeCodec.eosId());
        }
        return batch;
    }

    private static void checkShape(double[][] nll, int[][] batch) {
        if (nll == null || nll.length != batch.length) {
            throw new IllegalStateException("judge returned " + (nll == null ? "null" : nll.length + " rows")
                    + " for a batch of " + batch.length + " sequences");
        }
        for (int b = 0; b < batch.length; b++) {
            if (nll[b].length < batch[b].length) {
                throw new IllegalStateException("judge returned " + nll[b].length + " NLL values for a sequence of "
                        + batch[b].length + " tokens (row " + b + ")");
            }
        }
    }
}
