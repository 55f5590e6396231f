package org.tokendrift.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * tanh-approximated GELU, {@code gelu(x) = 0.5 x (1 + tanh(u))} with
 * {@code u = sqrt(2/pi) (x + 0.044715 x^3)}, computed through the identity
 * {@code 0.5 (1 + tanh(u)) = sigmoid(2u)}: ND4J's sigmoid kernel is about 2.5x faster than its tanh.
 * Backward: {@code d gelu/dx = s (1 + x u2' (1 - s))} with {@code s = sigmoid(2u)} and
 * {@code u2' = d(2u)/dx = c0 + 3 c1 x^2}.
 */
final class GeluTanh {
    /** 2 sqrt(2/pi). */
    static final double C0 = 2.0 * Math.sqrt(2.0 / Math.PI);
    /** 2 sqrt(2/pi) * 0.044715. */
    static final double C1 = C0 * 0.044715;

    private GeluTanh() {
    }

    /** Writes {@code s = sigmoid(2u)} (kept for backward) and {@code y = x * s}. */
    static void forward(INDArray x, INDArray s, INDArray y) {
        Nd.mul(x, x, y);
        y.muli(C1).addi(C0);
        Nd.mul(y, x, y);
        Nd.sigmoid(y, s);
        Nd.mul(x, s, y);
    }

    /** dx = dy * s (1 + x u2' (1 - s)); {@code t} and {@code ts} are scratch; dx may alias dy. */
    static void backward(INDArray dy, INDArray x, INDArray s, INDArray t, INDArray ts, INDArray dx) {
        Nd.mul(x, x, t);
        t.muli(3 * C1).addi(C0);
        Nd.mul(t, x, t);
        Nd.mul(t, s, ts);
        Nd.sub(t, ts, t);
        t.addi(1.0);
        Nd.mul(t, s, t);
        Nd.mul(dy, t, dx);
    }
}
