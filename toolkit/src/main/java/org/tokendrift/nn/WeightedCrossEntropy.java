package org.tokendrift.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Weighted vocabulary cross-entropy over rows of logits z [N, V] with integer targets t and row
 * weights w:
 * <pre>
 *   CE_i  = logsumexp(z_i) - z_{i, t_i}
 *   value = sum_i w_i CE_i / normaliser
 *   dz_i  = (w_i / normaliser) (softmax(z_i) - onehot(t_i))
 * </pre>
 * logsumexp is recovered from the softmax as {@code max_j z_ij - log max_j p_ij}: the largest
 * probability is at least 1/V, so this never underflows (unlike {@code -log p_{i,t}} in float32).
 * An optional excluded class (e.g. MDLM's [MASK]) gets logit -inf: probability and gradient 0.
 * Buffers are reused across calls with the same shape, so the head allocates nothing in steady state.
 */
public final class WeightedCrossEntropy {
    private final int excludedClass;
    private Buffers buffers;

    /** A head over all classes. */
    public WeightedCrossEntropy() {
        this(-1);
    }

    /** @param excludedClass class id that is never predicted (logit -inf), or -1 for none */
    public WeightedCrossEntropy(int excludedClass) {
        this.excludedClass = excludedClass;
    }

    /**
     * @param logits     [N, V], not modified (an excluded column is set to -inf and restored)
     * @param targets    N class ids in [0, V)
     * @param weights    N row weights
     * @param normaliser positive divisor of the weighted sum (e.g. the number of tokens)
     */
    public CrossEntropyResult compute(INDArray logits, int[] targets, double[] weights, double normaliser) {
        validate(logits, targets, weights, normaliser);
        long n = logits.rows();
        long v = logits.columns();
        if (buffers == null || buffers.dtype() != logits.dataType()) {
            buffers = new Buffers(logits.dataType());
        }
        INDArray probs = buffers.get("dLogits", n, v);
        INDArray rowMax = buffers.get("rowMax", n, 1);
        INDArray probMax = buffers.get("probMax", n, 1);
        INDArray targetLogit = buffers.get("targetLogit", n, 1);
        INDArray rowLoss = buffers.get("rowLoss", n, 1);
        INDArray rowFactor = buffers.get("rowFactor", n, 1);
        INDArray minusOne = buffers.constant("minusOne", -1.0, n, 1);

        INDArray flatIndex = Nd4j.createFromArray(flatTargetIndex(targets, v));
        INDArray savedColumn = null;
        INDArray excluded = null;
        if (excludedClass >= 0) {
            excluded = logits.getColumn(excludedClass, true);
            savedColumn = buffers.get("savedColumn", n, 1).assign(excluded);
            excluded.assign(Double.NEGATIVE_INFINITY);
        }
        try {
            Nd4j.exec(new Max(logits, rowMax.reshape(n), 1));
            if (logits.dataType() == DataType.FLOAT) {
                Nd4j.exec(new SoftMax(logits, probs, 1));
            } else {
                // The float64 softmax kernel returns NaN for a row whose logits all lie ~745 below the batch's
                // largest logit; shifting each row by its own maximum first avoids it (float32 is not affected).
                Nd.sub(logits, rowMax, probs);
                Nd4j.exec(new SoftMax(probs, probs, 1));
            }
            Nd.gatherRows(logits.reshape(n * v, 1), flatIndex, targetLogit);
        } finally {
            if (excluded != null) {
                excluded.assign(savedColumn);
            }
        }
        Nd4j.exec(new Max(probs, probMax.reshape(n), 1));
        Nd4j.exec(new Log(probMax, probMax));
        Nd.sub(rowMax, probMax, rowLoss);
        Nd.sub(rowLoss, targetLogit, rowLoss);

        double[] w = new double[Math.toIntExact(n)];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights[i] / normaliser;
        }
        rowFactor.assign(Nd4j.createFromArray(w).castTo(logits.dataType()).reshape(n, 1));
        double value = Nd4j.getBlasWrapper().dot(rowLoss.reshape(n), rowFactor.reshape(n));

        Nd.scatterAddRows(probs.reshape(n * v, 1), flatIndex, minusOne);
        Nd.mul(probs, rowFactor, probs);
        return new CrossEntropyResult(value, probs, rowLoss);
    }

    private static int[] flatTargetIndex(int[] targets, long v) {
        int[] flat = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            flat[i] = Math.toIntExact(i * v + targets[i]);
        }
        return flat;
    }

    private void validate(INDArray logits, int[] targets, double[] weights, double normaliser) {
        if (logits == null || logits.rank() != 2) {
            throw new IllegalArgumentException("logits must be a 2-D [N, V] array");
        }
        long n = logits.rows();
        long v = logits.columns();
        if (targets == null || targets.length != n) {
            throw new IllegalArgumentException("targets must have length N = " + n + ", got "
                    + (targets == null ? "null" : targets.length));
        }
        if (weights == null || weights.length != n) {
            throw new IllegalArgumentException("weights must have length N = " + n + ", got "
                    + (weights == null ? "null" : weights.length));
        }
        if (!(normaliser > 0) || Double.isInfinite(normaliser)) {
            throw new IllegalArgumentException("normaliser must be positive and finite, got " + normaliser);
        }
        if (excludedClass >= v) {
            throw new IllegalArgumentException("excluded class " + excludedClass + " is outside [0, " + v + ")");
        }
        if (n * v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("N*V = " + n * v + " exceeds the int index range of the gather op");
        }
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] < 0 || targets[i] >= v) {
                throw new IllegalArgumentException("target " + targets[i] + " at row " + i + " is outside [0, " + v + ")");
            }
            if (targets[i] == excludedClass) {
                throw new IllegalArgumentException("row " + i + " targets the excluded class " + excludedClass
                        + ", whose probability is 0: its loss would be infinite");
            }
            if (!Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("weight at row " + i + " is not finite: " + weights[i]);
            }
        }
    }
}
