package org.tokendrift.diffusion;

/**
 * A discrete noise schedule {@code alpha_t}: the probability that a token is still clean at time
 * {@code t ∈ [0, 1]} (research note §A.2). The total noise is {@code sigma(t) = -log alpha_t}, the quantity
 * fed to a time-conditioned network.
 */
public interface NoiseSchedule {

    /** {@code alpha_t}, decreasing from (about) 1 at {@code t = 0}. */
    double alpha(double t);

    /** {@code d alpha_t / dt} (negative). */
    double alphaPrime(double t);

    /** {@code sigma(t) = -log alpha_t}. */
    default double sigma(double t) {
        return -Math.log(alpha(t));
    }

    /** {@code d sigma / dt = -alpha'_t / alpha_t}. */
    default double sigmaPrime(double t) {
        return -alphaPrime(t) / alpha(t);
    }

    /** Rejects {@code t} outside {@code [0, 1]} (or NaN) with a message naming the value. */
    static double requireTime(double t) {
        if (!(t >= 0.0 && t <= 1.0)) {
            throw new IllegalArgumentException("diffusion time t must lie in [0, 1], got " + t);
        }
        return t;
    }
}
