package org.tokendrift.drift;

import java.util.Arrays;

/**
 * Token classes the soft-token lift gives probability 0, whatever the generator's logits say.
 * <pre>
 *   p_t(v) = 0   for v in everywhere                     (MDLM's SUBS: the mask id)
 *   p_t(v) = 0   for v in afterFirstPosition when t >= 1
 *   p_t    = softmax of the remaining logits
 * </pre>
 * The second set exists because our corpus layout puts {@code [BOS]} at position 0 of every block
 * and nowhere else, and never uses {@code [PAD]}; TokenDrift excludes both after position 0 and
 * leaves position 0 alone (its real token is {@code [BOS]}). A frozen encoder that never saw these
 * tokens inside a block treats them as "no information", and its features of a sequence whose
 * masks were filled with {@code [BOS]} land near the real features. TokenDrift at this scale found
 * and used that (measured in {@code data/results/diagnosis/README.md}); the paper's GPT-2
 * vocabulary has no such token. [I]
 */
public record LiftExclusion(int[] everywhere, int[] afterFirstPosition) {

    /** No class excluded (DUO, paper-literal). */
    public static final LiftExclusion NONE = new LiftExclusion(new int[0], new int[0]);

    public LiftExclusion {
        everywhere = everywhere.clone();
        afterFirstPosition = afterFirstPosition.clone();
    }

    /** Only {@code tokenId} everywhere, or nothing for {@link SoftTokenLift#NO_EXCLUDED_TOKEN}. */
    public static LiftExclusion only(int tokenId) {
        return tokenId == SoftTokenLift.NO_EXCLUDED_TOKEN ? NONE : new LiftExclusion(new int[]{tokenId}, new int[0]);
    }

    /** This exclusion plus {@code tokenIds} at every position but the first. */
    public LiftExclusion plusAfterFirstPosition(int... tokenIds) {
        int[] more = Arrays.copyOf(afterFirstPosition, afterFirstPosition.length + tokenIds.length);
        System.arraycopy(tokenIds, 0, more, afterFirstPosition.length, tokenIds.length);
        return new LiftExclusion(everywhere, more);
    }

    /** Throws unless every id lies in {@code [0, vocab)}. */
    void check(long vocab) {
        for (int[] ids : new int[][]{everywhere, afterFirstPosition}) {
            for (int id : ids) {
                if (id < 0 || id >= vocab) {
                    throw new IllegalArgumentException("SoftTokenLift: excluded token id " + id
                            + " is outside the vocabulary of " + vocab);
                }
            }
        }
    }

    @Override
    public int[] everywhere() {
        return everywhere.clone();
    }

    @Override
    public int[] afterFirstPosition() {
        return afterFirstPosition.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LiftExclusion x && Arrays.equals(everywhere, x.everywhere)
                && Arrays.equals(afterFirstPosition, x.afterFirstPosition);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(everywhere) + Arrays.hashCode(afterFirstPosition);
    }

    @Override
    public String toString() {
        return "LiftExclusion[everywhere=" + Arrays.toString(everywhere) + ", afterFirstPosition="
                + Arrays.toString(afterFirstPosition) + "]";
    }
}
