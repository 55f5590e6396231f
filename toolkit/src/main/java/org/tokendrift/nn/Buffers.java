package org.tokendrift.nn;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named, preallocated arrays reused from step to step. A fresh native allocation costs page faults
 * on first touch (tens of ms for tens of MB on this VM), and ND4J frees arrays only when Java GC
 * collects them, so the engine asks this cache for every activation and temporary: after the first
 * step of a given batch size no allocation happens and resident memory stays flat.
 * Contents are not cleared between uses; every op that reads a buffer writes it first.
 */
final class Buffers {
    private final DataType dtype;
    private final Map<String, INDArray> arrays = new HashMap<>();

    Buffers(DataType dtype) {
        this.dtype = dtype;
    }

    /** The buffer called {@code key} with this shape, allocated (uninitialised) on first request. */
    INDArray get(String key, long... shape) {
        INDArray a = arrays.get(key);
        if (a == null || !Arrays.equals(a.shape(), shape)) {
            if (a != null) {
                a.close();
            }
            a = Nd4j.createUninitialized(dtype, shape);
            arrays.put(key, a);
        }
        return a;
    }

    /** Like {@link #get} but filled with {@code value} when first allocated (e.g. constant ones). */
    INDArray constant(String key, double value, long... shape) {
        INDArray a = arrays.get(key);
        if (a == null || !Arrays.equals(a.shape(), shape)) {
            a = get(key, shape).assign(value);
        }
        return a;
    }

    DataType dtype() {
        return dtype;
    }

    /** Bytes held, for memory reports. */
    long bytes() {
        long total = 0;
        for (INDArray a : arrays.values()) {
            total += a.length() * a.dataType().width();
        }
        return total;
    }

    /** Frees every buffer now rather than at the next GC. */
    void release() {
        for (INDArray a : arrays.values()) {
            a.close();
        }
        arrays.clear();
    }
}
