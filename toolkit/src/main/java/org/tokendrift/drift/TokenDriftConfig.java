package org.tokendrift.drift;

/**
 * Every constant of the TokenDrift objective, with the paper's default (Oba et al. 2026, §4, §5,
 * App. F). Tags: [P] stated in the paper, [I] our choice where the paper is silent.
 *
 * @param drift                   the field and loss constants ({@link DriftConfig}: alpha = 1 [P],
 *                                T = {0.02, 0.05, 0.2} [P], squared L2 kernel [P], b+ : b- = 1:1 [P],
 *                                rms eps = 1e-8 [I], no distance rescaling [I])
 * @param realQueueCapacity       FIFO of detached real features u. [P] 1024 (ablations 4, 64: Table 5)
 * @param generatedQueueCapacity  FIFO of detached generated features h. [P] 1024
 * @param pooledLayers            [P] penultimate + final hidden layer, mean over positions (App. F)
 * @param l2Normalize             [P] true: unit-norm sequence features (App. F)
 * @param selfExclusion           [P] true: the anchor is removed from its own negatives (Alg. 1 l. 7)
 * @param lift                    [P] SOFT (p E); STRAIGHT_THROUGH is the Table 3 ablation
 * @param excludeUnseenSpecialTokens  [I] false (the paper, whose GPT-2 vocabulary has no such token):
 *                                when true the lift gives {@code [BOS]} and {@code [PAD]} probability 0
 *                                after position 0, where our corpus never has them ({@link LiftExclusion})
 * @param targetSpace             [P] FEATURE; LOGIT_MIRROR_KL / _MSE are the Table 4 ablations
 * @param mirrorStepSize          eta of the mirror teacher. [I] 1.0 (not reported; see
 *                                {@link LogitMirrorTeacher} for why its value matters little)
 * @param baseLossWeight          weight of the backbone's own diffusion loss added by the training
 *                                loop. [P] 0 (drift only); the "w/ base loss" ablation (Table 4)
 *                                gives no weight [NF], [I] 1.0 is the plain sum to use there
 * @param encoderNoiseLevel       sigma given to the frozen encoder. [I] CLEAN (paper silent)
 * @param learningRate            AdamW learning rate. [P] 3e-5 (the paper reports 3e-5 or 5e-5
 *                                without saying which backbone used which)
 * @param globalBatch             sequences per optimiser step. [P] 512 (gradient accumulation)
 * @param microBatch              sequences per drift estimate (anchors per field). [P] 8
 *                                (4 GPUs x 2, all-gathered)
 * @param trainSteps              optimiser steps. [P] 13k (main tables), 5k (ablations)
 */
public record TokenDriftConfig(DriftConfig drift, int realQueueCapacity, int generatedQueueCapacity,
                               PooledLayers pooledLayers, boolean l2Normalize, boolean selfExclusion,
                               LiftMode lift, boolean excludeUnseenSpecialTokens, TargetSpace targetSpace, double mirrorStepSize,
                               double baseLossWeight, EncoderNoiseLevel encoderNoiseLevel,
                               double learningRate, int globalBatch, int microBatch, int trainSteps) {

    public TokenDriftConfig {
        if (drift == null || pooledLayers == null || lift == null || targetSpace == null || encoderNoiseLevel == null) {
            throw new IllegalArgumentException("TokenDriftConfig: drift, pooledLayers, lift, targetSpace and "
                    + "encoderNoiseLevel must be set");
        }
        if (realQueueCapacity < 1 || generatedQueueCapacity < 1) {
            throw new IllegalArgumentException("TokenDriftConfig: queue capacities must be >= 1, got real "
                    + realQueueCapacity + ", generated " + generatedQueueCapacity);
        }
        if (microBatch < 1 || globalBatch < microBatch || globalBatch % microBatch != 0) {
            throw new IllegalArgumentException("TokenDriftConfig: globalBatch (" + globalBatch
                    + ") must be a positive multiple of microBatch (" + microBatch + ")");
        }
        if (excludeUnseenSpecialTokens && targetSpace != TargetSpace.FEATURE) {
            // The mirror teachers' softmax would still give [BOS] and [PAD] mass (and gradient).
            throw new IllegalArgumentException("TokenDriftConfig: excludeUnseenSpecialTokens is implemented for the "
                    + "FEATURE target only, not " + targetSpace);
        }
        if (!(learningRate > 0) || trainSteps < 0 || !(baseLossWeight >= 0) || !Double.isFinite(mirrorStepSize)) {
            throw new IllegalArgumentException("TokenDriftConfig: need learningRate > 0, trainSteps >= 0, "
                    + "baseLossWeight >= 0 and a finite mirrorStepSize");
        }
    }

    /** Micro-steps accumulated per optimiser step ([P] 512 / 8 = 64). */
    public int accumulationSteps() {
        return globalBatch / microBatch;
    }

    public static TokenDriftConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().drift(drift).realQueueCapacity(realQueueCapacity)
                .generatedQueueCapacity(generatedQueueCapacity).pooledLayers(pooledLayers).l2Normalize(l2Normalize)
                .selfExclusion(selfExclusion).lift(lift).excludeUnseenSpecialTokens(excludeUnseenSpecialTokens).targetSpace(targetSpace).mirrorStepSize(mirrorStepSize)
                .baseLossWeight(baseLossWeight).encoderNoiseLevel(encoderNoiseLevel).learningRate(learningRate)
                .globalBatch(globalBatch).microBatch(microBatch).trainSteps(trainSteps);
    }

    /** Builder pre-filled with the paper's defaults. */
    public static final class Builder {
        private DriftConfig drift = DriftConfig.defaults();
        private int realQueueCapacity = 1024;
        private int generatedQueueCapacity = 1024;
        private PooledLayers pooledLayers = PooledLayers.PENULTIMATE_AND_LAST;
        private boolean l2Normalize = true;
        private boolean selfExclusion = true;
        private LiftMode lift = LiftMode.SOFT;
        private boolean excludeUnseenSpecialTokens = false;
        private TargetSpace targetSpace = TargetSpace.FEATURE;
        private double mirrorStepSize = 1.0;
        private double baseLossWeight = 0.0;
        private EncoderNoiseLevel encoderNoiseLevel = EncoderNoiseLevel.CLEAN;
        private double learningRate = 3e-5;
        private int globalBatch = 512;
        private int microBatch = 8;
        private int trainSteps = 13_000;

        public Builder drift(DriftConfig drift) {
            this.drift = drift;
            return this;
        }

        /** Both queues at once (the Table 5 ablation varies them together). */
        public Builder queueCapacity(int capacity) {
            this.realQueueCapacity = capacity;
            this.generatedQueueCapacity = capacity;
            return this;
        }

        public Builder realQueueCapacity(int capacity) {
            this.realQueueCapacity = capacity;
            return this;
        }

        public Builder generatedQueueCapacity(int capacity) {
            this.generatedQueueCapacity = capacity;
            return this;
        }

        public Builder pooledLayers(PooledLayers pooledLayers) {
            this.pooledLayers = pooledLayers;
            return this;
        }

        public Builder l2Normalize(boolean l2Normalize) {
            this.l2Normalize = l2Normalize;
            return this;
        }

        public Builder selfExclusion(boolean selfExclusion) {
            this.selfExclusion = selfExclusion;
            return this;
        }

        public Builder lift(LiftMode lift) {
            this.lift = lift;
            return this;
        }

        public Builder excludeUnseenSpecialTokens(boolean exclude) {
            this.excludeUnseenSpecialTokens = exclude;
            return this;
        }

        public Builder targetSpace(TargetSpace targetSpace) {
            this.targetSpace = targetSpace;
            return this;
        }

        public Builder mirrorStepSize(double eta) {
            this.mirrorStepSize = eta;
            return this;
        }

        public Builder baseLossWeight(double weight) {
            this.baseLossWeight = weight;
            return this;
        }

        public Builder encoderNoiseLevel(EncoderNoiseLevel level) {
            this.encoderNoiseLevel = level;
            return this;
        }

        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        public Builder globalBatch(int globalBatch) {
            this.globalBatch = globalBatch;
            return this;
        }

        public Builder microBatch(int microBatch) {
            this.microBatch = microBatch;
            return this;
        }

        public Builder trainSteps(int trainSteps) {
            this.trainSteps = trainSteps;
            return this;
        }

        public TokenDriftConfig build() {
            return new TokenDriftConfig(drift, realQueueCapacity, generatedQueueCapacity, pooledLayers, l2Normalize,
                    selfExclusion, lift, excludeUnseenSpecialTokens, targetSpace, mirrorStepSize, baseLossWeight, encoderNoiseLevel,
                    learningRate, globalBatch, microBatch, trainSteps);
        }
    }
}
