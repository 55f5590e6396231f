package org.tokendrift.eval.model;

import org.tokendrift.data.TokenDataset;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Real held-out text in the shape of samples: blocks of the validation token dataset, which is the
 * validation text encoded exactly like the training data ({@code [BOS]}, documents closed by
 * {@code [EOS]}, cut into blocks of the model length). A reference set drawn this way has the
 * length and the special-token layout the diffusion models are trained to generate, so its Gen-PPL
 * and diversity are directly comparable to samples.
 */
public final class HeldOutBlocks {

    private HeldOutBlocks() {
    }

    /**
     * {@code count} distinct blocks chosen uniformly at random with {@code seed} (a partial
     * Fisher-Yates shuffle of the block indices), each cut to its first {@code length} tokens.
     */
    public static int[][] select(TokenDataset dataset, int count, long seed, int length) {
        if (count < 1 || count > dataset.blockCount()) {
            throw new IllegalArgumentException("cannot draw " + count + " held-out blocks from a split of "
                    + dataset.blockCount());
        }
        if (length < 1 || length > dataset.blockLength()) {
            throw new IllegalArgumentException("length " + length + " must be in [1, " + dataset.blockLength()
                    + "] (the block length of the held-out data)");
        }
        int[] indices = new int[dataset.blockCount()];
        Arrays.setAll(indices, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        int[][] blocks = new int[count][];
        for (int k = 0; k < count; k++) {
            int j = k + random.nextInt(indices.length - k);
            int chosen = indices[j];
            indices[j] = indices[k];
            indices[k] = chosen;
            blocks[k] = Arrays.copyOf(dataset.block(chosen), length);
        }
        return blocks;
    }
}
