package org.tokendrift.nn;

/**
 * Global-norm gradient clipping as in PyTorch's {@code clip_grad_norm_}: with
 * {@code n = sqrt(sum_p ||g_p||^2)}, every gradient is scaled by {@code min(1, max / (n + 1e-6))}.
 */
public final class GradientClipping {
    private GradientClipping() {
    }

    /** Clips in place and returns the norm before clipping. */
    public static double clipGlobalNorm(ParameterStore params, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maxNorm must be positive, got " + maxNorm);
        }
        double norm = globalNorm(params);
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1.0) {
            for (Param p : params.all()) {
                p.grad().muli(coef);
            }
        }
        return norm;
    }

    /** sqrt of the sum of squared gradient entries over all trainable parameters. */
    public static double globalNorm(ParameterStore params) {
        double sumSquares = 0;
        for (Param p : params.all()) {
            if (p.grad() == null) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' has no gradient (frozen model)");
            }
            double n = p.grad().norm2Number().doubleValue();
            sumSquares += n * n;
        }
        return Math.sqrt(sumSquares);
    }
}
