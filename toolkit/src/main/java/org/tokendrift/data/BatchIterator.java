package org.tokendrift.data;

import java.util.Iterator;
import java.util.Random;

/**
 * An endless, deterministic sequence of training batches {@code int[B][L]} drawn from a
 * {@link TokenDataset}, reshuffled every epoch.
 *
 * <p>Epoch {@code e} visits the blocks in a Fisher-Yates permutation drawn from
 * {@code new java.util.Random(epochSeed(seed, e))}; {@code java.util.Random}'s algorithm is fixed by
 * its specification, so the order is the same on every JVM. An epoch has
 * {@code floor(blocks / B)} batches (the few blocks left over are skipped in that epoch, and are
 * in other batches in other epochs), so every batch has exactly {@code B} rows. The state is just
 * the {@link BatchCursor} (epoch, batch): resuming from a saved cursor continues identically.
 */
public final class BatchIterator implements Iterator<int[][]> {

    private final TokenDataset dataset;
    private final int batchSize;
    private final long seed;
    private final int batchesPerEpoch;
    private long epoch;
    private int batch;
    private int[] order;

    BatchIterator(TokenDataset dataset, int batchSize, long seed, BatchCursor from) {
        if (batchSize < 1 || batchSize > dataset.blockCount()) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be between 1 and the "
                    + dataset.blockCount() + " blocks of the " + dataset.header().split() + " split");
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.seed = seed;
        this.batchesPerEpoch = dataset.blockCount() / batchSize;
        if (from.batch() > batchesPerEpoch) {
            throw new IllegalArgumentException("cursor batch " + from.batch() + " is past the end of an epoch ("
                    + batchesPerEpoch + " batches of " + batchSize + ")");
        }
        this.epoch = from.epoch();
        this.batch = from.batch();
        this.order = permutation(dataset.blockCount(), seed, epoch);
    }

    /** Batches in one epoch. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Position of the batch that {@link #next()} returns next. */
    public BatchCursor cursor() {
        return batch == batchesPerEpoch ? new BatchCursor(epoch + 1, 0) : new BatchCursor(epoch, batch);
    }

    /** Always true: the sequence is endless (training decides when to stop). */
    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public int[][] next() {
        if (batch == batchesPerEpoch) {
            epoch++;
            batch = 0;
            order = permutation(dataset.blockCount(), seed, epoch);
        }
        int[][] rows = new int[batchSize][];
        for (int r = 0; r < batchSize; r++) {
            rows[r] = dataset.block(order[batch * batchSize + r]);
        }
        batch++;
        return rows;
    }

    /** The block order of one epoch. */
    static int[] permutation(int size, long seed, long epoch) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Random random = new Random(epochSeed(seed, epoch));
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    /** Mixes seed and epoch (SplitMix64 finaliser) so that nearby seeds and epochs give unrelated orders. */
    static long epochSeed(long seed, long epoch) {
        long z = seed + (epoch + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
