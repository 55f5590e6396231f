package org.tokendrift.data;

/**
 * Where a {@link BatchIterator} stands: the next batch it returns is batch {@code batch} of epoch
 * {@code epoch}. Saving it with a checkpoint and passing it back to
 * {@link TokenDataset#batches(int, long, BatchCursor)} resumes the exact same batch sequence.
 */
public record BatchCursor(long epoch, int batch) {

    /** The beginning: epoch 0, batch 0. */
    public static final BatchCursor START = new BatchCursor(0, 0);

    public BatchCursor {
        if (epoch < 0 || batch < 0) {
            throw new IllegalArgumentException("a batch cursor needs epoch >= 0 and batch >= 0, got (" + epoch + ", " + batch + ")");
        }
    }
}
