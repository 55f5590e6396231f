package org.tokendrift.drift;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureSeparationTest {

    private static double[][] points(double... xs) {
        double[][] p = new double[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            p[i] = new double[]{xs[i]};
        }
        return p;
    }

    @Test
    void distancesAndAccuracyByHandOnTheLine() {
        // x = {0, 2}, r = {1, 5}: distances 1, 25, 1, 9 (mean 9), nearest 1 and 1, within 4.
        // Union with q = {10, 11}: every point's neighbour is in its own set.
        FeatureSeparation s = FeatureSeparation.of(points(0, 2), points(1, 5), points(10, 11));
        assertEquals(2, s.count());
        assertEquals(9.0, s.meanToReference(), 1e-12);
        assertEquals(1.0, s.nearestReference(), 1e-12);
        assertEquals(4.0, s.within(), 1e-12);
        assertEquals(1.0, s.oneNnAccuracy(), 0.0);
    }

    @Test
    void chanceAccuracyIsTheShareOfSameLabelPairs() {
        assertEquals(2.0 * 64 * 63 / (128.0 * 127), FeatureSeparation.chanceAccuracy(64, 64), 1e-15);
        assertEquals(5024.0 / 9120, FeatureSeparation.chanceAccuracy(32, 64), 1e-15);
        assertEquals(0.0, FeatureSeparation.chanceAccuracy(1, 1), 0.0);
    }

    @Test
    void interleavedSetsAreAlwaysMisclassified() {
        // Union 0, 2 | 1, 3: 0 -> 1; 2 ties 1 and 3 -> 1 (lower index); 1 ties 0 and 2 -> 0; 3 -> 2. All wrong.
        assertEquals(0.0, FeatureSeparation.oneNearestNeighbourAccuracy(points(0, 2), points(1, 3)), 0.0);
    }

    @Test
    void sameDistributionIsNearChanceAndAShiftedOneIsSeparated() {
        Random rnd = new Random(5);
        double[][] a = gaussian(rnd, 300, 0), b = gaussian(rnd, 300, 0), shifted = gaussian(rnd, 300, 4);
        double same = FeatureSeparation.oneNearestNeighbourAccuracy(a, b);
        assertTrue(same > 0.4 && same < 0.6, "same distribution: " + same);
        assertTrue(FeatureSeparation.oneNearestNeighbourAccuracy(a, shifted) > 0.95);
    }

    @Test
    void rejectsEmptyOrMismatchedFeatures() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> FeatureSeparation.of(new double[0][], points(1), points(2)));
        assertTrue(empty.getMessage().contains("set features are empty"), empty.getMessage());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> FeatureSeparation.of(points(0), new double[][]{{1, 2}}, points(2)));
        assertTrue(width.getMessage().contains("feature widths 1, 2 and 1"), width.getMessage());
        assertTrue(Double.isNaN(FeatureSeparation.within(points(3))));
    }

    private static double[][] gaussian(Random rnd, int n, double shift) {
        double[][] p = new double[n][2];
        for (double[] row : p) {
            row[0] = rnd.nextGaussian() + shift;
            row[1] = rnd.nextGaussian();
        }
        return p;
    }
}
