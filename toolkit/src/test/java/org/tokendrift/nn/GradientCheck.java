package org.tokendrift.nn;

import java.util.Random;
import java.util.function.DoubleSupplier;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Central finite differences in float64: for sampled entries x_j of an array,
 * {@code numeric = (L(x_j + h) - L(x_j - h)) / 2h}, compared with the analytic gradient through
 * {@code |a - n| / max(|a|, |n|, floor)}.
 */
final class GradientCheck {
    static final double H = 1e-5;
    static final double FLOOR = 1e-4;

    private GradientCheck() {
    }

    /**
     * @param x          the array being perturbed in place (restored afterwards)
     * @param analytic   the analytic gradient of the loss w.r.t. x (same shape)
     * @param loss       recomputes the scalar loss from the current contents of x
     * @param maxEntries number of entries to sample (all entries if the array is smaller)
     * @return the largest relative error over the sampled entries
     */
    static double maxRelativeError(INDArray x, INDArray analytic, DoubleSupplier loss, int maxEntries, long seed) {
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
            double original = flat.getDouble(j);
            flat.putScalar(j, original + H);
            double plus = loss.getAsDouble();
            flat.putScalar(j, original - H);
            double minus = loss.getAsDouble();
            flat.putScalar(j, original);
            double numeric = (plus - minus) / (2 * H);
            double a = grad.getDouble(j);
            double err = Math.abs(a - numeric) / Math.max(FLOOR, Math.max(Math.abs(a), Math.abs(numeric)));
            worst = Math.max(worst, err);
        }
        return worst;
    }

    /** A float64 array of standard normal entries. */
    static INDArray randn(long seed, long... shape) {
        Random rnd = new Random(seed);
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        return Nd4j.createFromArray(v).reshape(shape);
    }

    /** sum(a * r) as a double. */
    static double dot(INDArray a, INDArray r) {
        return a.castTo(DataType.DOUBLE).mul(r).sumNumber().doubleValue();
    }

    /** Overwrites every parameter with small random values so zero-initialised paths are exercised. */
    static void randomize(ParameterStore store, long seed, double scale) {
        long s = seed;
        for (Param p : store.all()) {
            p.value().assign(randn(s++, p.value().shape()).muli(scale).castTo(p.value().dataType()));
        }
    }
}
