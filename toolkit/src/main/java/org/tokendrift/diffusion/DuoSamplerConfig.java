package org.tokendrift.diffusion;

/**
 * DUO ancestral-sampler settings with the reference defaults (research note §B.7).
 *
 * @param steps     loop iterations on {@code linspace(1, finalTime, steps + 1)}; default 1000
 * @param finalStep the step at {@code finalTime}; default {@link DuoFinalStep#ANCESTRAL}
 * @param finalTime last time of the grid; default {@code 1e-5}
 */
public record DuoSamplerConfig(int steps, DuoFinalStep finalStep, double finalTime) {

    public DuoSamplerConfig {
        Checks.positive(steps, "steps");
        if (finalStep == null) {
            throw new IllegalArgumentException("finalStep must not be null");
        }
        if (!(finalTime > 0.0 && finalTime < 1.0)) {
            // Like the reference, the loop stops short of t = 0 so the final kernel still sees alpha_t < 1.
            throw new IllegalArgumentException("finalTime must lie in (0, 1), got " + finalTime);
        }
    }

    /** Reference defaults with the given number of steps. */
    public static DuoSamplerConfig defaults(int steps) {
        return builder().steps(steps).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder starting from the reference defaults. */
    public static final class Builder {
        private int steps = 1000;
        private DuoFinalStep finalStep = DuoFinalStep.ANCESTRAL;
        private double finalTime = SamplingGrid.DEFAULT_FINAL_TIME;

        private Builder() {
        }

        public Builder steps(int steps) {
            this.steps = steps;
            return this;
        }

        public Builder finalStep(DuoFinalStep finalStep) {
            this.finalStep = finalStep;
            return this;
        }

        public Builder finalTime(double finalTime) {
            this.finalTime = finalTime;
            return this;
        }

        public DuoSamplerConfig build() {
            return new DuoSamplerConfig(steps, finalStep, finalTime);
        }
    }
}
