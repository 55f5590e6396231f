package org.tokendrift.drift;

/**
 * Builds the mask M_i of "predicted positions" where the soft-token lift replaces the hard
 * embedding (TokenDrift §4): the masked positions for MDLM (absorbing state), every position for
 * DUO (uniform state). Layout {@code [B][L]} like the host token batches.
 */
public final class PredictedPositions {

    private PredictedPositions() {
    }

    /** MDLM: true where the corrupted sequence holds the mask token. */
    public static boolean[][] masked(int[][] corrupted, int maskTokenId) {
        boolean[][] out = new boolean[corrupted.length][];
        for (int b = 0; b < corrupted.length; b++) {
            out[b] = new boolean[corrupted[b].length];
            for (int l = 0; l < corrupted[b].length; l++) {
                out[b][l] = corrupted[b][l] == maskTokenId;
            }
        }
        return out;
    }

    /** DUO: every position is predicted. */
    public static boolean[][] all(int batch, int seqLen) {
        boolean[][] out = new boolean[batch][seqLen];
        for (boolean[] row : out) {
            java.util.Arrays.fill(row, true);
        }
        return out;
    }
}
