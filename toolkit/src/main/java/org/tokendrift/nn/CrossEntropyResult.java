package org.tokendrift.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Output of {@link WeightedCrossEntropy}.
 *
 * @param value     {@code sum_i w_i CE_i / normaliser}
 * @param dLogits   gradient of {@code value} w.r.t. the logits [N, V]; a buffer owned by the head,
 *                  overwritten by its next call
 * @param rowLosses unweighted CE_i per row [N, 1], same lifetime as dLogits
 */
public record CrossEntropyResult(double value, INDArray dLogits, INDArray rowLosses) {
}
