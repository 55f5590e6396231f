package org.tokendrift.diffusion;

/**
 * MDLM ancestral-sampler settings with the reference defaults (research note §A.7, §A.8).
 *
 * @param steps        loop iterations on the grid {@code linspace(1, finalTime, steps + 1)}; default 1000
 * @param cache        reuse {@code x_theta} while no token of the batch changed ("ddpm_cache"); default
 *                     {@code true}; ignored (off) for a time-conditioned model, where it would be wrong
 * @param noiseRemoval final greedy step: one more network call at {@code finalTime} and argmax at the
 *                     positions still masked; default {@code true}
 * @param finalTime    last time of the grid; default {@code 1e-5}
 */
public record MdlmSamplerConfig(int steps, boolean cache, boolean noiseRemoval, double finalTime) {

    public MdlmSamplerConfig {
        Checks.positive(steps, "steps");
        if (!(finalTime >= 0.0 && finalTime < 1.0)) {
            throw new IllegalArgumentException("finalTime must lie in [0, 1), got " + finalTime);
        }
    }

    /** Reference defaults with the given number of steps. */
    public static MdlmSamplerConfig defaults(int steps) {
        return builder().steps(steps).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder starting from the reference defaults. */
    public static final class Builder {
        private int steps = 1000;
        private boolean cache = true;
        private boolean noiseRemoval = true;
        private double finalTime = SamplingGrid.DEFAULT_FINAL_TIME;

        private Builder() {
        }

        public Builder steps(int steps) {
            this.steps = steps;
            return this;
        }

        public Builder cache(boolean cache) {
            this.cache = cache;
            return this;
        }

        public Builder noiseRemoval(boolean noiseRemoval) {
            this.noiseRemoval = noiseRemoval;
            return this;
        }

        public Builder finalTime(double finalTime) {
            this.finalTime = finalTime;
            return this;
        }

        public MdlmSamplerConfig build() {
            return new MdlmSamplerConfig(steps, cache, noiseRemoval, finalTime);
        }
    }
}
