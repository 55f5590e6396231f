package org.tokendrift.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

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

    private DuoNelbo() {
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

    /** Batched loss and gradient; runs in the logits' data type (scalar parts per token in float64). */
    static LossValue compute(INDArray logits, Corruption corruption, int[][] x0, int k) {
        int batch = corruption.batchSize();
        int len = corruption.seqLen();
        Checks.sameShape(x0, corruption.tokens(), "clean tokens", "noisy tokens");
        Checks.tokenRange(corruption.tokens(), k, "noisy tokens");
        int n = batch * len;
        Checks.logits(logits, n, k);
        int[] clean = HostArrays.flatten(x0);
        int[] noisy = HostArrays.flatten(corruption.tokens());
        double[] rowAlpha = new double[n];
        double[] rowAlphaPrime = new double[n];
        double[] rowC = new double[n];
        for (int b = 0; b < batch; b++) {
            requireAlpha(corruption.alpha()[b], corruption.alphaPrime()[b]);
            for (int l = 0; l < len; l++) {
                int r = b * len + l;
                if (!corruption.predicted()[b][l]) {
                    throw new IllegalArgumentException("DUO predicts every position, but [" + b + "][" + l
                            + "] is marked as not predicted");
                }
                rowAlpha[r] = corruption.alpha()[b];
                rowAlphaPrime[r] = corruption.alphaPrime()[b];
                rowC[r] = clean[r] == noisy[r] ? kappa(k, rowAlpha[r]) : 1.0;
            }
        }
        var type = logits.dataType();
        INDArray x = RowSoftmax.softmax(logits);
        double[] scale = new double[n];
        double[] shift = new double[n];
        for (int r = 0; r < n; r++) {
            scale[r] = k * rowAlpha[r];
            shift[r] = 1.0 - rowAlpha[r];
        }
        INDArray xBar = x.mulColumnVector(HostArrays.column(scale, type)).addiColumnVector(HostArrays.column(shift, type));
        double[] sumLog = HostArrays.rowMajorDoubles(Transforms.log(xBar, true).sum(true, 1));

        // g = dloss/dx: start from c / xbar_v, then add the entries at j and m.
        INDArray g = xBar.rdiv(1.0).muliColumnVector(HostArrays.column(rowC, type));
        double[] tokenLoss = new double[n];
        double total = 0.0;
        for (int r = 0; r < n; r++) {
            double a = rowAlpha[r];
            int j = noisy[r];
            int m = clean[r];
            double xj = x.getDouble(r, j);
            double xm = x.getDouble(r, m);
            tokenLoss[r] = braces(k, a, m, j, xj, xm, sumLog[r]) * rowAlphaPrime[r] / (k * a);
            total += tokenLoss[r];
            double xbarJ = k * a * xj + 1.0 - a;
            double gj = k / (xbarJ * xbarJ) - rowC[r] * k / xbarJ;
            if (j != m) {
                double ratio = k * a / (1.0 - a);
                gj -= ratio / xbarJ;
                double xbarM = k * a * xm + 1.0 - a;
                g.putScalar(r, m, g.getDouble(r, m) + ratio / xbarM);
            }
            g.putScalar(r, j, g.getDouble(r, j) + gj);
        }
        g.muliColumnVector(HostArrays.column(rowAlphaPrime, type));
        INDArray dot = x.mul(g).sum(true, 1);
        INDArray dLogits = x.mul(g.subiColumnVector(dot)).divi(n);
        return new LossValue(total / n, dLogits, tokenLoss);
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
