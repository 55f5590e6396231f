package org.tokendrift.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss and its gradient with respect to the logits.
 *
 * @param value     the scalar loss: per-token losses summed over all {@code B*L} tokens and divided by
 *                  {@code B*L} (research note §A.4, §B.3), i.e. the NELBO per token
 * @param dLogits   {@code d value / d logits}, {@code [B*L, V]}, same data type as the logits. For float32 logits
 *                  (the training path) this is a buffer owned by the backbone and overwritten by its next loss
 *                  call with float32 logits: use it (e.g. backpropagate it) before that call, or {@code dup()} it.
 *                  Float64 logits (reference and finite-difference checks) get a fresh array on every call.
 * @param tokenLoss per-token loss before the division, length {@code B*L}, row {@code b*L + l} (zero at
 *                  positions that are not predicted); summing a sequence's entries gives its NELBO estimate
 */
public record LossValue(double value, INDArray dLogits, double[] tokenLoss) {
}
