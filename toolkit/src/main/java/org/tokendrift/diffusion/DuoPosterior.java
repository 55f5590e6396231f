package org.tokendrift.diffusion;

/**
 * The uniform-state posterior (research note §B.2), for {@code s < t}, {@code j} = index of {@code z_t},
 * {@code alpha_{t|s} = alpha_t / alpha_s} and {@code x} a distribution over the {@code K} classes:
 * <pre>
 *   numerator_v = K alpha_t x_v [v=j] + (alpha_{t|s} - alpha_t) [v=j] + (alpha_s - alpha_t) x_v
 *                 + (1 - alpha_{t|s}) (1 - alpha_s) / K
 *   denominator = K alpha_t x_j + 1 - alpha_t
 *   q(z_s = v | z_t = j, x) = numerator_v / denominator
 * </pre>
 * This is Bayes' rule {@code q(z_t | z_s) q(z_s | x) / q(z_t | x)} with {@code q(z_s | x) = alpha_s x +
 * (1 - alpha_s)/K}, so it sums to one for any distribution {@code x}. With {@code x = x_theta} it is the reverse
 * kernel {@code p_theta(z_s | z_t)}; {@code alpha_s = 1} gives the final-step kernel
 * {@code [K alpha_t x_v [v=j] + (1 - alpha_t) x_v] / denominator}.
 */
public final class DuoPosterior {

    private DuoPosterior() {
    }

    /** Normalised posterior over {@code K = x.length} classes. */
    public static double[] probabilities(double[] x, int zt, double alphaT, double alphaS) {
        int k = x.length;
        if (zt < 0 || zt >= k) {
            throw new IllegalArgumentException("noisy token " + zt + " is outside [0, " + k + ")");
        }
        double[] out = new double[k];
        numerators(x, 0, k, zt, alphaT, alphaS, out);
        double denominator = k * alphaT * x[zt] + 1.0 - alphaT;
        for (int v = 0; v < k; v++) {
            out[v] /= denominator;
        }
        return out;
    }

    /** Writes {@code numerator_v} for {@code x = x[xFrom .. xFrom+k)} into {@code out[0 .. k)}. */
    static void numerators(double[] x, int xFrom, int k, int zt, double alphaT, double alphaS, double[] out) {
        if (!(alphaT > 0.0 && alphaT <= alphaS && alphaS <= 1.0)) {
            throw new IllegalArgumentException("need 0 < alpha_t <= alpha_s <= 1, got alpha_t = " + alphaT
                    + ", alpha_s = " + alphaS);
        }
        double alphaTs = alphaT / alphaS;
        double floor = (1.0 - alphaTs) * (1.0 - alphaS) / k;
        double signal = alphaS - alphaT;
        for (int v = 0; v < k; v++) {
            out[v] = signal * x[xFrom + v] + floor;
        }
        out[zt] += k * alphaT * x[xFrom + zt] + (alphaTs - alphaT);
    }
}
