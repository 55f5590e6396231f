package org.tokendrift.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Argument checks shared by the package; every message names the offending argument and its value. */
final class Checks {

    private Checks() {
    }

    /** Checks a non-empty rectangular batch and returns {@code B}. */
    static int batchSize(int[][] tokens, String name) {
        if (tokens == null || tokens.length == 0) {
            throw new IllegalArgumentException(name + " must be a non-empty [B][L] array");
        }
        int len = tokens[0] == null ? 0 : tokens[0].length;
        if (len == 0) {
            throw new IllegalArgumentException(name + " must have sequence length L > 0");
        }
        for (int b = 0; b < tokens.length; b++) {
            if (tokens[b] == null || tokens[b].length != len) {
                throw new IllegalArgumentException(name + " is not rectangular: row " + b + " has length "
                        + (tokens[b] == null ? "null" : tokens[b].length) + ", row 0 has " + len);
            }
        }
        return tokens.length;
    }

    /** Checks ids in {@code [0, vocab)}. */
    static void tokenRange(int[][] tokens, int vocab, String name) {
        batchSize(tokens, name);
        for (int b = 0; b < tokens.length; b++) {
            for (int l = 0; l < tokens[b].length; l++) {
                int id = tokens[b][l];
                if (id < 0 || id >= vocab) {
                    throw new IllegalArgumentException(name + "[" + b + "][" + l + "] = " + id
                            + " is outside the vocabulary [0, " + vocab + ")");
                }
            }
        }
    }

    static void sameShape(int[][] a, int[][] b, String nameA, String nameB) {
        if (a.length != b.length || a[0].length != b[0].length) {
            throw new IllegalArgumentException(nameA + " is [" + a.length + "][" + a[0].length + "] but " + nameB
                    + " is [" + b.length + "][" + b[0].length + "]");
        }
    }

    static void length(double[] values, int expected, String name) {
        if (values == null || values.length != expected) {
            throw new IllegalArgumentException(name + " must have one entry per sequence (" + expected + "), got "
                    + (values == null ? "null" : values.length));
        }
    }

    static void times(double[] t, int expected) {
        length(t, expected, "t");
        for (double v : t) {
            NoiseSchedule.requireTime(v);
        }
    }

    /** Checks logits of shape {@code [rows, vocab]}. */
    static void logits(INDArray logits, long rows, int vocab) {
        if (logits == null) {
            throw new IllegalArgumentException("logits must not be null");
        }
        if (logits.rank() != 2 || logits.rows() != rows || logits.columns() != vocab) {
            throw new IllegalArgumentException("logits must have shape [B*L, V] = [" + rows + ", " + vocab
                    + "], got " + java.util.Arrays.toString(logits.shape()));
        }
        if (!logits.dataType().isFPType()) {
            throw new IllegalArgumentException("logits must be floating point, got " + logits.dataType());
        }
    }

    static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }
}
