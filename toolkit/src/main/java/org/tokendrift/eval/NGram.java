package org.tokendrift.eval;

import java.util.HashMap;
import java.util.Map;

/**
 * An n-gram of token ids packed into one {@code long} (16 bits per id, up to 4 ids), so that counting
 * the n-grams of hundreds of 1024-token samples needs one small object per n-gram rather than an
 * array. Every vocabulary of this toolkit (4096 by default; GPT-2's 50257) fits in 16 bits.
 *
 * <p>The hash mixes the bits first: {@code Long.hashCode} of a packed key XORs the id in the high
 * half onto the ids in the low half, which makes many trigrams and 4-grams collide.
 */
record NGram(long packed) {

    /** Highest n that fits in a {@code long}. */
    static final int MAX_N = 4;

    private static final int BITS_PER_ID = 16;
    private static final int MAX_ID = (1 << BITS_PER_ID) - 1;

    /** Counts of every n-gram (overlapping, left to right) in one sequence, keyed by {@link #key}. */
    static Map<NGram, Integer> counts(int[] sequence, int n) {
        if (n < 1 || n > MAX_N) {
            throw new IllegalArgumentException("n-gram order must be in 1.." + MAX_N + ", got " + n);
        }
        Map<NGram, Integer> counts = new HashMap<>();
        for (int start = 0; start + n <= sequence.length; start++) {
            counts.merge(new NGram(pack(sequence, start, n)), 1, Integer::sum);
        }
        return counts;
    }

    /** Number of n-grams in a sequence of this length. */
    static int total(int length, int n) {
        return Math.max(0, length - n + 1);
    }

    /** The n ids from {@code start} packed into one long; distinct n-grams of one order get distinct values. */
    static long pack(int[] sequence, int start, int n) {
        long key = 0;
        for (int i = start; i < start + n; i++) {
            int id = sequence[i];
            if (id < 0 || id > MAX_ID) {
                throw new IllegalArgumentException("token id " + id + " at position " + i + " is outside 0.." + MAX_ID
                        + " (n-gram metrics pack ids into 16 bits)");
            }
            key = (key << BITS_PER_ID) | id;
        }
        return key;
    }

    @Override
    public int hashCode() {
        // Multiplying by an odd constant is a bijection that spreads every id over the high bits.
        return Long.hashCode(packed * 0x9E3779B97F4A7C15L);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NGram that && packed == that.packed;
    }
}
