package org.tokendrift.diffusion;

/**
 * How a {@link DuoGaussianMap} is tabulated.
 *
 * @param alphaHigh       the discrete {@code alpha} at the low-noise end of the curriculum range; default 0.95
 * @param alphaLow        the discrete {@code alpha} at the high-noise end; default 0.05 (research note §B.5, §E.7)
 * @param points          table size; default 10,001 (linear interpolation between them)
 * @param margin          extra gamma tabulated on both sides of the curriculum range, so that the forward
 *                        difference {@code alpha(gamma + 1e-3)} at the range end stays inside; default 0.05
 * @param integrationStep Simpson step in z for {@link GaussianArgmaxIntegral}; default 0.004
 */
public record GaussianMapSettings(double alphaHigh, double alphaLow, int points, double margin,
                                  double integrationStep) {

    public GaussianMapSettings {
        if (!(alphaLow > 0.0 && alphaLow < alphaHigh && alphaHigh < 1.0)) {
            throw new IllegalArgumentException("need 0 < alphaLow < alphaHigh < 1, got alphaLow = " + alphaLow
                    + ", alphaHigh = " + alphaHigh);
        }
        if (points < 2) {
            throw new IllegalArgumentException("a map table needs at least 2 points, got " + points);
        }
        if (!(margin >= 0.0)) {
            throw new IllegalArgumentException("margin must be >= 0, got " + margin);
        }
        if (!(integrationStep > 0.0)) {
            throw new IllegalArgumentException("integration step must be > 0, got " + integrationStep);
        }
    }

    /** Reference range {@code alpha ∈ [0.05, 0.95]} with the default table and quadrature. */
    public static GaussianMapSettings defaults() {
        return new GaussianMapSettings(0.95, 0.05, 10_001, 0.05, GaussianArgmaxIntegral.DEFAULT_STEP);
    }

    public GaussianMapSettings withPoints(int newPoints) {
        return new GaussianMapSettings(alphaHigh, alphaLow, newPoints, margin, integrationStep);
    }
}
