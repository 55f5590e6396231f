package org.tokendrift.diffusion;

import java.util.random.RandomGenerator;

/**
 * Low-discrepancy ("antithetic") training times, one stratum per sequence (research note §A.5):
 * <pre>
 *   u_i ~ U[0,1),  ũ_i = (u_i / n + i / n) mod 1,  t_i = (1 - samplingEps) ũ_i + samplingEps.
 * </pre>
 * So {@code t ∈ [samplingEps, 1]}, which keeps the MDLM weight {@code 1/t} bounded. The reference code
 * stratifies over the global batch and slices it per device; with one device the batch is the global batch.
 *
 * @param samplingEps lower bound of {@code t}; reference default {@code 1e-3}
 */
public record AntitheticTimeSampler(double samplingEps) {

    /** Reference default {@code sampling_eps = 1e-3}. */
    public static final double DEFAULT_SAMPLING_EPS = 1e-3;

    public AntitheticTimeSampler {
        if (!(samplingEps >= 0.0 && samplingEps < 1.0)) {
            throw new IllegalArgumentException("samplingEps must lie in [0, 1), got " + samplingEps);
        }
    }

    /** The reference sampler, {@code samplingEps = 1e-3}. */
    public static AntitheticTimeSampler standard() {
        return new AntitheticTimeSampler(DEFAULT_SAMPLING_EPS);
    }

    /** {@code n} stratified times in {@code [samplingEps, 1]}. */
    public double[] sample(int n, RandomGenerator rng) {
        if (n <= 0) {
            throw new IllegalArgumentException("number of times must be positive, got " + n);
        }
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            double u = (rng.nextDouble() / n + (double) i / n) % 1.0;
            t[i] = (1.0 - samplingEps) * u + samplingEps;
        }
        return t;
    }
}
