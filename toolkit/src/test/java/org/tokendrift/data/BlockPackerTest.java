package org.tokendrift.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlockPackerTest {

    private static final int BOS = 1;
    private static final int EOS = 2;

    @Test
    void wrapsDocumentsIntoBosPieceEosBlocksAndDropsTheTail() {
        // Stream: 10 11 12 EOS 20 EOS 30 31 32 33 EOS = 11 tokens; pieces of L-2 = 3: three blocks, tail of 2 dropped.
        List<int[]> docs = List.of(new int[] {10, 11, 12}, new int[] {20}, new int[] {30, 31, 32, 33});
        BlockPacker.Packed packed = BlockPacker.pack(docs, 5);
        assertEquals(3, packed.blockCount());
        assertEquals(11, packed.streamTokens());
        assertEquals(2, packed.droppedTailTokens());
        assertArrayEquals(new int[] {
            BOS, 10, 11, 12, EOS,
            BOS, EOS, 20, EOS, EOS,
            BOS, 30, 31, 32, EOS}, packed.blocks());
    }

    @Test
    void exactFitDropsNothing() {
        BlockPacker.Packed packed = BlockPacker.pack(List.of(new int[] {7, 8}, new int[] {9}), 7);
        assertEquals(1, packed.blockCount());
        assertEquals(0, packed.droppedTailTokens());
        assertArrayEquals(new int[] {BOS, 7, 8, EOS, 9, EOS, EOS}, packed.blocks());
    }
}
