package org.tokendrift.tokenizer;

/**
 * Settings of {@link BpeTrainer}.
 *
 * @param vocabSize    target vocabulary size, special and byte tokens included (at least 260)
 * @param minPairCount a pair seen fewer times than this is never merged; training then stops early
 *                     with a smaller vocabulary (only on corpora too small for the target)
 */
public record BpeTrainingConfig(int vocabSize, int minPairCount) {

    public static final int DEFAULT_VOCAB_SIZE = 4096;
    public static final int DEFAULT_MIN_PAIR_COUNT = 2;

    public BpeTrainingConfig {
        if (vocabSize < BpeTokenizer.FIRST_MERGE_ID) {
            throw new IllegalArgumentException("vocabSize " + vocabSize + " is too small: the " + SpecialToken.COUNT
                    + " special tokens and 256 byte tokens alone take " + BpeTokenizer.FIRST_MERGE_ID);
        }
        if (minPairCount < 1) {
            throw new IllegalArgumentException("minPairCount must be at least 1, got " + minPairCount);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the defaults (vocabulary 4096, pairs seen at least twice). */
    public static final class Builder {
        private int vocabSize = DEFAULT_VOCAB_SIZE;
        private int minPairCount = DEFAULT_MIN_PAIR_COUNT;

        public Builder vocabSize(int vocabSize) {
            this.vocabSize = vocabSize;
            return this;
        }

        public Builder minPairCount(int minPairCount) {
            this.minPairCount = minPairCount;
            return this;
        }

        public BpeTrainingConfig build() {
            return new BpeTrainingConfig(vocabSize, minPairCount);
        }
    }
}
