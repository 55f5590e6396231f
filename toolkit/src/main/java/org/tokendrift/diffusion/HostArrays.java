package org.tokendrift.diffusion;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Moves dense arrays to and from the host for the per-position decisions made in Java. */
final class HostArrays {

    private HostArrays() {
    }

    /** Row-major float64 copy of a matrix: element {@code (r, c)} at {@code r * columns + c}. */
    static double[] rowMajorDoubles(INDArray matrix) {
        // dup('c') gives a fresh contiguous buffer, so views and 'f'-ordered inputs are handled alike.
        INDArray c = matrix.castTo(DataType.DOUBLE).dup('c');
        double[] data = c.data().asDouble();
        if (data.length != c.length()) {
            throw new IllegalStateException("unexpected buffer length " + data.length + " for " + c.length()
                    + " elements");
        }
        return data;
    }

    /** Flattens {@code [B][L]} tokens to row {@code b*L + l}. */
    static int[] flatten(int[][] tokens) {
        int len = tokens[0].length;
        int[] flat = new int[tokens.length * len];
        for (int b = 0; b < tokens.length; b++) {
            System.arraycopy(tokens[b], 0, flat, b * len, len);
        }
        return flat;
    }

    static int[][] copy(int[][] tokens) {
        int[][] out = new int[tokens.length][];
        for (int b = 0; b < tokens.length; b++) {
            out[b] = tokens[b].clone();
        }
        return out;
    }

    /** A column vector {@code [n, 1]} of the given data type. */
    static INDArray column(double[] values, DataType type) {
        return Nd4j.createFromArray(values).castTo(type).reshape(values.length, 1);
    }
}
