package org.tokendrift.eval;

import java.util.HashSet;
import java.util.Set;

/**
 * Distinct-n over a whole sample set: the fraction of n-grams that are unique,
 * {@code distinct_n = |set of all n-grams of all samples| / (total number of n-grams)}.
 *
 * <p>Pooled across samples on purpose: if every sample repeats the same text the numerator stops
 * growing while the denominator keeps growing, so this catches cross-sample mode collapse that
 * per-sample {@link UnigramEntropy} misses. Computed on raw generator ids (like entropy), so
 * repeated trailing EOS tokens lower it too. Values are in {@code (0, 1]}; compare only sets with
 * the same number of samples and length, since the ratio falls as the set grows.
 */
public final class DistinctN {

    private DistinctN() {
    }

    public static double of(int[][] samples, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        Set<NGram> unique = new HashSet<>();
        long total = 0;
        for (int[] sample : samples) {
            unique.addAll(NGram.counts(sample, n).keySet());
            total += NGram.total(sample.length, n);
        }
        if (total == 0) {
            throw new IllegalArgumentException("distinct-" + n + " is undefined: no sample has " + n + " tokens");
        }
        return (double) unique.size() / total;
    }
}
