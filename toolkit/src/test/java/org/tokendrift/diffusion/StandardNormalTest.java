package org.tokendrift.diffusion;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StandardNormalTest {

    // Reference values: mpmath.ncdf at 30 digits.
    @Test
    void cdfMatchesHighPrecisionReferenceInBothTails() {
        double[][] cases = {
                {-10, 7.619853024160525e-24}, {-5, 2.866515718791939e-07}, {-3, 0.0013498980316300946},
                {-1, 0.15865525393145705}, {0, 0.5}, {0.5, 0.6914624612740131}, {2, 0.9772498680518208},
                {5, 0.9999997133484281}};
        for (double[] c : cases) {
            assertEquals(c[1], StandardNormal.cdf(c[0]), 1e-14 * c[1], "Phi(" + c[0] + ")");
        }
    }

    @Test
    void logCdfIsAccurateWhereTheCdfUnderflowsOrRoundsToOne() {
        assertEquals(-804.6084420137538, StandardNormal.logCdf(-40), 1e-10);
        assertEquals(-53.23128515051247, StandardNormal.logCdf(-10), 1e-12);
        assertEquals(-6.607726221510349, StandardNormal.logCdf(-3), 1e-13);
        assertEquals(-2.866516129637636e-07, StandardNormal.logCdf(5), 1e-20);
        // Either side of the series/continued-fraction switch at |z| = 3 agrees with the reference.
        assertEquals(StandardNormal.cdf(-2.9999999), StandardNormal.cdf(-3.0000001), 1e-9);
    }
}
