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
        INDArray c = matrix.dataType() == DataType.DOUBLE ? matrix : matrix.castTo(DataType.DOUBLE);
        if (c.isView() || c.ordering() != 'c' || c.data().length() != c.length()) {
            c = c.dup('c'); // views and 'f'-ordered arrays: copy to a fresh contiguous buffer first
        }
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

    /**
     * Row-wise softmax in float64, in place, over a row-major {@code [rows, columns]} array; column
     * {@code excluded} (or none if {@code -1}) gets probability 0. The row maximum is subtracted first.
     */
    static void softmaxRowsInPlace(double[] data, int rows, int columns, int excluded) {
        for (int r = 0; r < rows; r++) {
            int from = r * columns;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < columns; c++) {
                if (c != excluded && data[from + c] > max) {
                    max = data[from + c];
                }
            }
            if (Double.isNaN(max) || Double.isInfinite(max)) {
                throw new IllegalArgumentException("logits row " + r + " has no finite maximum (" + max + ")");
            }
            double sum = 0.0;
            for (int c = 0; c < columns; c++) {
                double e = c == excluded ? 0.0 : Math.exp(data[from + c] - max);
                data[from + c] = e;
                sum += e;
            }
            for (int c = 0; c < columns; c++) {
                data[from + c] /= sum;
            }
        }
    }
}
