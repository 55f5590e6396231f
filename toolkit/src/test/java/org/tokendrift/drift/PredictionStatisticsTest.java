package org.tokendrift.drift;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PredictionStatisticsTest {

    @Test
    void entropyAndTopShareByHand() {
        // rows: uniform over 4 (entropy log 4, argmax 0 by the first-maximum rule), one-hot on 2 (entropy 0),
        // (0.5, 0, 0.5, 0) -> entropy log 2, argmax 0
        PredictionStatistics s = PredictionStatistics.of(Nd4j.createFromArray(new double[][]{
                {0.25, 0.25, 0.25, 0.25},
                {0, 0, 1, 0},
                {0.5, 0, 0.5, 0}}));
        assertEquals((Math.log(4) + 0 + Math.log(2)) / 3, s.meanEntropy(), 1e-12);
        assertEquals(2.0 / 3, s.topShare(), 1e-12);
        assertEquals(0, s.topToken());
    }

    @Test
    void aCollapsedGeneratorHasTopShareOne() {
        PredictionStatistics s = PredictionStatistics.of(Nd4j.createFromArray(new double[][]{
                {0.1, 0.9, 0}, {0.2, 0.7, 0.1}, {0, 0.6, 0.4}}));
        assertEquals(1.0, s.topShare(), 0.0);
        assertEquals(1, s.topToken());
    }

    @Test
    void severalPartsCountAsOneSetOfRows() {
        // Argmaxes 0, 0, 2 | (empty) | 2, 0 (a tie goes to the lowest id): token 0 on 3 of the 5 rows.
        PredictionStatistics s = PredictionStatistics.ofAll(java.util.Arrays.asList(
                Nd4j.createFromArray(new double[][]{{1, 0, 0}, {0.6, 0.4, 0}, {0, 0, 1}}),
                null,
                Nd4j.createFromArray(new double[][]{{0, 0, 1}, {0.5, 0, 0.5}})));
        assertEquals(3.0 / 5, s.topShare(), 1e-12);
        assertEquals(0, s.topToken());
        assertEquals((0 + (-0.6 * Math.log(0.6) - 0.4 * Math.log(0.4)) + 0 + 0 + Math.log(2)) / 5, s.meanEntropy(), 1e-12);
    }

    @Test
    void noPredictedPositions() {
        assertSame(PredictionStatistics.NONE, PredictionStatistics.of(null));
    }
}
