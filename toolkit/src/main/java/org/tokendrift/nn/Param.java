package org.tokendrift.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One named trainable tensor and its gradient accumulator. The gradient is {@code null} for a
 * frozen model, which never computes parameter gradients.
 */
public final class Param {
    private final String name;
    private final INDArray value;
    private final INDArray grad;

    Param(String name, INDArray value, boolean withGrad) {
        this.name = name;
        this.value = value;
        this.grad = withGrad ? value.ulike().assign(0) : null;
    }

    public String name() {
        return name;
    }

    /** The live weights; optimisers update this array in place. */
    public INDArray value() {
        return value;
    }

    /** Accumulated gradient, same shape as {@link #value()}; {@code null} for frozen models. */
    public INDArray grad() {
        return grad;
    }

    public boolean trainable() {
        return grad != null;
    }
}
