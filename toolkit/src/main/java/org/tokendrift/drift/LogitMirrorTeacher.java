package org.tokendrift.drift;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The logit-space "mirror teacher" ablation of TokenDrift (Oba et al. 2026, §5 / App. D, Table 4).
 * The caller pulls the feature drift back to the logits through the lift, encoder and pooling
 * (backward with {@code dh = V}), giving {@code g = J^T V = grad_l <h(l), sg(V)>}; then
 * <pre>
 *   l*  = sg(l + eta g),   p* = softmax(l*)          (p* ∝ p exp(eta g): an exponentiated-gradient step)
 *   L_KL  = (1/B) sum_{t in M} KL(p*_t || p_t),      dL_KL/dl_t  = (p_t - p*_t) / B
 *   L_MSE = (1/B) sum_{t in M} ||l*_t - l_t||^2,      dL_MSE/dl_t = -2 (l*_t - l_t) / B
 * </pre>
 * over the predicted positions M only (other rows: no loss, zero gradient). The excluded class
 * (SUBS mask id) has p = p* = 0 and is left out of both sums, so a -infinity logit there is harmless.
 *
 * <p>eta is not reported in the paper [NF]. Default [I] 1.0. With an Adam-type optimiser the MSE
 * variant is invariant to eta (its gradient is -2 eta g / B, and Adam removes a constant scale),
 * and for small eta the KL gradient is {@code -eta p*(g - <p,g>)/B + O(eta^2)}, the feature-drift
 * gradient up to scale; eta therefore mainly sets how far the KL teacher goes beyond that linear
 * regime. Note g scales like 1/L (pooling averages positions), so log {@code meanTargetShift}.
 * Arithmetic is float64 on the host; dLogits take the logits' data type.
 */
public final class LogitMirrorTeacher {

    /** The two divergences of Table 4. */
    public enum Divergence { KL, MSE }

    /**
     * @param value            the loss
     * @param dLogits          dL/dl {@code [B*L, V]}
     * @param meanTargetShift  mean over predicted positions of {@code ||l* - l||} (excluded class left out)
     */
    public record Result(double value, INDArray dLogits, double meanTargetShift) {
    }

    private final Divergence divergence;
    private final double stepSize;
    private final int excludedTokenId;

    /**
     * @param divergence       KL or MSE
     * @param stepSize         eta ([I] 1.0)
     * @param excludedTokenId  SUBS class with probability 0, or {@link SoftTokenLift#NO_EXCLUDED_TOKEN}
     */
    public LogitMirrorTeacher(Divergence divergence, double stepSize, int excludedTokenId) {
        if (!Double.isFinite(stepSize)) {
            throw new IllegalArgumentException("LogitMirrorTeacher: step size eta must be finite, got " + stepSize);
        }
        this.divergence = divergence;
        this.stepSize = stepSize;
        this.excludedTokenId = excludedTokenId;
    }

    /**
     * @param logits     l {@code [B*L, V]}
     * @param pullback   g = J^T V {@code [B*L, V]} (zero on non-predicted rows)
     * @param predicted  predicted positions {@code [B][L]}
     */
    public Result evaluate(INDArray logits, INDArray pullback, boolean[][] predicted) {
        if (pullback == null || !java.util.Arrays.equals(logits.shape(), pullback.shape())) {
            throw new IllegalArgumentException("LogitMirrorTeacher: pullback must have the logits' shape "
                    + java.util.Arrays.toString(logits.shape()));
        }
        INDArray target = logits.castTo(DataType.DOUBLE).add(pullback.castTo(DataType.DOUBLE).mul(stepSize));
        return divergence(logits, target, predicted);
    }

    /** The loss toward an already frozen target l* (exposed for gradient checks). */
    public Result divergence(INDArray logits, INDArray targetLogits, boolean[][] predicted) {
        int batch = predicted.length;
        int seqLen = predicted[0].length;
        int rows = batch * seqLen;
        if (logits.rank() != 2 || logits.rows() != rows) {
            throw new IllegalArgumentException("LogitMirrorTeacher: logits have " + logits.rows()
                    + " rows but the predicted mask gives B*L = " + rows);
        }
        int vocab = (int) logits.columns();
        double[][] l = logits.toDoubleMatrix();
        double[][] lStar = targetLogits.toDoubleMatrix();
        double[][] grad = new double[rows][vocab];
        double value = 0;
        double shiftSum = 0;
        int count = 0;
        for (int r = 0; r < rows; r++) {
            if (!predicted[r / seqLen][r % seqLen]) {
                continue;
            }
            count++;
            double shiftSq = 0;
            for (int v = 0; v < vocab; v++) {
                if (v != excludedTokenId) {
                    double diff = lStar[r][v] - l[r][v];
                    shiftSq += diff * diff;
                }
            }
            shiftSum += Math.sqrt(shiftSq);
            if (divergence == Divergence.MSE) {
                value += shiftSq;
                for (int v = 0; v < vocab; v++) {
                    grad[r][v] = v == excludedTokenId ? 0 : -2 * (lStar[r][v] - l[r][v]) / batch;
                }
            } else {
                double[] logP = logSoftmax(l[r]);
                double[] logPStar = logSoftmax(lStar[r]);
                for (int v = 0; v < vocab; v++) {
                    if (v == excludedTokenId) {
                        continue;
                    }
                    double pStar = Math.exp(logPStar[v]);
                    if (pStar > 0) {
                        value += pStar * (logPStar[v] - logP[v]);
                    }
                    grad[r][v] = (Math.exp(logP[v]) - pStar) / batch;
                }
            }
        }
        INDArray dLogits = Nd4j.createFromArray(grad).castTo(logits.dataType());
        return new Result(value / batch, dLogits, count == 0 ? 0 : shiftSum / count);
    }

    /** log softmax over the non-excluded classes (the excluded entry is left at -infinity). */
    private double[] logSoftmax(double[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < row.length; v++) {
            if (v != excludedTokenId) {
                max = Math.max(max, row[v]);
            }
        }
        double sum = 0;
        for (int v = 0; v < row.length; v++) {
            if (v != excludedTokenId) {
                sum += Math.exp(row[v] - max);
            }
        }
        double logZ = max + Math.log(sum);
        double[] out = new double[row.length];
        for (int v = 0; v < row.length; v++) {
            out[v] = v == excludedTokenId ? Double.NEGATIVE_INFINITY : row[v] - logZ;
        }
        return out;
    }
}
