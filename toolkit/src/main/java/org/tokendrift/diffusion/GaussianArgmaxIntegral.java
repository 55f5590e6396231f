package org.tokendrift.diffusion;

/**
 * The DUO Gaussian-to-discrete map evaluated by numerical integration (research note §B.5).
 *
 * <p>For the Gaussian latent {@code w = alphaTilde · onehot(x) + sigmaTilde · eps} with
 * {@code alphaTilde^2 = sigmoid(-gamma)}, {@code sigmaTilde^2 = sigmoid(gamma)}, the probability that
 * {@code argmax(w)} is the clean index is
 * <pre>
 *   p(gamma)      = ∫ phi(z - mu) Phi(z)^{K-1} dz,          mu = exp(-gamma/2) = alphaTilde / sigmaTilde
 *   dp/dgamma     = -(mu/2) ∫ phi(z - mu) (z - mu) Phi(z)^{K-1} dz
 *   alpha(gamma)  = (K p(gamma) - 1) / (K - 1)              (the USDM alpha of argmax(w): the operator T)
 * </pre>
 * <b>Quadrature.</b> Composite Simpson on a fixed grid of step {@code h} (default 0.004) over
 * {@code z ∈ [max(-12, mu - 12), 15]}, with {@code (K-1) log Phi(z)} precomputed once per grid point; beyond
 * {@code z = 15}, {@code Phi(z)^{K-1} = 1} to double precision for any practical K, so that tail is analytic:
 * {@code Phi(mu - 15)} for {@code p} and {@code phi(15 - mu)} for the derivative integral. Mass below the lower
 * limit is {@code < Phi(-12) ≈ 2e-33}.
 */
public final class GaussianArgmaxIntegral {

    /** Default Simpson step in z. */
    public static final double DEFAULT_STEP = 0.004;

    private static final double Z_LOW = -12.0;
    private static final double Z_HIGH = 15.0;
    private static final double HALF_WIDTH = 12.0;

    private final int k;
    private final double step;
    private final double[] logPowerCdf; // (K-1) log Phi(z_i), z_i = Z_LOW + i * step

    public GaussianArgmaxIntegral(int k) {
        this(k, DEFAULT_STEP);
    }

    public GaussianArgmaxIntegral(int k, double step) {
        if (k < 2) {
            throw new IllegalArgumentException("the Gaussian map needs K >= 2 categories, got " + k);
        }
        double intervals = (Z_HIGH - Z_LOW) / step;
        if (!(step > 0.0) || Math.abs(intervals - Math.rint(intervals)) > 1e-9 || ((long) Math.rint(intervals)) % 2 != 0) {
            throw new IllegalArgumentException("integration step " + step + " must divide [" + Z_LOW + ", " + Z_HIGH
                    + "] into an even number of intervals");
        }
        this.k = k;
        this.step = step;
        int points = (int) Math.rint(intervals) + 1;
        this.logPowerCdf = new double[points];
        for (int i = 0; i < points; i++) {
            logPowerCdf[i] = (k - 1) * StandardNormal.logCdf(Z_LOW + i * step);
        }
    }

    public int vocabSize() {
        return k;
    }

    public double step() {
        return step;
    }

    /** {@code p(gamma)}: probability that the clean index wins the argmax. */
    public double cleanWinProbability(double gamma) {
        return integrate(gamma)[0];
    }

    /** {@code dp/dgamma}. */
    public double cleanWinProbabilityDerivative(double gamma) {
        return integrate(gamma)[1];
    }

    /** {@code alpha_USDM(gamma) = (K p - 1)/(K - 1)}. */
    public double alpha(double gamma) {
        return (k * cleanWinProbability(gamma) - 1.0) / (k - 1.0);
    }

    /** {@code d alpha_USDM / dgamma = K/(K-1) · dp/dgamma}. */
    public double alphaDerivative(double gamma) {
        return k / (k - 1.0) * cleanWinProbabilityDerivative(gamma);
    }

    /**
     * The {@code gamma} with {@code alpha_USDM(gamma) = alpha}, by bisection ({@code alpha} decreases in gamma).
     */
    public double gammaForAlpha(double alpha) {
        if (!(alpha > 0.0 && alpha < 1.0)) {
            throw new IllegalArgumentException("target alpha must lie in (0, 1), got " + alpha);
        }
        double lo = -20.0; // alpha(lo) ≈ 1
        double hi = 20.0;  // alpha(hi) ≈ 0
        for (int i = 0; i < 200 && hi - lo > 1e-13; i++) {
            double mid = 0.5 * (lo + hi);
            if (alpha(mid) > alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** {@code {p(gamma), dp/dgamma}} from one pass over the grid. */
    double[] integrate(double gamma) {
        if (Double.isNaN(gamma) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("gamma must be finite, got " + gamma);
        }
        double mu = Math.exp(-0.5 * gamma);
        int last = logPowerCdf.length - 1;
        int first = Math.max(0, (int) Math.floor((mu - HALF_WIDTH - Z_LOW) / step));
        if ((last - first) % 2 != 0) {
            first = first > 0 ? first - 1 : 1; // Simpson needs an even number of intervals
        }
        double p = 0.0;
        double moment = 0.0;
        if (first < last) {
            double sumP = 0.0;
            double sumMoment = 0.0;
            for (int i = first; i <= last; i++) {
                double u = Z_LOW + i * step - mu;
                double f = StandardNormal.pdf(u) * Math.exp(logPowerCdf[i]);
                double weight = (i == first || i == last) ? 1.0 : ((i - first) % 2 == 1 ? 4.0 : 2.0);
                sumP += weight * f;
                sumMoment += weight * f * u;
            }
            p = sumP * step / 3.0;
            moment = sumMoment * step / 3.0;
        }
        // Above Z_HIGH, Phi(z)^{K-1} = 1 in double precision: the tail is analytic.
        p += StandardNormal.cdf(mu - Z_HIGH);
        moment += StandardNormal.pdf(Z_HIGH - mu);
        return new double[] {p, -0.5 * mu * moment};
    }
}
