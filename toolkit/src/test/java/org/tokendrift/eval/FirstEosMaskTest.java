package org.tokendrift.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class FirstEosMaskTest {

    private static final int EOS = 0;

    @Test
    void scoresNonEosTokensAndOnlyTheFirstEosButNeverPositionZero() {
        int[] tokens = {5, 6, EOS, 7, EOS, 8};
        assertArrayEquals(new boolean[]{false, true, true, true, false, true},
                FirstEosMask.scoredPositions(tokens, EOS));
    }

    @Test
    void eosAtPositionZeroIsTheFirstEosSoLaterEosAreNotScored() {
        int[] tokens = {EOS, 5, EOS, 6};
        assertArrayEquals(new boolean[]{false, true, false, true}, FirstEosMask.scoredPositions(tokens, EOS));
    }

    @Test
    void withoutEosEveryPositionButTheFirstIsScored() {
        assertArrayEquals(new boolean[]{false, true, true}, FirstEosMask.scoredPositions(new int[]{1, 2, 3}, EOS));
    }
}
