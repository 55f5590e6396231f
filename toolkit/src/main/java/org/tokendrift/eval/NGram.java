package org.tokendrift.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * An n-gram of token ids usable as a map key (a record's default equality would compare the array
 * reference, hence the explicit {@code equals}/{@code hashCode}).
 */
record NGram(int[] ids) {

    /** Counts of every n-gram (overlapping, left to right) in one sequence. */
    static Map<NGram, Integer> counts(int[] sequence, int n) {
        Map<NGram, Integer> counts = new HashMap<>();
        for (int start = 0; start + n <= sequence.length; start++) {
            counts.merge(new NGram(Arrays.copyOfRange(sequence, start, start + n)), 1, Integer::sum);
        }
        return counts;
    }

    /** Number of n-grams in a sequence of this length. */
    static int total(int length, int n) {
        return Math.max(0, length - n + 1);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NGram that && Arrays.equals(ids, that.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return Arrays.toString(ids);
    }
}
