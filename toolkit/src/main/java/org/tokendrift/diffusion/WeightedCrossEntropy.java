package org.tokendrift.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Per-row weighted cross-entropy with an optional excluded class:
 * <pre>
 *   p_r      = softmax over the classes other than {@code excluded} of logits_r   (p_r,excluded = 0)
 *   loss_r   = w_r · (-log p_r[target_r])
 *   dloss_r / dlogits_r = w_r · (p_r - onehot(target_r))      (0 in the excluded column)
 * </pre>
 * Rows with {@code w_r = 0} contribute nothing (their target is ignored). The gradient returned is that of
 * {@code sum_r loss_r}; callers divide by their own normaliser. Computation runs in the logits' data type, so
 * float64 logits give a float64 loss for finite-difference checks.
 */
public final class WeightedCrossEntropy {

    /**
     * @param tokenLoss {@code loss_r} per row
     * @param dLogits   gradient of {@code sum_r loss_r}, same shape and data type as the logits
     */
    public record Result(double[] tokenLoss, INDArray dLogits) {
    }

    private WeightedCrossEntropy() {
    }

    /**
     * @param logits   {@code [N, V]}
     * @param targets  target class per row (length {@code N}); must differ from {@code excluded} where
     *                 {@code w_r > 0}
     * @param weights  non-negative weight per row (length {@code N})
     * @param excluded class removed from the softmax, or {@code -1} for none
     */
    public static Result compute(INDArray logits, int[] targets, double[] weights, int excluded) {
        int n = targets.length;
        if (weights.length != n) {
            throw new IllegalArgumentException("targets has " + n + " rows but weights has " + weights.length);
        }
        int vocab = (int) logits.columns();
        Checks.logits(logits, n, vocab);
        if (excluded < -1 || excluded >= vocab) {
            throw new IllegalArgumentException("excluded class " + excluded + " is outside [0, " + vocab + ")");
        }
        INDArray work = logits.dup('c');
        if (excluded >= 0) {
            work.getColumn(excluded).assign(Double.NEGATIVE_INFINITY);
        }
        INDArray logProbs = RowSoftmax.logSoftmax(work);
        double[] tokenLoss = new double[n];
        for (int r = 0; r < n; r++) {
            double w = weights[r];
            if (!(w >= 0.0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weight of row " + r + " is " + w + "; must be finite and >= 0");
            }
            if (w == 0.0) {
                continue;
            }
            int target = targets[r];
            if (target < 0 || target >= vocab || target == excluded) {
                throw new IllegalArgumentException("target of row " + r + " is " + target
                        + "; must lie in [0, " + vocab + ") and differ from the excluded class " + excluded);
            }
            tokenLoss[r] = -w * logProbs.getDouble(r, target);
        }
        INDArray weightColumn = HostArrays.column(weights, logits.dataType());
        INDArray grad = Transforms.exp(logProbs, false).muliColumnVector(weightColumn);
        for (int r = 0; r < n; r++) {
            if (weights[r] != 0.0) {
                grad.putScalar(r, targets[r], grad.getDouble(r, targets[r]) - weights[r]);
            }
        }
        return new Result(tokenLoss, grad);
    }
}
