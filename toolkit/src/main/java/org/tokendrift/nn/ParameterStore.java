package org.tokendrift.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The named parameters of one model, in creation order. Creation also initialises the values from
 * one seeded host stream, so a model is reproducible from (config, seed) on any backend.
 */
public final class ParameterStore {
    private final Map<String, Param> params = new LinkedHashMap<>();
    private final DataType dtype;
    private final boolean withGrads;
    private final SplittableRandom random;

    ParameterStore(DataType dtype, boolean withGrads, long seed) {
        this.dtype = dtype;
        this.withGrads = withGrads;
        this.random = new SplittableRandom(seed);
    }

    /** Registers a parameter drawn from U(-bound, bound). */
    INDArray uniform(String name, double bound, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] values = new double[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (2 * random.nextDouble() - 1) * bound;
        }
        return register(name, Nd4j.createFromArray(values).castTo(dtype).reshape(shape));
    }

    /** Registers a parameter filled with {@code value}. */
    INDArray constant(String name, double value, long... shape) {
        return register(name, Nd4j.valueArrayOf(shape, value, dtype));
    }

    private INDArray register(String name, INDArray value) {
        if (params.containsKey(name)) {
            throw new IllegalStateException("duplicate parameter name " + name);
        }
        Param p = new Param(name, value, withGrads);
        params.put(name, p);
        return value;
    }

    /** The gradient accumulator of {@code name}, or {@code null} for a frozen store. */
    INDArray gradOf(String name) {
        return require(name).grad();
    }

    public Param require(String name) {
        Param p = params.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'; known: " + params.keySet());
        }
        return p;
    }

    public List<Param> all() {
        return Collections.unmodifiableList(new ArrayList<>(params.values()));
    }

    public List<String> names() {
        return List.copyOf(params.keySet());
    }

    public long count() {
        long n = 0;
        for (Param p : params.values()) {
            n += p.value().length();
        }
        return n;
    }

    public DataType dtype() {
        return dtype;
    }

    public boolean hasGrads() {
        return withGrads;
    }

    /** Clears every gradient accumulator (called by the optimiser after a step). */
    public void zeroGrads() {
        for (Param p : params.values()) {
            if (p.grad() != null) {
                p.grad().assign(0);
            }
        }
    }
}
