package org.tokendrift.diffusion;

/**
 * DUO (uniform-state) settings with the reference defaults (research note §B.1, §B.3, §B.4).
 *
 * @param vocabSize   {@code K}: the number of categories, the whole tokenizer vocabulary (special tokens
 *                    included, as the reference keeps {@code [PAD]} in its K)
 * @param schedule    noise schedule for discrete training, likelihood and sampling; default log-linear,
 *                    {@code eps = 1e-3}
 * @param timeSampler training-time sampler; default antithetic, {@code samplingEps = 1e-3}
 */
public record DuoConfig(int vocabSize, NoiseSchedule schedule, AntitheticTimeSampler timeSampler) {

    public DuoConfig {
        if (vocabSize < 2) {
            throw new IllegalArgumentException("DUO needs K >= 2 categories, got " + vocabSize);
        }
        if (schedule == null || timeSampler == null) {
            throw new IllegalArgumentException("schedule and timeSampler must not be null");
        }
    }

    /** Reference defaults for {@code K = vocabSize}. */
    public static DuoConfig defaults(int vocabSize) {
        return builder(vocabSize).build();
    }

    public static Builder builder(int vocabSize) {
        return new Builder(vocabSize);
    }

    /** Builder starting from the reference defaults. */
    public static final class Builder {
        private final int vocabSize;
        private NoiseSchedule schedule = LogLinearSchedule.standard();
        private AntitheticTimeSampler timeSampler = AntitheticTimeSampler.standard();

        private Builder(int vocabSize) {
            this.vocabSize = vocabSize;
        }

        public Builder schedule(NoiseSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        public Builder timeSampler(AntitheticTimeSampler timeSampler) {
            this.timeSampler = timeSampler;
            return this;
        }

        public DuoConfig build() {
            return new DuoConfig(vocabSize, schedule, timeSampler);
        }
    }
}
