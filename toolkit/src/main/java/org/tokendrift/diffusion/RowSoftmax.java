package org.tokendrift.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Row-wise (log-)softmax built from elementary ND4J ops with the row maximum subtracted first:
 * {@code log softmax(x)_v = (x_v - max x) - log sum_u exp(x_u - max x)}.
 *
 * <p>Why not ND4J's own softmax: in ND4J 1.0.0-M2.1 the float64 softmax op returned NaN for a row of large
 * negative logits (e.g. {@code [-5000, -5001, ...]}) in a batch whose other rows were large and positive;
 * subtracting each row's own maximum avoids that. Entries equal to {@code -Infinity} (excluded classes) get
 * probability exactly 0, as long as a row has at least one finite entry. The result keeps the input's data
 * type; the input is not modified.
 */
final class RowSoftmax {

    private RowSoftmax() {
    }

    static INDArray logSoftmax(INDArray logits) {
        INDArray max = logits.max(true, 1);
        INDArray shifted = logits.subColumnVector(max);
        INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.subiColumnVector(logSum);
    }

    static INDArray softmax(INDArray logits) {
        return Transforms.exp(logSoftmax(logits), false);
    }
}
