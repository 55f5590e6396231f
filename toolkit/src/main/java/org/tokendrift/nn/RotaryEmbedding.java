package org.tokendrift.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rotary position embedding, rotate-half (GPT-NeoX) convention, base 10000. For a head vector q at
 * position p: {@code q' = q * cos(theta_p) + rotate_half(q) * sin(theta_p)} with
 * {@code theta_{p,i} = p * 10000^(-2i/dh)} for i < dh/2, the tables repeated for both halves, and
 * {@code rotate_half([a, b]) = [-b, a]}.
 *
 * <p>rotate_half is the linear map q -> q R with a signed permutation matrix R [dh, dh], applied as
 * one small GEMM over all heads (no strided half-views). Because the sin table is equal on both
 * halves, {@code q' = q * cos + (q * sin) R}, and backward is {@code dq = dq' * cos + (dq' * sin) R^T}.
 */
final class RotaryEmbedding {
    static final double BASE = 10000.0;

    private final INDArray cos;
    private final INDArray sin;
    private final INDArray rotateHalf;
    private final int headDim;

    RotaryEmbedding(int seqLen, int headDim, DataType dtype) {
        this.headDim = headDim;
        int half = headDim / 2;
        double[][] c = new double[seqLen][headDim];
        double[][] s = new double[seqLen][headDim];
        for (int p = 0; p < seqLen; p++) {
            for (int i = 0; i < half; i++) {
                double theta = p * Math.pow(BASE, -2.0 * i / headDim);
                c[p][i] = c[p][i + half] = Math.cos(theta);
                s[p][i] = s[p][i + half] = Math.sin(theta);
            }
        }
        this.cos = Nd4j.createFromArray(c).castTo(dtype).reshape(1, seqLen, headDim);
        this.sin = Nd4j.createFromArray(s).castTo(dtype).reshape(1, seqLen, headDim);
        double[][] r = new double[headDim][headDim];
        for (int j = 0; j < half; j++) {
            r[j + half][j] = -1.0;
            r[j][j + half] = 1.0;
        }
        this.rotateHalf = Nd4j.createFromArray(r).castTo(dtype);
    }

    /** out = in * cos + rotate_half(in) * sin for in, out of shape [M, L, dh]. */
    void apply(INDArray in, INDArray out, Buffers scratch) {
        rotate(in, out, scratch, false);
    }

    /** dIn = dOut * cos + (dOut * sin) R^T, the adjoint of {@link #apply}. */
    void backward(INDArray dOut, INDArray dIn, Buffers scratch) {
        rotate(dOut, dIn, scratch, true);
    }

    private void rotate(INDArray in, INDArray out, Buffers scratch, boolean adjoint) {
        long m = in.size(0);
        long l = in.size(1);
        INDArray tmp = scratch.get("rope.tmp", m, l, headDim);
        // the sin table is equal on both halves, so rotate_half(q) * sin == rotate_half(q * sin)
        Nd.mul(in, sin, tmp);
        Nd.mul(in, cos, out);
        Nd.gemm(tmp.reshape(m * l, headDim), rotateHalf, out.reshape(m * l, headDim), false, adjoint, 1.0, 1.0);
    }
}
