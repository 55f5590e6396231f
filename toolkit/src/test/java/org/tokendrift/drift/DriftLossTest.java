package org.tokendrift.drift;

import org.junit.jupiter.api.Test;
import org.tokendrift.testing.GradientCheck;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DriftLossTest {

    @Test
    void valueIsHalfMeanSquaredDriftAndGradientIsMinusAlphaVOverB() {
        double[][] h = {{1, 0}, {0, 1}, {0.6, 0.8}};
        double[][] v = {{0.5, -1}, {2, 0}, {0, 0}};
        double alpha = 0.8;
        DriftLoss.Result r = DriftLoss.evaluate(h, v, alpha);
        // sum ||V||^2 = 1.25 + 4 + 0 = 5.25; L = alpha^2 * 5.25 / (2*3)
        assertEquals(alpha * alpha * 5.25 / 6, r.value(), 1e-15);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(new double[]{-alpha * v[i][0] / 3, -alpha * v[i][1] / 3}, r.gradient()[i], 1e-15);
            assertArrayEquals(new double[]{h[i][0] + alpha * v[i][0], h[i][1] + alpha * v[i][1]}, r.target()[i], 0.0);
        }
    }

    /** The stop-gradient: differentiate with the target frozen, as autograd would. */
    @Test
    void gradientMatchesFiniteDifferencesWithTheTargetFrozen() {
        Random rnd = new Random(41);
        double[][] h = DriftFieldTest.gaussian(rnd, 4, 3);
        double[][] v = DriftFieldTest.gaussian(rnd, 4, 3);
        DriftLoss.Result r = DriftLoss.evaluate(h, v, 1.3);
        double[][] target = r.target();
        double[][] numeric = GradientCheck.numericGradient(h, 1e-6, x -> frozenTargetLoss(x, target));
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(numeric[i][c], r.gradient()[i][c], 1e-8);
            }
        }
    }

    @Test
    void rejectsMismatchedRows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DriftLoss.evaluate(new double[2][3], new double[3][3], 1));
        assertEquals("DriftLoss: need one drift row per feature row, got 2 features and 3 drift rows", e.getMessage());
    }

    private static double frozenTargetLoss(double[][] h, double[][] target) {
        double s = 0;
        for (int i = 0; i < h.length; i++) {
            for (int c = 0; c < h[i].length; c++) {
                s += (h[i][c] - target[i][c]) * (h[i][c] - target[i][c]);
            }
        }
        return s / (2.0 * h.length);
    }
}
