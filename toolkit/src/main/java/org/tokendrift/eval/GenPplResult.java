package org.tokendrift.eval;

/**
 * Outcome of a Gen-PPL computation: the pooled perplexity and the totals it was computed from, so
 * that results over several sample sets can be pooled again exactly
 * ({@code exp(sum nllSum / sum scoredTokens)}).
 *
 * @param genPpl        {@code exp(nllSum / scoredTokens)}
 * @param nllSum        sum of judge NLL (nats) over scored positions
 * @param scoredTokens  number of scored positions
 * @param numSequences  number of samples scored
 */
public record GenPplResult(double genPpl, double nllSum, long scoredTokens, int numSequences) {

    /** Mean NLL per scored token, in nats. */
    public double meanNll() {
        return nllSum / scoredTokens;
    }
}
