package org.tokendrift.diffusion;

/**
 * Standard normal density and distribution function in float64, written out because the DUO map needs
 * {@code log Phi(z)} accurate to ~1e-14 over {@code z ∈ [-12, 15]}.
 *
 * <ul>
 *   <li>{@code |x| < 3}: {@code Phi(x) - 1/2 = phi(x) · sum_{n>=0} x^{2n+1} / (1·3·5···(2n+1))} (all terms
 *       positive, converges for every x).</li>
 *   <li>{@code x >= 3}: upper tail {@code Q(x) = phi(x) R(x)} with Mills' ratio as the continued fraction
 *       {@code R(x) = 1/(x + 1/(x + 2/(x + 3/(x + ...))))}, evaluated backwards.</li>
 * </ul>
 */
public final class StandardNormal {

    private static final double INV_SQRT_2PI = 0.3989422804014327;
    private static final double LOG_SQRT_2PI = 0.9189385332046728;
    private static final double SERIES_LIMIT = 3.0;
    private static final int FRACTION_TERMS = 300;

    private StandardNormal() {
    }

    /** {@code phi(z)}. */
    public static double pdf(double z) {
        return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
    }

    /** {@code Phi(z)}. */
    public static double cdf(double z) {
        return z >= 0 ? 1.0 - upperTail(z) : upperTail(-z);
    }

    /** {@code log Phi(z)}, accurate in both tails. */
    public static double logCdf(double z) {
        if (z >= 0) {
            return Math.log1p(-upperTail(z));
        }
        double x = -z;
        if (x < SERIES_LIMIT) {
            return Math.log(upperTail(x));
        }
        // log Q(x) = log phi(x) + log R(x), with no underflow for large x.
        return -0.5 * x * x - LOG_SQRT_2PI + Math.log(millsRatio(x));
    }

    /** {@code Q(x) = 1 - Phi(x)} for {@code x >= 0}. */
    private static double upperTail(double x) {
        if (x < SERIES_LIMIT) {
            return 0.5 - pdf(x) * series(x);
        }
        return pdf(x) * millsRatio(x);
    }

    private static double series(double x) {
        double term = x;
        double sum = x;
        double x2 = x * x;
        for (int n = 1; n < 500; n++) {
            term *= x2 / (2 * n + 1);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }

    private static double millsRatio(double x) {
        double f = x;
        for (int k = FRACTION_TERMS; k >= 1; k--) {
            f = x + k / f;
        }
        return 1.0 / f;
    }
}
