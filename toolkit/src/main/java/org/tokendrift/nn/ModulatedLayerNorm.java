package org.tokendrift.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Mean;
import org.nd4j.linalg.api.ops.impl.transforms.floating.RSqrt;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bias-free LayerNorm followed by adaLN modulation, per row x of sequence b:
 * <pre>
 *   xhat = (x - mean(x)) * rstd,   rstd = 1 / sqrt(var(x) + 1e-5)
 *   y    = xhat * w * (1 + scale_b) + shift_b
 * </pre>
 * w [d] is the learnable LayerNorm weight (init 1). Folding w and (1 + scale_b) into one [B, d]
 * factor G costs two passes over the activations instead of four.
 *
 * <p>Backward with dy: {@code dG_b = sum_l dy*xhat}, {@code dshift_b = sum_l dy},
 * {@code dscale_b = dG_b * w}, {@code dw = sum_b dG_b * (1 + scale_b)}, and with
 * {@code g = dy * G}: {@code dx = rstd * (g - mean(g) - xhat * mean(g * xhat))}.
 */
final class ModulatedLayerNorm {
    static final double EPS = 1e-5;

    private final String name;
    private final INDArray weight;
    private final INDArray weightGrad;
    private final int width;

    ModulatedLayerNorm(ParameterStore store, String name, int width) {
        this.name = name;
        this.width = width;
        this.weight = store.constant(name + ".weight", 1.0, 1, width);
        this.weightGrad = store.gradOf(name + ".weight");
    }

    /**
     * @param x     input [B*L, d]
     * @param shift per-sequence shift [B, d]
     * @param scale per-sequence scale [B, d]
     * @param saved activation buffers kept for backward (xhat, rstd); {@code prefix} names them
     * @param y     output [B*L, d]
     */
    void forward(INDArray x, INDArray shift, INDArray scale, Buffers saved, String prefix, Buffers scratch, INDArray y) {
        long n = x.rows();
        long b = shift.rows();
        long l = n / b;
        INDArray xhat = saved.get(prefix + ".xhat", n, width);
        INDArray rstd = saved.get(prefix + ".rstd", n, 1);
        INDArray mean = scratch.get(name + ".mean", n, 1);
        INDArray sq = scratch.get("norm.square", n, width);

        Nd4j.exec(new Mean(x, mean.reshape(n), 1));
        Nd.sub(x, mean, xhat);
        Nd.mul(xhat, xhat, sq);
        Nd4j.exec(new Mean(sq, rstd.reshape(n), 1));
        rstd.addi(EPS);
        Nd4j.exec(new RSqrt(rstd, rstd));
        Nd.mul(xhat, rstd, xhat);

        INDArray factor = modulationFactor(scale, scratch);
        INDArray y3 = y.reshape(b, l, width);
        Nd.mul(xhat.reshape(b, l, width), factor, y3);
        Nd.add(y3, shift.reshape(b, 1, width), y3);
    }

    /** G = w * (1 + scale) as [B, 1, d], ready to broadcast over positions. */
    private INDArray modulationFactor(INDArray scale, Buffers scratch) {
        long b = scale.rows();
        INDArray factor = scratch.get("norm.factor", b, 1, width);
        factor.reshape(b, width).assign(scale).addi(1.0);
        Nd.mul(factor, weight, factor);
        return factor;
    }

    /**
     * @param dy         upstream gradient [B*L, d]
     * @param scale      the scale used in forward [B, d]
     * @param dShift     receives dL/dshift [B, d]
     * @param dScale     receives dL/dscale [B, d]
     * @param dx         receives (or, with {@code accumulate}, has added) dL/dx [B*L, d]
     */
    void backward(INDArray dy, INDArray scale, Buffers saved, String prefix, Buffers scratch,
                  INDArray dShift, INDArray dScale, INDArray dx, boolean accumulate) {
        long n = dy.rows();
        long b = scale.rows();
        long l = n / b;
        INDArray xhat = saved.get(prefix + ".xhat", n, width);
        INDArray rstd = saved.get(prefix + ".rstd", n, 1);
        INDArray tmp = scratch.get("norm.square", n, width);
        INDArray g = scratch.get("norm.dxhat", n, width);
        INDArray m1 = scratch.get("norm.m1", n, 1);
        INDArray m2 = scratch.get("norm.m2", n, 1);
        INDArray dFactor = scratch.get("norm.dFactor", b, width);
        INDArray onePlusScale = scratch.get("norm.onePlusScale", b, width);

        INDArray dy3 = dy.reshape(b, l, width);
        Nd.mul(dy, xhat, tmp);
        Nd.sum(tmp.reshape(b, l, width), dFactor, 1);
        Nd.sum(dy3, dShift, 1);
        Nd.mul(dFactor, weight, dScale);
        onePlusScale.assign(scale).addi(1.0);
        if (weightGrad != null) {
            INDArray dw = scratch.get("norm.dw", 1, width);
            Nd.mul(onePlusScale, dFactor, onePlusScale);
            Nd.sum(onePlusScale, dw.reshape(width), 0);
            weightGrad.addi(dw);
        }

        INDArray factor = modulationFactor(scale, scratch);
        Nd.mul(dy3, factor, g.reshape(b, l, width));
        Nd4j.exec(new Mean(g, m1.reshape(n), 1));
        Nd.mul(g, xhat, tmp);
        Nd4j.exec(new Mean(tmp, m2.reshape(n), 1));
        Nd.sub(g, m1, g);
        Nd.mul(xhat, m2, tmp);
        Nd.sub(g, tmp, g);
        if (accumulate) {
            Nd.mul(g, rstd, g);
            dx.addi(g);
        } else {
            Nd.mul(g, rstd, dx);
        }
    }
}
