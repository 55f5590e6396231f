package org.tokendrift.nn;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Exponential moving average of the weights with the MDLM warm-up rule: on the n-th update
 * (n = 1, 2, ...) {@code d_n = min(decay, (1 + n) / (10 + n))} and
 * {@code shadow = d_n shadow + (1 - d_n) theta}. {@link #swapIn()} puts the averaged weights into
 * the model for evaluation and restores the live ones when closed.
 */
public final class ExponentialMovingAverage {
    private final double decay;
    private final ParameterStore params;
    private final Map<String, INDArray> shadow = new LinkedHashMap<>();
    private final Map<String, INDArray> backup = new LinkedHashMap<>();
    private long updates;
    private boolean swapped;

    public ExponentialMovingAverage(ParameterStore params, double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in [0, 1), got " + decay);
        }
        this.decay = decay;
        this.params = params;
        for (Param p : params.all()) {
            shadow.put(p.name(), p.value().dup());
        }
    }

    /** The decay used by update number {@code n} (1-based). */
    public static double decayAt(double decay, long n) {
        return Math.min(decay, (1.0 + n) / (10.0 + n));
    }

    /** Folds the current weights into the average. */
    public void update() {
        if (swapped) {
            throw new IllegalStateException("EMA weights are swapped in; close the swap before updating");
        }
        updates++;
        double d = decayAt(decay, updates);
        for (Param p : params.all()) {
            INDArray s = shadow.get(p.name());
            s.muli(d);
            org.nd4j.linalg.factory.Nd4j.getBlasWrapper().level1().axpy(s.length(), 1 - d, p.value(), s);
        }
    }

    /** Swaps the averaged weights into the model until the returned handle is closed. */
    public Swap swapIn() {
        if (swapped) {
            throw new IllegalStateException("EMA weights are already swapped in");
        }
        for (Param p : params.all()) {
            backup.computeIfAbsent(p.name(), k -> p.value().ulike()).assign(p.value());
            p.value().assign(shadow.get(p.name()));
        }
        swapped = true;
        return new Swap();
    }

    public long updateCount() {
        return updates;
    }

    public double decay() {
        return decay;
    }

    INDArray shadow(String name) {
        return shadow.get(name);
    }

    void restoreUpdateCount(long n) {
        this.updates = n;
    }

    /** Restores the live weights on close. */
    public final class Swap implements AutoCloseable {
        private Swap() {
        }

        @Override
        public void close() {
            if (!swapped) {
                return;
            }
            for (Param p : params.all()) {
                p.value().assign(backup.get(p.name()));
            }
            swapped = false;
        }
    }
}
