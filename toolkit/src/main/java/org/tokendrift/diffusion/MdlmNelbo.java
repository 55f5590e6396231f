package org.tokendrift.diffusion;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tokendrift.nn.CrossEntropyResult;
import org.tokendrift.nn.WeightedCrossEntropy;

/**
 * The MDLM continuous-time NELBO with the SUBS parameterisation (research note §A.3, §A.4):
 * <pre>
 *   loss_{b,l} = -alpha'_t / (1 - alpha_t) · (-log x_theta(z_t)_{l}[x_l])   if z_t,l = [MASK], else 0
 *   value      = sum_{b,l} loss_{b,l} / (B·L)                               (all tokens, not masked ones)
 * </pre>
 * where {@code x_theta} is the softmax over the non-mask classes (the mask logit is sent to -infinity). The
 * weight is {@code dsigma / (e^sigma - 1)}; for the log-linear schedule it equals {@code 1/t}. Unmasked
 * positions are copied by carry-over, so their loss and their gradient are exactly zero.
 *
 * <p>The cross-entropy and its gradient come from the engine's head {@link WeightedCrossEntropy} with the mask
 * id as its excluded class, row weight {@code -alpha'/(1-alpha)} on masked rows and 0 elsewhere, normaliser
 * {@code B·L}. For float32 logits the head (and so {@link LossValue#dLogits()}) reuses its buffers from call
 * to call; other data types get a fresh head, hence fresh arrays, on every call. Not thread-safe.
 */
final class MdlmNelbo {

    private final int vocab;
    private final int maskId;
    private final WeightedCrossEntropy float32Head;

    MdlmNelbo(int vocab, int maskId) {
        this.vocab = vocab;
        this.maskId = maskId;
        this.float32Head = new WeightedCrossEntropy(maskId);
    }

    /** The per-token weight {@code -alpha'_t / (1 - alpha_t)} (positive). */
    static double weight(double alpha, double alphaPrime) {
        return -alphaPrime / (1.0 - alpha);
    }

    LossValue compute(INDArray logits, Corruption corruption, int[][] x0) {
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
                double w = weight(corruption.alpha()[i], corruption.alphaPrime()[i]);
                if (!(w > 0.0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("MDLM weight -alpha'/(1-alpha) is " + w + " for sequence " + i
                            + " (alpha = " + corruption.alpha()[i] + "); t must be > 0 where tokens are masked");
                }
                weights[i * len + l] = w;
            }
        }
        WeightedCrossEntropy head = logits.dataType() == DataType.FLOAT ? float32Head : new WeightedCrossEntropy(maskId);
        CrossEntropyResult ce = head.compute(logits, targets, weights, n);
        double[] crossEntropy = HostArrays.rowMajorDoubles(ce.rowLosses());
        double[] tokenLoss = new double[n];
        double sum = 0.0;
        for (int r = 0; r < n; r++) {
            if (weights[r] != 0.0) { // carry-over rows: exactly 0, whatever their (ignored) cross-entropy
                tokenLoss[r] = weights[r] * crossEntropy[r];
                sum += tokenLoss[r];
            }
        }
        return new LossValue(sum / n, ce.dLogits(), tokenLoss);
    }
}
