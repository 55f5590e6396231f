package org.tokendrift.diffusion;

/**
 * MDLM settings with the reference defaults (research note §A.2, §A.5, §A.6).
 *
 * @param vocabSize         {@code V}: the whole tokenizer vocabulary, including {@code [MASK]}
 * @param maskId            the absorbing state: the tokenizer's {@code [MASK]} id (never occurs in text)
 * @param schedule          noise schedule; default log-linear with {@code eps = 1e-3}
 * @param timeSampler       training-time sampler; default antithetic with {@code samplingEps = 1e-3}
 * @param timeConditioning  whether the network sees {@code sigma(t)}; default {@code false} (it sees
 *                          {@code null}, i.e. zero), which is also what makes the sampler cache valid
 */
public record MdlmConfig(int vocabSize, int maskId, NoiseSchedule schedule, AntitheticTimeSampler timeSampler,
                         boolean timeConditioning) {

    public MdlmConfig {
        if (vocabSize < 2) {
            throw new IllegalArgumentException("MDLM needs a vocabulary of at least 2 ids (one real token and "
                    + "[MASK]), got " + vocabSize);
        }
        if (maskId < 0 || maskId >= vocabSize) {
            throw new IllegalArgumentException("mask id " + maskId + " is outside the vocabulary [0, " + vocabSize
                    + ")");
        }
        if (schedule == null || timeSampler == null) {
            throw new IllegalArgumentException("schedule and timeSampler must not be null");
        }
    }

    /** Reference defaults for a vocabulary of size {@code vocabSize} whose {@code [MASK]} id is {@code maskId}. */
    public static MdlmConfig defaults(int vocabSize, int maskId) {
        return builder(vocabSize, maskId).build();
    }

    public static Builder builder(int vocabSize, int maskId) {
        return new Builder(vocabSize, maskId);
    }

    /** Builder starting from the reference defaults. */
    public static final class Builder {
        private final int vocabSize;
        private final int maskId;
        private NoiseSchedule schedule = LogLinearSchedule.standard();
        private AntitheticTimeSampler timeSampler = AntitheticTimeSampler.standard();
        private boolean timeConditioning = false;

        private Builder(int vocabSize, int maskId) {
            this.vocabSize = vocabSize;
            this.maskId = maskId;
        }

        public Builder schedule(NoiseSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        public Builder timeSampler(AntitheticTimeSampler timeSampler) {
            this.timeSampler = timeSampler;
            return this;
        }

        public Builder timeConditioning(boolean timeConditioning) {
            this.timeConditioning = timeConditioning;
            return this;
        }

        public MdlmConfig build() {
            return new MdlmConfig(vocabSize, maskId, schedule, timeSampler, timeConditioning);
        }
    }
}
