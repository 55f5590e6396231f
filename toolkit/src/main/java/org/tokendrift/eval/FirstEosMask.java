package org.tokendrift.eval;

/**
 * Which positions of a judge-tokenised sequence count towards Gen-PPL: the "first-EOS" rule of the
 * MDLM/DUO reference code.
 *
 * <p>With {@code firstEos[i] = (#EOS in tokens[0..i] == 1 and tokens[i] == EOS)} and
 * {@code nonEos[i] = (tokens[i] != EOS)}, position {@code i} is scored iff
 * {@code i >= 1 and (firstEos[i] or nonEos[i])}.
 *
 * <p>Consequences (as in the reference, not as its comments claim): every non-EOS token is scored,
 * including text after a second EOS; the first EOS is scored, so the judge is charged for
 * predicting end-of-text; later EOS and padding tokens (padding is EOS) are not scored; position 0
 * is never scored because nothing precedes it.
 */
public final class FirstEosMask {

    private FirstEosMask() {
    }

    /** Scored-position mask for one sequence, same length as {@code tokens}. */
    public static boolean[] scoredPositions(int[] tokens, int eosId) {
        boolean[] scored = new boolean[tokens.length];
        int eosSeen = 0;
        for (int i = 0; i < tokens.length; i++) {
            boolean isEos = tokens[i] == eosId;
            if (isEos) {
                eosSeen++;
            }
            // Position 0 has no context under a judge without BOS, hence never scored.
            scored[i] = i >= 1 && (!isEos || eosSeen == 1);
        }
        return scored;
    }
}
