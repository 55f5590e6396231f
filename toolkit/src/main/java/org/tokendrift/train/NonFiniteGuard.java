package org.tokendrift.train;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Stops a run at the first NaN or infinity. Checking one scalar per step (the loss and the global
 * gradient norm) is cheap; only when one of them is bad does the guard scan the named tensors to
 * tell the user which one went wrong first.
 */
public final class NonFiniteGuard {

    private NonFiniteGuard() {
    }

    /** Throws if {@code value} (a scalar such as the loss) is NaN or infinite. */
    public static void requireFinite(long step, String name, double value) {
        if (!Double.isFinite(value)) {
            throw new NonFiniteException(step, name, "value " + value);
        }
    }

    /**
     * Throws naming the first tensor of {@code tensors} (in iteration order) that holds a NaN or an
     * infinity; returns normally if all are finite.
     */
    public static void requireFinite(long step, Map<String, INDArray> tensors) {
        for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
            INDArray t = e.getValue();
            if (t == null) {
                continue;
            }
            // Sum of |x| is finite iff every element is finite (and it cannot overflow for the
            // sizes used here), so one reduction decides.
            double s = t.norm1Number().doubleValue();
            if (!Double.isFinite(s)) {
                long nan = t.isNaN().castTo(org.nd4j.linalg.api.buffer.DataType.INT32).sumNumber().longValue();
                long inf = t.isInfinite().castTo(org.nd4j.linalg.api.buffer.DataType.INT32).sumNumber().longValue();
                throw new NonFiniteException(step, e.getKey(), nan + " NaN and " + inf + " infinite of " + t.length() + " entries");
            }
        }
    }
}
