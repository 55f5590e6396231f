package org.tokendrift.testing;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tokendrift.nn.Param;
import org.tokendrift.nn.ParameterStore;

import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one finite-difference helper of the tests: central differences
 * {@code (f(x + h) - f(x - h)) / 2h} in float64, the comparisons with an analytic gradient that the
 * gradient checks use, and the random inputs they feed.
 *
 * <p>Every partial derivative goes through {@link #derivative}; the array variants perturb one
 * entry in place and restore it before the next.
 */
public final class GradientCheck {

    /** Step of {@link #numericGradient(INDArray, ToDoubleFunction)} (the drift package's checks). */
    public static final double STEP = 1e-6;

    /** Step of {@link #maxRelativeError} (the engine's layer checks). */
    public static final double SAMPLED_STEP = 1e-5;

    /** Denominator floor of {@link #maxRelativeError}: below it, errors count as absolute. */
    public static final double FLOOR = 1e-4;

    private GradientCheck() {
    }

    /** {@code (f(x + h) - f(x - h)) / 2h}, evaluating {@code f(x + h)} first. */
    public static double derivative(DoubleUnaryOperator f, double x, double h) {
        double plus = f.applyAsDouble(x + h);
        double minus = f.applyAsDouble(x - h);
        return (plus - minus) / (2 * h);
    }

    /** d loss / d x[index] with x perturbed in place and restored; {@code loss} reads the current x. */
    public static double partial(INDArray x, long[] index, double h, DoubleSupplier loss) {
        double original = x.getDouble(index);
        double d = derivative(v -> {
            x.putScalar(index, v);
            return loss.getAsDouble();
        }, original, h);
        x.putScalar(index, original);
        return d;
    }

    /** dF/dx for every entry of a float64 matrix x, with step {@link #STEP} (x is restored afterwards). */
    public static double[][] numericGradient(INDArray x, ToDoubleFunction<INDArray> f) {
        return numericGradient(x, STEP, f);
    }

    /** dF/dx for every entry of a float64 matrix x, with step {@code h} (x is restored afterwards). */
    public static double[][] numericGradient(INDArray x, double h, ToDoubleFunction<INDArray> f) {
        if (x.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("finite differences need float64 input");
        }
        double[][] g = new double[(int) x.rows()][(int) x.columns()];
        for (int r = 0; r < g.length; r++) {
            for (int c = 0; c < g[r].length; c++) {
                g[r][c] = partial(x, new long[]{r, c}, h, () -> f.applyAsDouble(x));
            }
        }
        return g;
    }

    /** dF/dx for every entry of a plain matrix x, with step {@code h} (x is restored afterwards). */
    public static double[][] numericGradient(double[][] x, double h, ToDoubleFunction<double[][]> f) {
        double[][] g = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            g[i] = new double[x[i].length];
            for (int c = 0; c < x[i].length; c++) {
                double original = x[i][c];
                int row = i, col = c;
                g[i][c] = derivative(v -> {
                    x[row][col] = v;
                    return f.applyAsDouble(x);
                }, original, h);
                x[i][c] = original;
            }
        }
        return g;
    }

    /**
     * Asserts, entry by entry, that the analytic gradient of {@code loss} at the float64 matrix
     * {@code x} matches central differences with step {@code h}, within
     * {@code tolerance * (1 + |numeric|)}. {@code x} itself is not touched (a copy is perturbed).
     */
    public static void assertGradient(INDArray x, INDArray analytic, ToDoubleFunction<INDArray> loss, double h,
                                      double tolerance) {
        double[][] numeric = numericGradient(x.dup(), h, loss);
        for (int r = 0; r < numeric.length; r++) {
            for (int c = 0; c < numeric[r].length; c++) {
                assertEquals(numeric[r][c], analytic.getDouble(r, c), tolerance * (1.0 + Math.abs(numeric[r][c])),
                        "d loss / d x[" + r + "][" + c + "]");
            }
        }
    }

    /** Entry-wise comparison with a tolerance relative to the largest entry of {@code expected}. */
    public static void assertClose(double[][] expected, double[][] actual, double relTol, String what) {
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

    /**
     * The largest {@code |a - n| / max(|a|, |n|, FLOOR)} over sampled entries of x, where n is the
     * central difference with step {@link #SAMPLED_STEP} and a the analytic gradient.
     *
     * @param x          the float64 array being perturbed in place (restored afterwards)
     * @param analytic   the analytic gradient of the loss w.r.t. x (same shape)
     * @param loss       recomputes the scalar loss from the current contents of x
     * @param maxEntries number of entries to sample (all entries if the array is smaller)
     */
    public static double maxRelativeError(INDArray x, INDArray analytic, DoubleSupplier loss, int maxEntries, long seed) {
        if (x.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("gradient checks need float64 arrays");
        }
        INDArray flat = x.reshape(x.length());
        INDArray grad = analytic.dup().reshape(analytic.length());
        long len = x.length();
        Random rnd = new Random(seed);
        int count = (int) Math.min(len, maxEntries);
        double worst = 0;
        for (int k = 0; k < count; k++) {
            long j = len <= maxEntries ? k : (long) (rnd.nextDouble() * len);
            double numeric = partial(flat, new long[]{j}, SAMPLED_STEP, loss);
            double a = grad.getDouble(j);
            worst = Math.max(worst, Math.abs(a - numeric) / Math.max(FLOOR, Math.max(Math.abs(a), Math.abs(numeric))));
        }
        return worst;
    }

    /** A float64 {@code [rows, cols]} matrix of {@code scale * N(0, 1)} entries drawn row by row from {@code rnd}. */
    public static INDArray gaussian(Random rnd, int rows, int cols, double scale) {
        return gaussian(rnd, scale, rows, cols);
    }

    /** A float64 array of standard normal entries from {@code new Random(seed)}. */
    public static INDArray randn(long seed, long... shape) {
        return gaussian(new Random(seed), 1.0, shape);
    }

    private static INDArray gaussian(Random rnd, double scale, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian() * scale;
        }
        return Nd4j.createFromArray(v).reshape(shape);
    }

    /** sum(a * weights) of two same-shape arrays, in float64. */
    public static double dot(INDArray a, INDArray weights) {
        return a.castTo(DataType.DOUBLE).mul(weights).sumNumber().doubleValue();
    }

    /** Overwrites every parameter with small random values so zero-initialised paths are exercised. */
    public static void randomize(ParameterStore store, long seed, double scale) {
        long s = seed;
        for (Param p : store.all()) {
            p.value().assign(randn(s++, p.value().shape()).muli(scale).castTo(p.value().dataType()));
        }
    }
}
