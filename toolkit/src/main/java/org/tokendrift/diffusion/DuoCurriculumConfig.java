package org.tokendrift.diffusion;

/**
 * DUO curriculum settings (research note §B.6; the reference scripts' values).
 *
 * @param gammaMin             gamma at {@code t = 0}; default: the map's {@code gammaMin} (alpha = 0.95)
 * @param gammaMax             gamma at {@code t = 1}; default: the map's {@code gammaMax} (alpha = 0.05)
 * @param tau                  softmax temperature of the soft input; default {@code 1e-3} (constant)
 * @param timeSampler          antithetic t sampler; default {@code samplingEps = 1e-3}
 * @param finiteDifferenceStep gamma step of the forward difference for {@code alpha'}; default {@code 1e-3}
 */
public record DuoCurriculumConfig(double gammaMin, double gammaMax, double tau, AntitheticTimeSampler timeSampler,
                                  double finiteDifferenceStep) {

    /** Reference temperature {@code tau = 10^-3}. */
    public static final double DEFAULT_TAU = 1e-3;
    /** Reference forward-difference step in gamma. */
    public static final double DEFAULT_FINITE_DIFFERENCE_STEP = 1e-3;

    public DuoCurriculumConfig {
        if (!(gammaMin < gammaMax)) {
            throw new IllegalArgumentException("need gammaMin < gammaMax, got [" + gammaMin + ", " + gammaMax + "]");
        }
        if (!(tau > 0.0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("temperature tau must be positive and finite, got " + tau);
        }
        if (timeSampler == null) {
            throw new IllegalArgumentException("timeSampler must not be null");
        }
        if (!(finiteDifferenceStep > 0.0)) {
            throw new IllegalArgumentException("finite-difference step must be > 0, got " + finiteDifferenceStep);
        }
    }

    /** Reference settings with the gamma range of {@code map}. */
    public static DuoCurriculumConfig defaults(DuoGaussianMap map) {
        return new DuoCurriculumConfig(map.gammaMin(), map.gammaMax(), DEFAULT_TAU, AntitheticTimeSampler.standard(),
                DEFAULT_FINITE_DIFFERENCE_STEP);
    }

    public DuoCurriculumConfig withTau(double newTau) {
        return new DuoCurriculumConfig(gammaMin, gammaMax, newTau, timeSampler, finiteDifferenceStep);
    }
}
