package org.tokendrift.diffusion;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * The DUO (uniform-state) continuous-time NELBO in the Rao-Blackwellised closed form of the reference code
 * (research note §B.3). Per token, with clean id {@code m}, noisy id {@code j}, {@code a = alpha_t},
 * {@code a' = alpha'_t < 0} and {@code x = x_theta = softmax(logits)}:
 * <pre>
 *   xbar_v    = K a x_v + (1 - a)                      (for the model)
 *   xbarTrue_j = (1 - a) + K a [j = m]                 (same quantity for the true x = onehot(m))
 *   kappa     = (1 - a) / (K a + 1 - a),   c = kappa if j = m else 1,   r = K a / (1 - a)
 *   loss = a'/(K a) · { K/xbarTrue_j - K/xbar_j - c · sum_v log(xbar_j / xbar_v)
 *                       - [j != m] · r · log(xbar_j / xbar_m)
 *                       - ((K-1) kappa [j = m] - (1/kappa) [j != m]) · log kappa }
 * </pre>
 * It equals, per token, the "UDLM" form (eq. 49)
 * {@code a'/(K a) [K/xbarTrue_j - K/xbar_j - sum_v (xbarTrue_v/xbarTrue_j) log(xbar_j xbarTrue_v / (xbar_v xbarTrue_j))]},
 * is {@code >= 0}, and is 0 when {@code x_theta = onehot(m)}. Reduction: sum over all {@code B·L} tokens divided
 * by {@code B·L}.
 *
 * <p><b>Gradient.</b> With {@code B} the braces, {@code dloss/dx_v = a' · dB/dxbar_v} where
 * <pre>
 *   dB/dxbar_v = c / xbar_v + [v = j] (K/xbar_j^2 - c K / xbar_j - [j != m] r / xbar_j) + [j != m][v = m] r / xbar_m
 * </pre>
 * and through the softmax {@code dloss/dlogit_u = x_u (g_u - sum_v x_v g_v)} with {@code g = dloss/dx}.
 */
public final class DuoNelbo {

    private final int k;
    /** Float32 workspace {@code [N, K]}: the probabilities, then (row by row) the returned dLogits. */
    private INDArray float32Work;

    DuoNelbo(int k) {
        this.k = k;
    }

    /**
     * Float64 reference for one token: the closed form above for a probability vector {@code xTheta} (which may
     * be an exact one-hot, unlike a softmax).
     */
    public static double tokenLoss(double[] xTheta, int clean, int noisy, double alpha, double alphaPrime) {
        int k = xTheta.length;
        requireAlpha(alpha, alphaPrime);
        double sumLog = 0.0;
        for (double x : xTheta) {
            sumLog += Math.log(k * alpha * x + 1.0 - alpha);
        }
        return braces(k, alpha, clean, noisy, xTheta[noisy], xTheta[clean], sumLog) * alphaPrime / (k * alpha);
    }

    /**
     * Batched loss and gradient, {@code dLogits} in the logits' data type. The softmax is one ND4J op; the rest
     * runs on the host, row by row over a copy of the row, with the rows split over the available cores: two
     * row sums, the per-row scalars in float64 ({@link #rowScalars}), and the gradient row, written back in place
     * of the probabilities. So a batch costs one softmax plus one read and one write of {@code [N, K]}, one
     * {@code log} per 32 entries ({@link #logOfProduct}), and nothing of size {@code [N, K]} is allocated for
     * float32 logits after the first call.
     *
     * <p>Float32 logits (the training path): the returned {@code dLogits} is a buffer owned by this object and
     * overwritten by its next float32 call (reallocated when {@code N} changes). Float64 logits (reference and
     * finite-difference checks) are computed in float64 into a fresh array on every call; other floating-point
     * types are computed in float32 and cast back. Not thread-safe.
     */
    LossValue compute(INDArray logits, Corruption corruption, int[][] x0) {
        int batch = corruption.batchSize();
        int len = corruption.seqLen();
        Checks.sameShape(x0, corruption.tokens(), "clean tokens", "noisy tokens");
        Checks.tokenRange(corruption.tokens(), k, "noisy tokens");
        int n = batch * len;
        Checks.logits(logits, n, k);
        if ((long) n * k > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("B*L*K = " + (long) n * k + " exceeds the int index range");
        }
        for (int b = 0; b < batch; b++) {
            requireAlpha(corruption.alpha()[b], corruption.alphaPrime()[b]);
            for (int l = 0; l < len; l++) {
                if (!corruption.predicted()[b][l]) {
                    throw new IllegalArgumentException("DUO predicts every position, but [" + b + "][" + l
                            + "] is marked as not predicted");
                }
            }
        }
        int[] clean = HostArrays.flatten(x0);
        int[] noisy = HostArrays.flatten(corruption.tokens());
        DataType type = logits.dataType();
        boolean isDouble = type == DataType.DOUBLE;
        INDArray work = isDouble ? Nd4j.createUninitialized(DataType.DOUBLE, n, k)
                : type == DataType.FLOAT ? float32Work(n) : Nd4j.createUninitialized(DataType.FLOAT, n, k);
        if (isDouble) {
            // The float64 softmax op returns NaN for a row ~745 below the batch's largest logit: shift rows first.
            INDArray rowMax = Nd4j.createUninitialized(DataType.DOUBLE, n, 1);
            Nd4j.exec(new Max(logits, rowMax.reshape(n), 1));
            Nd4j.exec(new SubOp(logits, rowMax, work));
            Nd4j.exec(new SoftMax(work, work, 1));
        } else {
            Nd4j.exec(new SoftMax(type == DataType.FLOAT ? logits : logits.castTo(DataType.FLOAT), work, 1));
        }
        // Host access through NIO views of the buffer; on the CPU backend these location calls do nothing, on
        // a device backend they move the probabilities to the host and mark the gradient as written there.
        Nd4j.getAffinityManager().ensureLocation(work, AffinityManager.Location.HOST);
        double[] tokenLoss = new double[n];
        int chunks = Math.min(n, 16);
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            int from = (int) ((long) n * chunk / chunks);
            int to = (int) ((long) n * (chunk + 1) / chunks);
            double[] scalars = new double[SCALARS];
            if (isDouble) {
                DoubleBuffer data = work.data().asNioDouble();
                double[] x = new double[k];
                double[] rec = new double[k];
                for (int r = from; r < to; r++) {
                    data.get(r * k, x, 0, k);
                    tokenLoss[r] = row(x, rec, clean[r], noisy[r], corruption.alpha()[r / len],
                            corruption.alphaPrime()[r / len], n, scalars);
                    data.put(r * k, x, 0, k);
                }
            } else {
                FloatBuffer data = work.data().asNioFloat();
                float[] x = new float[k];
                float[] rec = new float[k];
                for (int r = from; r < to; r++) {
                    data.get(r * k, x, 0, k);
                    tokenLoss[r] = row(x, rec, clean[r], noisy[r], corruption.alpha()[r / len],
                            corruption.alphaPrime()[r / len], n, scalars);
                    data.put(r * k, x, 0, k);
                }
            }
        });
        Nd4j.getAffinityManager().tagLocation(work, AffinityManager.Location.HOST);
        double total = 0.0;
        for (double v : tokenLoss) {
            total += v;
        }
        INDArray dLogits = isDouble || type == DataType.FLOAT ? work : work.castTo(type);
        return new LossValue(total / n, dLogits, tokenLoss);
    }

    private INDArray float32Work(int n) {
        if (float32Work == null || float32Work.rows() != n) {
            // Not closed: a caller may still hold the previous dLogits; the garbage collector frees it.
            float32Work = Nd4j.createUninitialized(DataType.FLOAT, n, k);
        }
        return float32Work;
    }

    /*
     * One row. With q = K a / (1 - a), xbar_v = (1 - a)(1 + q x_v), and g = dloss/dx as in the class comment,
     *
     *   dlogit_u = x_u (g_u - sum_v x_v g_v) / N
     *            = x_u (dense / (1 + q x_u) + shift) + [u = j] extraJ + [u = m, j != m] extraM,
     *
     *   dense  = a' c / (N (1 - a)),    shift = -a' (c S / (1 - a) + x_j G_j + x_m R_m) / N,
     *   extraJ = a' x_j G_j / N,        extraM = a' x_m R_m / N,
     *   S = sum_v x_v / (1 + q x_v),    G_j = K/xbar_j^2 - c K/xbar_j - [j != m] q/xbar_j,   R_m = [j != m] q/xbar_m,
     *
     * and the loss needs sum_v log xbar_v = K log(1 - a) + sum_v log(1 + q x_v). The two row methods below (one per
     * data type) compute rec_v = 1/(1 + q x_v), S and the log sum, call rowScalars, and overwrite x with dlogit;
     * the float32 one keeps rec and the gradient in float32 (as the former ND4J code did) and the sums in float64.
     */

    private static final int LOSS = 0;
    private static final int DENSE = 1;
    private static final int SHIFT = 2;
    private static final int EXTRA_J = 3;
    private static final int EXTRA_M = 4;
    private static final int SCALARS = 5;

    private static double row(float[] x, float[] rec, int m, int j, double a, double ap, int n, double[] out) {
        int k = x.length;
        double q = k * a / (1.0 - a);
        float qf = (float) q;
        for (int u = 0; u < k; u++) {
            rec[u] = 1f / (1f + qf * x[u]);
        }
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int u = 0;
        for (; u + 4 <= k; u += 4) {
            s0 += x[u] * rec[u];
            s1 += x[u + 1] * rec[u + 1];
            s2 += x[u + 2] * rec[u + 2];
            s3 += x[u + 3] * rec[u + 3];
        }
        for (; u < k; u++) {
            s0 += x[u] * rec[u];
        }
        double logSum = 0.0;
        for (u = 0; u + 32 <= k; u += 32) {
            double p0 = 1.0;
            double p1 = 1.0;
            double p2 = 1.0;
            double p3 = 1.0;
            for (int i = u; i < u + 32; i += 4) {
                p0 *= 1.0 + q * x[i];
                p1 *= 1.0 + q * x[i + 1];
                p2 *= 1.0 + q * x[i + 2];
                p3 *= 1.0 + q * x[i + 3];
            }
            logSum += logOfProduct(p0, p1, p2, p3);
        }
        for (; u < k; u++) {
            logSum += Math.log1p(q * x[u]);
        }
        rowScalars(k, m, j, a, ap, n, x[j], x[m], (s0 + s1) + (s2 + s3), logSum, out);
        float dense = (float) out[DENSE];
        float shift = (float) out[SHIFT];
        for (u = 0; u < k; u++) {
            x[u] *= dense * rec[u] + shift;
        }
        x[j] += (float) out[EXTRA_J];
        x[m] += (float) out[EXTRA_M];
        return out[LOSS];
    }

    private static double row(double[] x, double[] rec, int m, int j, double a, double ap, int n, double[] out) {
        int k = x.length;
        double q = k * a / (1.0 - a);
        for (int u = 0; u < k; u++) {
            rec[u] = 1.0 / (1.0 + q * x[u]);
        }
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int u = 0;
        for (; u + 4 <= k; u += 4) {
            s0 += x[u] * rec[u];
            s1 += x[u + 1] * rec[u + 1];
            s2 += x[u + 2] * rec[u + 2];
            s3 += x[u + 3] * rec[u + 3];
        }
        for (; u < k; u++) {
            s0 += x[u] * rec[u];
        }
        double logSum = 0.0;
        for (u = 0; u + 32 <= k; u += 32) {
            double p0 = 1.0;
            double p1 = 1.0;
            double p2 = 1.0;
            double p3 = 1.0;
            for (int i = u; i < u + 32; i += 4) {
                p0 *= 1.0 + q * x[i];
                p1 *= 1.0 + q * x[i + 1];
                p2 *= 1.0 + q * x[i + 2];
                p3 *= 1.0 + q * x[i + 3];
            }
            logSum += logOfProduct(p0, p1, p2, p3);
        }
        for (; u < k; u++) {
            logSum += Math.log1p(q * x[u]);
        }
        rowScalars(k, m, j, a, ap, n, x[j], x[m], (s0 + s1) + (s2 + s3), logSum, out);
        double dense = out[DENSE];
        double shift = out[SHIFT];
        for (u = 0; u < k; u++) {
            x[u] *= dense * rec[u] + shift;
        }
        x[j] += out[EXTRA_J];
        x[m] += out[EXTRA_M];
        return out[LOSS];
    }

    /**
     * {@code log(p0 p1 p2 p3)} for four products of 8 factors {@code 1 + q x_v >= 1} each. A product of 8 is at
     * most {@code (1 + q/8)^8} because its {@code x_v} sum to at most 1, so it is finite for any
     * {@code q < 5e39} (here {@code q = K a / (1 - a) <= K 2^53}); when the product of all four overflows, the
     * four logs are added instead. So the log sum needs one {@code log} per 32 entries, not one per entry, at a
     * relative rounding error of at most ~32 ulp per block. A NaN factor gives NaN.
     */
    private static double logOfProduct(double p0, double p1, double p2, double p3) {
        double p = (p0 * p1) * (p2 * p3);
        return p < 1e300 ? Math.log(p) : Math.log(p0) + Math.log(p1) + Math.log(p2) + Math.log(p3);
    }

    /**
     * The float64 per-row scalars from the row's sums: {@code s = sum_v x_v / (1 + q x_v)} and
     * {@code logSum = sum_v log(1 + q x_v)}. Fills {@code out} with the token loss (the closed form of the class
     * comment) and {@code dense, shift, extraJ, extraM} (see the comment above the row methods).
     */
    private static void rowScalars(int k, int m, int j, double a, double ap, int n, double xj, double xm, double s,
                                   double logSum, double[] out) {
        double h = 1.0 - a;
        double q = k * a / h;
        out[LOSS] = braces(k, a, m, j, xj, xm, k * Math.log(h) + logSum) * ap / (k * a);
        double c = j == m ? kappa(k, a) : 1.0;
        double xbarJ = k * a * xj + 1.0 - a;
        double gj = k / (xbarJ * xbarJ) - c * k / xbarJ;
        double rm = 0.0;
        if (j != m) {
            gj -= q / xbarJ;
            rm = q / (k * a * xm + 1.0 - a);
        }
        out[DENSE] = ap * c / (n * h);
        out[SHIFT] = -ap * (c * s / h + xj * gj + xm * rm) / n;
        out[EXTRA_J] = ap * xj * gj / n;
        out[EXTRA_M] = ap * xm * rm / n;
    }

    /** The braces of the closed form; {@code sumLog = sum_v log xbar_v}. */
    private static double braces(int k, double a, int m, int j, double xj, double xm, double sumLog) {
        double xbarJ = k * a * xj + 1.0 - a;
        double xbarTrueJ = (1.0 - a) + (j == m ? k * a : 0.0);
        double kappa = kappa(k, a);
        double c = j == m ? kappa : 1.0;
        double value = k / xbarTrueJ - k / xbarJ - c * (k * Math.log(xbarJ) - sumLog);
        if (j != m) {
            double xbarM = k * a * xm + 1.0 - a;
            value -= (k * a / (1.0 - a)) * (Math.log(xbarJ) - Math.log(xbarM));
            value += Math.log(kappa) / kappa;
        } else {
            value -= (k - 1) * kappa * Math.log(kappa);
        }
        return value;
    }

    private static double kappa(int k, double a) {
        return (1.0 - a) / (k * a + 1.0 - a);
    }

    private static void requireAlpha(double alpha, double alphaPrime) {
        if (!(alpha > 0.0 && alpha < 1.0)) {
            throw new IllegalArgumentException("DUO loss needs 0 < alpha_t < 1, got " + alpha
                    + " (t must lie in (0, 1] with a schedule whose alpha_1 > 0)");
        }
        if (!(alphaPrime <= 0.0) || Double.isInfinite(alphaPrime)) {
            throw new IllegalArgumentException("DUO loss needs a finite alpha'_t <= 0, got " + alphaPrime);
        }
    }
}
