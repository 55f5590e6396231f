package org.tokendrift.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Affine map on rows: {@code y = x W + b} with W of shape [in, out] and an optional bias b [1, out].
 *
 * <p>Backward, for upstream dy [N, out]: {@code dW += x^T dy}, {@code db += 1^T dy},
 * {@code dx = dy W^T}. Parameter gradients accumulate (GEMM with beta = 1) so several passes
 * can contribute before one optimiser step; a frozen store has no gradients and skips them.
 */
final class Linear {
    enum Init { DEFAULT, ZERO }

    private final INDArray weight;
    private final INDArray bias;
    private final INDArray weightGrad;
    private final INDArray biasGrad;

    /**
     * @param init DEFAULT is PyTorch's nn.Linear init, U(-1/sqrt(in), 1/sqrt(in)) for weight and
     *             bias; ZERO is used for the adaLN-zero modulations and the output layer
     */
    Linear(ParameterStore store, String name, int in, int out, boolean withBias, Init init) {
        double bound = init == Init.ZERO ? 0.0 : 1.0 / Math.sqrt(in);
        this.weight = init == Init.ZERO ? store.constant(name + ".weight", 0.0, in, out)
                : store.uniform(name + ".weight", bound, in, out);
        this.weightGrad = store.gradOf(name + ".weight");
        if (withBias) {
            this.bias = init == Init.ZERO ? store.constant(name + ".bias", 0.0, 1, out)
                    : store.uniform(name + ".bias", bound, 1, out);
            this.biasGrad = store.gradOf(name + ".bias");
        } else {
            this.bias = null;
            this.biasGrad = null;
        }
    }

    void forward(INDArray x, INDArray y) {
        Nd.gemm(x, weight, y, false, false, 1.0, 0.0);
        if (bias != null) {
            Nd.add(y, bias, y);
        }
    }

    /**
     * @param dx     receives dy W^T, or {@code null} if the input needs no gradient
     * @param dxBeta 0 to overwrite dx, 1 to add to it
     */
    void backward(INDArray x, INDArray dy, INDArray dx, double dxBeta, Buffers scratch) {
        if (weightGrad != null) {
            Nd.gemm(x, dy, weightGrad, true, false, 1.0, 1.0);
        }
        if (biasGrad != null) {
            Nd.addColumnSums(dy, scratch.constant("ones." + dy.rows(), 1.0, dy.rows(), 1), biasGrad);
        }
        if (dx != null) {
            Nd.gemm(dy, weight, dx, false, true, 1.0, dxBeta);
        }
    }

    INDArray weight() {
        return weight;
    }
}
