package org.tokendrift.nn;

/**
 * Hyper-parameters of {@link AdamW} (PyTorch defaults except the weight decay, which the
 * MDLM/DUO configs set to 0).
 */
public record AdamWConfig(double beta1, double beta2, double eps, double weightDecay) {

    public AdamWConfig {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("eps must be positive, got " + eps);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay = 0.0;

        private Builder() {
        }

        public Builder beta1(double v) { this.beta1 = v; return this; }
        public Builder beta2(double v) { this.beta2 = v; return this; }
        public Builder eps(double v) { this.eps = v; return this; }
        public Builder weightDecay(double v) { this.weightDecay = v; return this; }

        public AdamWConfig build() {
            return new AdamWConfig(beta1, beta2, eps, weightDecay);
        }
    }
}
