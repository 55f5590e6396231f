package org.tokendrift.drift;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureQueueTest {

    private static double[][] rows(double... firstValues) {
        double[][] m = new double[firstValues.length][];
        for (int r = 0; r < m.length; r++) {
            m[r] = new double[]{firstValues[r], -firstValues[r]};
        }
        return m;
    }

    @Test
    void evictsOldestFirstAndKeepsOrder() {
        FeatureQueue q = new FeatureQueue(4);
        q.push(rows(1, 2, 3));
        assertEquals(3, q.size());
        q.push(rows(4, 5));
        double[][] snap = q.snapshot();
        assertEquals(4, snap.length);
        assertArrayEquals(new double[]{2, -2}, snap[0]);
        assertArrayEquals(new double[]{3, -3}, snap[1]);
        assertArrayEquals(new double[]{4, -4}, snap[2]);
        assertArrayEquals(new double[]{5, -5}, snap[3]);
    }

    @Test
    void batchLargerThanCapacityKeepsItsLastRows() {
        FeatureQueue q = new FeatureQueue(2);
        q.push(rows(1, 2, 3, 4, 5));
        double[][] snap = q.snapshot();
        assertArrayEquals(new double[]{4, -4}, snap[0]);
        assertArrayEquals(new double[]{5, -5}, snap[1]);
    }

    @Test
    void storesDetachedCopies() {
        FeatureQueue q = new FeatureQueue(3);
        double[][] batch = rows(7);
        q.push(batch);
        batch[0][0] = 100;                 // caller mutates its array after the push
        double[][] snap = q.snapshot();
        snap[0][1] = 100;                  // and mutates the snapshot
        assertArrayEquals(new double[]{7, -7}, q.snapshot()[0]);
    }

    @Test
    void sameSequenceOfPushesGivesTheSameContent() {
        FeatureQueue a = new FeatureQueue(3);
        FeatureQueue b = new FeatureQueue(3);
        for (int step = 0; step < 5; step++) {
            a.push(rows(step, step + 0.5));
            b.push(rows(step, step + 0.5));
        }
        assertTrue(java.util.Arrays.deepEquals(a.snapshot(), b.snapshot()));
        assertArrayEquals(new double[]{3.5, -3.5}, a.snapshot()[0]);
    }

    @Test
    void rejectsWrongDimensionAndBadCapacity() {
        FeatureQueue q = new FeatureQueue(3);
        q.push(rows(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> q.push(new double[][]{{1, 2, 3}}));
        assertTrue(e.getMessage().contains("dimension 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FeatureQueue(0));
    }
}
