package org.tokendrift.drift;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Float64 central finite differences for the gradient checks of this package. */
final class GradientCheck {

    static final double STEP = 1e-6;

    private GradientCheck() {
    }

    /** dF/dx for every entry of a float64 matrix x (x is restored afterwards). */
    static double[][] numericGradient(INDArray x, ToDoubleFunction<INDArray> f) {
        if (x.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("finite differences need float64 input");
        }
        int rows = (int) x.rows();
        int cols = (int) x.columns();
        double[][] g = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double orig = x.getDouble(r, c);
                x.putScalar(r, c, orig + STEP);
                double plus = f.applyAsDouble(x);
                x.putScalar(r, c, orig - STEP);
                double minus = f.applyAsDouble(x);
                x.putScalar(r, c, orig);
                g[r][c] = (plus - minus) / (2 * STEP);
            }
        }
        return g;
    }

    /** Entry-wise comparison with a tolerance relative to the largest gradient entry. */
    static void assertClose(double[][] expected, double[][] actual, double relTol, String what) {
        double scale = 0;
        for (double[] row : expected) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        assertTrue(scale > 1e-8, what + ": the reference gradient is (near) zero, the check would be vacuous");
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < expected[r].length; c++) {
                assertEquals(expected[r][c], actual[r][c], relTol * scale, what + " at [" + r + "][" + c + "]");
            }
        }
    }

    static INDArray gaussian(Random rnd, int rows, int cols, double scale) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = rnd.nextGaussian() * scale;
            }
        }
        return Nd4j.createFromArray(m);
    }

    /** sum(a * b) of two same-shape matrices. */
    static double weightedSum(INDArray a, INDArray weights) {
        return a.castTo(DataType.DOUBLE).mul(weights).sumNumber().doubleValue();
    }
}
