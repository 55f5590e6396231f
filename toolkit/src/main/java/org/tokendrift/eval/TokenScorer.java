package org.tokendrift.eval;

/**
 * A judge language model seen as a function from token ids to per-position negative
 * log-likelihoods. The causal DiT judge implements it; tests use small hand-built scorers.
 */
public interface TokenScorer {

    /**
     * Per-position negative log-likelihood under the judge, in nats.
     *
     * <p>{@code result[b][i] = -log p(tokens[b][i] | tokens[b][0..i-1])} for {@code i >= 1}.
     * Entry {@code [b][0]} is undefined and should be {@code NaN}: no beginning-of-sequence token is
     * prepended, so the first token is never scored (the reference protocol does the same).
     *
     * @param tokens rectangular batch {@code [B][L]} with {@code L <= maxLength()}
     * @return array of shape {@code [B][L]}
     */
    double[][] nll(int[][] tokens);

    /** Longest sequence the judge accepts (its context length); longer inputs are truncated. */
    int maxLength();
}
