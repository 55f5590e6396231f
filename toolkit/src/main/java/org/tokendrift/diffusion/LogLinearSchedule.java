package org.tokendrift.diffusion;

/**
 * The log-linear schedule of MDLM and DUO (research note §A.2, §B.1):
 * <pre>
 *   alpha_t  = 1 - (1 - eps) t,        alpha'_t = -(1 - eps),
 *   sigma(t) = -log(1 - (1 - eps) t),  dsigma/dt = (1 - eps) / (1 - (1 - eps) t).
 * </pre>
 * With this schedule the MDLM NELBO weight {@code dsigma / (e^sigma - 1) = -alpha'_t / (1 - alpha_t)} is
 * exactly {@code 1/t} ({@code eps} cancels). {@code alpha_1 = eps > 0}, so {@code sigma} stays finite.
 *
 * @param eps the residual signal at {@code t = 1}; reference default {@code 1e-3}
 */
public record LogLinearSchedule(double eps) implements NoiseSchedule {

    /** Reference default {@code eps = 1e-3}. */
    public static final double DEFAULT_EPS = 1e-3;

    public LogLinearSchedule {
        if (!(eps > 0.0 && eps < 1.0)) {
            throw new IllegalArgumentException("log-linear schedule eps must lie in (0, 1), got " + eps);
        }
    }

    /** The reference schedule, {@code eps = 1e-3}. */
    public static LogLinearSchedule standard() {
        return new LogLinearSchedule(DEFAULT_EPS);
    }

    @Override
    public double alpha(double t) {
        return 1.0 - (1.0 - eps) * NoiseSchedule.requireTime(t);
    }

    @Override
    public double alphaPrime(double t) {
        NoiseSchedule.requireTime(t);
        return -(1.0 - eps);
    }

    @Override
    public double sigma(double t) {
        // log1p keeps full precision for small t.
        return -Math.log1p(-(1.0 - eps) * NoiseSchedule.requireTime(t));
    }
}
