package org.tokendrift.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tokendrift.util.AtomicFiles;

class TokenDatasetTest {

    private static final int L = 6;
    private static final int BLOCKS = 23;

    @TempDir
    Path dir;

    private TokenDataset dataset;

    /** A dataset whose block i holds [BOS, i, i, i, i, EOS], so rows reveal which block they are. */
    @BeforeEach
    void writeDataset() throws IOException {
        int[] flat = new int[BLOCKS * L];
        for (int b = 0; b < BLOCKS; b++) {
            for (int i = 0; i < L; i++) {
                flat[b * L + i] = i == 0 ? 1 : i == L - 1 ? 2 : 1000 + b;
            }
        }
        byte[] bin = DatasetEncoder.toUint16LittleEndian(flat);
        Files.write(TokenDataset.binFile(dir, Split.TRAIN), bin);
        DatasetHeader header = new DatasetHeader(DatasetHeader.FORMAT, "train", 4096, L, BLOCKS, BLOCKS, BLOCKS * (L - 2L), 0,
                AtomicFiles.sha256(bin), "none");
        Files.writeString(TokenDataset.headerFile(dir, Split.TRAIN), Json.PRETTY.toJson(header));
        dataset = TokenDataset.open(dir, Split.TRAIN);
    }

    @Test
    void readsBlocksBack() {
        assertEquals(BLOCKS, dataset.blockCount());
        assertArrayEquals(new int[] {1, 1007, 1007, 1007, 1007, 2}, dataset.block(7));
        assertEquals(3, dataset.blocks(4, 7).length);
    }

    @Test
    void anEpochVisitsDistinctBlocksInFullBatches() {
        BatchIterator batches = dataset.batches(5, 11L);
        assertEquals(4, batches.batchesPerEpoch());
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            int[][] batch = batches.next();
            assertEquals(5, batch.length);
            for (int[] row : batch) {
                assertEquals(L, row.length);
                assertTrue(seen.add(row[1] - 1000), "block repeated within an epoch");
            }
        }
        assertEquals(20, seen.size());
        assertEquals(new BatchCursor(1, 0), batches.cursor());
    }

    @Test
    void sameSeedSameBatchesAndEpochsAreReshuffled() {
        List<Integer> first = firstRows(dataset.batches(5, 11L), 12);
        assertEquals(first, firstRows(dataset.batches(5, 11L), 12));
        assertNotEquals(first, firstRows(dataset.batches(5, 12L), 12));
        assertNotEquals(first.subList(0, 4), first.subList(4, 8), "epoch 1 should not repeat epoch 0's order");
    }

    @Test
    void resumingFromACursorContinuesExactly() {
        BatchIterator uninterrupted = dataset.batches(5, 3L);
        List<int[][]> expected = new ArrayList<>();
        BatchCursor saved = null;
        for (int i = 0; i < 11; i++) {
            if (i == 6) {
                saved = uninterrupted.cursor();
            }
            expected.add(uninterrupted.next());
        }
        assertEquals(new BatchCursor(1, 2), saved);
        BatchIterator resumed = dataset.batches(5, 3L, saved);
        for (int i = 6; i < 11; i++) {
            assertArrayEquals(expected.get(i), resumed.next());
        }
    }

    @Test
    void refusesImpossibleBatchSizesAndCursors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dataset.batches(24, 1L));
        assertEquals("batch size 24 must be between 1 and the 23 blocks of the train split", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> dataset.batches(5, 1L, new BatchCursor(0, 5)));
        assertThrows(IllegalArgumentException.class, () -> new BatchCursor(-1, 0));
    }

    @Test
    void refusesADamagedFile() throws IOException {
        Path bin = TokenDataset.binFile(dir, Split.TRAIN);
        byte[] bytes = Files.readAllBytes(bin);
        bytes[10] ^= 1;
        Files.write(bin, bytes);
        IOException e = assertThrows(IOException.class, () -> TokenDataset.open(dir, Split.TRAIN));
        assertTrue(e.getMessage().contains("the file is damaged or does not belong to this header"), e.getMessage());
        Files.write(bin, new byte[8]);
        e = assertThrows(IOException.class, () -> TokenDataset.open(dir, Split.TRAIN));
        assertTrue(e.getMessage().endsWith("has 8 bytes but its header announces 23 blocks of 6 uint16 tokens (276 bytes)"), e.getMessage());
    }

    private static List<Integer> firstRows(BatchIterator batches, int count) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(batches.next()[0][1] - 1000);
        }
        return ids;
    }
}
