package org.tokendrift.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The MDLM and DUO loss implementations as they were before the loss heads were made fast (commit 5cffc1b):
 * the same ND4J calls and arithmetic, with most argument checks left out. Kept in the test tree as the baseline
 * of {@link LossHeadBenchmark} and as an independent reference in {@link LossHeadEquivalenceTest}; the toolkit
 * does not use it.
 */
final class LegacyLosses {

    private LegacyLosses() {
    }

    /** Former {@code MdlmNelbo.compute} with the former {@code diffusion.WeightedCrossEntropy} inlined. */
    static LossValue mdlm(INDArray logits, Corruption corruption, int[][] x0, int vocab, int maskId) {
        int b = corruption.batchSize();
        int len = corruption.seqLen();
        Checks.sameShape(x0, corruption.tokens(), "clean tokens", "noisy tokens");
        int n = b * len;
        Checks.logits(logits, n, vocab);
        int[] targets = HostArrays.flatten(x0);
        double[] weights = new double[n];
        for (int i = 0; i < b; i++) {
            for (int l = 0; l < len; l++) {
                if (!corruption.predicted()[i][l]) {
                    continue;
                }
                if (corruption.tokens()[i][l] != maskId) {
                    throw new IllegalArgumentException("position [" + i + "][" + l + "] is marked predicted but its "
                            + "noisy token " + corruption.tokens()[i][l] + " is not [MASK] (" + maskId + ")");
                }
                double w = MdlmNelbo.weight(corruption.alpha()[i], corruption.alphaPrime()[i]);
                if (!(w > 0.0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("MDLM weight -alpha'/(1-alpha) is " + w + " for sequence " + i
                            + " (alpha = " + corruption.alpha()[i] + "); t must be > 0 where tokens are masked");
                }
                weights[i * len + l] = w;
            }
        }
        // former diffusion.WeightedCrossEntropy.compute(logits, targets, weights, maskId)
        int excluded = maskId;
        INDArray work = logits.dup('c');
        work.getColumn(excluded).assign(Double.NEGATIVE_INFINITY);
        INDArray logProbs = RowSoftmax.logSoftmax(work);
        double[] tokenLoss = new double[n];
        for (int r = 0; r < n; r++) {
            double w = weights[r];
            if (w == 0.0) {
                continue;
            }
            tokenLoss[r] = -w * logProbs.getDouble(r, targets[r]);
        }
        INDArray weightColumn = HostArrays.column(weights, logits.dataType());
        INDArray grad = Transforms.exp(logProbs, false).muliColumnVector(weightColumn);
        for (int r = 0; r < n; r++) {
            if (weights[r] != 0.0) {
                grad.putScalar(r, targets[r], grad.getDouble(r, targets[r]) - weights[r]);
            }
        }
        double sum = 0.0;
        for (double v : tokenLoss) {
            sum += v;
        }
        return new LossValue(sum / n, grad.divi(n), tokenLoss);
    }

    /** Former {@code DuoNelbo.compute}. */
    static LossValue duo(INDArray logits, Corruption corruption, int[][] x0, int k) {
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
            for (int l = 0; l < len; l++) {
                int r = b * len + l;
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
}
