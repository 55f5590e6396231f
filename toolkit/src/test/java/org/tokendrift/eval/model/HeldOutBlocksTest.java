package org.tokendrift.eval.model;

import org.junit.jupiter.api.Test;
import org.tokendrift.data.DataPaths;
import org.tokendrift.data.Split;
import org.tokendrift.data.TokenDataset;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeldOutBlocksTest {

    @Test
    void drawsDistinctBlocksReproduciblyAndCutsThemToTheModelLength() throws IOException {
        TokenDataset valid = TokenDataset.open(DataPaths.sampleDir(), Split.VALID);
        int[][] all = HeldOutBlocks.select(valid, valid.blockCount(), 0, valid.blockLength());
        Set<String> distinct = new HashSet<>();
        for (int[] block : all) {
            distinct.add(Arrays.toString(block));
        }
        assertEquals(valid.blockCount(), distinct.size(), "drawing every block uses each once");

        int[][] a = HeldOutBlocks.select(valid, 5, 3, 64);
        assertTrue(Arrays.deepEquals(a, HeldOutBlocks.select(valid, 5, 3, 64)), "same seed, same blocks");
        assertFalse(Arrays.deepEquals(a, HeldOutBlocks.select(valid, 5, 4, 64)), "another seed, other blocks");
        for (int[] block : a) {
            assertEquals(64, block.length);
            assertTrue(Arrays.stream(all).anyMatch(full -> Arrays.equals(Arrays.copyOf(full, 64), block)),
                    "a cut block is the start of a real block");
        }
        assertArrayEquals(Arrays.copyOf(HeldOutBlocks.select(valid, 5, 3, 128)[0], 64), a[0]);

        assertThrows(IllegalArgumentException.class, () -> HeldOutBlocks.select(valid, valid.blockCount() + 1, 0, 128));
        assertThrows(IllegalArgumentException.class, () -> HeldOutBlocks.select(valid, 2, 0, 129));
    }
}
