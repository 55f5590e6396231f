package org.tokendrift.drift;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * First-in first-out queue of detached feature vectors (TokenDrift §4, Alg. 1 line 11): after each
 * micro-step the current real features u go to Q_real and the generated features h to Q_gen, and
 * the oldest entries are evicted beyond the capacity ([P] 1024; ablations 4 and 64, Table 5).
 *
 * <p>Rows are copied on push, so later changes to the caller's arrays (or to the model) never reach
 * the queue: a queued feature is a constant, which is what "detached" means here. Deterministic:
 * the content depends only on the sequence of pushes.
 */
public final class FeatureQueue {

    private final int capacity;
    private final ArrayDeque<double[]> rows;
    private int dim = -1;

    public FeatureQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("FeatureQueue: capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        this.rows = new ArrayDeque<>(capacity);
    }

    public int capacity() {
        return capacity;
    }

    public int size() {
        return rows.size();
    }

    /** Feature dimension, fixed by the first push; -1 while the queue has never been filled. */
    public int dim() {
        return dim;
    }

    /**
     * Appends copies of the rows of {@code batch} in order, evicting the oldest entries once the
     * queue is full (a batch larger than the capacity therefore leaves only its last rows).
     */
    public void push(double[][] batch) {
        for (int r = 0; r < batch.length; r++) {
            double[] row = batch[r];
            if (dim < 0) {
                dim = row.length;
            } else if (row.length != dim) {
                throw new IllegalArgumentException("FeatureQueue: pushed row " + r + " has " + row.length
                        + " columns, but the queue holds features of dimension " + dim);
            }
            if (rows.size() == capacity) {
                rows.removeFirst();
            }
            rows.addLast(row.clone());
        }
    }

    /** The queued features, oldest first, as a fresh {@code [size][dim]} matrix. */
    public double[][] snapshot() {
        double[][] out = new double[rows.size()][];
        Iterator<double[]> it = rows.iterator();
        for (int r = 0; it.hasNext(); r++) {
            out[r] = it.next().clone();
        }
        return out;
    }

    public void clear() {
        rows.clear();
    }
}
