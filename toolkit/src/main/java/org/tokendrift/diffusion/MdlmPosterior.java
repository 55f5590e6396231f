package org.tokendrift.diffusion;

/**
 * The absorbing-state reverse kernel (research note §A.1, §A.3, §A.7), for {@code s < t}:
 * <pre>
 *   z_t != m :  z_s = z_t                                         (carry-over)
 *   z_t == m :  q(z_s | z_t = m, x) = [ (1 - alpha_s) onehot(m) + (alpha_s - alpha_t) x ] / (1 - alpha_t)
 * </pre>
 * With {@code x = x_theta} (SUBS, no mass on {@code m}) this is {@code p_theta(z_s | z_t)}; the sampler draws
 * from the unnormalised weights {@code w_v = x_v (alpha_s - alpha_t)}, {@code w_m += 1 - alpha_s}.
 */
public final class MdlmPosterior {

    private MdlmPosterior() {
    }

    /**
     * Normalised posterior over the {@code x.length} classes.
     *
     * @param x      clean-token distribution (one-hot for the true posterior, {@code x_theta} for the model)
     * @param zt     the noisy token
     * @param maskId the absorbing state {@code m}
     * @param alphaT {@code alpha_t} (must be {@code < 1} when {@code zt == m})
     * @param alphaS {@code alpha_s >= alpha_t}
     */
    public static double[] probabilities(double[] x, int zt, int maskId, double alphaT, double alphaS) {
        double[] out = new double[x.length];
        if (zt != maskId) {
            out[zt] = 1.0;
            return out;
        }
        unnormalisedWeights(x, 0, x.length, maskId, alphaT, alphaS, out);
        double norm = 1.0 - alphaT;
        for (int v = 0; v < out.length; v++) {
            out[v] /= norm;
        }
        return out;
    }

    /**
     * Writes {@code (1 - alpha_t) q(z_s = v | z_t = m, x)} for {@code x = x[xFrom .. xFrom+vocab)} into
     * {@code out[0 .. vocab)}.
     */
    static void unnormalisedWeights(double[] x, int xFrom, int vocab, int maskId, double alphaT, double alphaS,
                                    double[] out) {
        if (!(alphaS >= alphaT) || !(alphaT < 1.0) || alphaT < 0.0 || alphaS > 1.0) {
            throw new IllegalArgumentException("need 0 <= alpha_t <= alpha_s <= 1 and alpha_t < 1, got alpha_t = "
                    + alphaT + ", alpha_s = " + alphaS);
        }
        double unmask = alphaS - alphaT;
        for (int v = 0; v < vocab; v++) {
            out[v] = x[xFrom + v] * unmask;
        }
        out[maskId] += 1.0 - alphaS;
    }
}
