package org.tokendrift.eval;

/**
 * Likelihood-based perplexity on held-out data from the diffusion NELBO (MDLM/DUO {@code Perplexity}
 * metric): {@code PPL = exp( sum_s NELBO_s / sum_s tokens_s )}, where {@code NELBO_s} is the NELBO
 * summed over the tokens of sequence {@code s} (nats, an upper bound on its NLL) and
 * {@code tokens_s} is the number of tokens it covers. Pooled over tokens, like Gen-PPL.
 */
public final class ValidationPerplexity {

    private ValidationPerplexity() {
    }

    /** Perplexity from per-sequence NELBO sums and their token counts. */
    public static double of(double[] nelboSums, long[] tokenCounts) {
        if (nelboSums.length != tokenCounts.length) {
            throw new IllegalArgumentException("got " + nelboSums.length + " NELBO sums but " + tokenCounts.length
                    + " token counts");
        }
        double totalNelbo = 0;
        long totalTokens = 0;
        for (int s = 0; s < nelboSums.length; s++) {
            if (tokenCounts[s] < 0) {
                throw new IllegalArgumentException("token count of sequence " + s + " is negative: " + tokenCounts[s]);
            }
            totalNelbo += nelboSums[s];
            totalTokens += tokenCounts[s];
        }
        return of(totalNelbo, totalTokens);
    }

    /** Perplexity from an already accumulated total. */
    public static double of(double totalNelbo, long totalTokens) {
        if (totalTokens <= 0) {
            throw new IllegalArgumentException("validation perplexity needs at least one token, got " + totalTokens);
        }
        return Math.exp(totalNelbo / totalTokens);
    }
}
