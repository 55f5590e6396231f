package org.tokendrift.diffusion;

import java.util.random.RandomGenerator;

/**
 * Float64 categorical draws by inverse CDF: with {@code u ~ U[0,1)} in double precision, return the first
 * {@code v} with {@code u · sum(w) < w_0 + ... + w_v}.
 *
 * <p>Exact in distribution for any non-negative weights, one uniform per draw. Why double: a float32 uniform
 * has a resolution of 2^-24, which starves low-probability tokens, lowers entropy and flatters Gen-PPL
 * (research note §E.1); a double uniform has 2^-53 resolution. Zero-weight classes are never returned.
 */
final class Categorical {

    private Categorical() {
    }

    /** Draws an index in {@code [0, length)} from the unnormalised weights {@code w[from .. from+length)}. */
    static int sample(double[] w, int from, int length, RandomGenerator rng) {
        return sampleWithUniform(w, from, length, rng.nextDouble());
    }

    /** Inverse CDF at a given uniform {@code u ∈ [0, 1)}; exposed for boundary tests. */
    static int sampleWithUniform(double[] w, int from, int length, double u) {
        double total = 0.0;
        for (int v = 0; v < length; v++) {
            double x = w[from + v];
            if (!(x >= 0.0) || Double.isInfinite(x)) {
                throw new IllegalArgumentException("categorical weight " + v + " is " + x
                        + "; weights must be finite and non-negative");
            }
            total += x;
        }
        if (!(total > 0.0)) {
            throw new IllegalArgumentException("categorical weights sum to " + total + "; need a positive total");
        }
        double target = u * total;
        double cumulative = 0.0;
        int lastPositive = -1;
        for (int v = 0; v < length; v++) {
            double x = w[from + v];
            if (x > 0.0) {
                cumulative += x;
                lastPositive = v;
                if (target < cumulative) {
                    return v;
                }
            }
        }
        // Rounding can leave target == cumulative at the very end; the last positive class owns that point.
        return lastPositive;
    }

    /** Index of the largest entry of {@code w[from .. from+length)} (first one on ties). */
    static int argmax(double[] w, int from, int length) {
        int best = 0;
        double bestValue = w[from];
        for (int v = 1; v < length; v++) {
            if (w[from + v] > bestValue) {
                bestValue = w[from + v];
                best = v;
            }
        }
        return best;
    }
}
