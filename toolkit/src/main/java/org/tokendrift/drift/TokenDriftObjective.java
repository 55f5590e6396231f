package org.tokendrift.drift;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tokendrift.tokenizer.SpecialToken;

/**
 * One micro-step of the TokenDrift objective (Oba et al. 2026, Alg. 1), assembled from this
 * package's pieces:
 * <pre>
 *   h_i = pool(phi(lift(l_i)))                 (grad)       LiftedFeatures
 *   u_i = pool(phi(E[x0_i]))                   (no grad)    realFeatures
 *   U = [u ; Q_real],  H = [h ; Q_gen] with h_i masked out of its own negatives
 *   V = Drift_T(sg h, U, H)                                  DriftField
 *   FEATURE:  L = 1/(2B) sum ||h_i - sg(h_i + alpha V_i)||^2,  dL/dl = J^T(-alpha V / B)   DriftLoss
 *   MIRROR:   g = J^T V,  L = (1/B) sum_M KL(p*||p) or ||l* - l||^2                       LogitMirrorTeacher
 *   push sg(u) to Q_real and sg(h) to Q_gen (after the field, Alg. 1 line 11)
 * </pre>
 * B is the micro-batch (the anchors of this call). With gradient accumulation the training loop
 * scales dLogits by 1/accumulationSteps and adds {@code baseLossWeight} times the backbone loss; it
 * then backpropagates dLogits through the generator. The encoder is frozen and shared.
 */
public final class TokenDriftObjective {

    private final TokenDriftConfig config;
    private final FeatureEncoder encoder;
    private final LiftExclusion exclusion;
    private final SoftTokenLift lift;
    private final SoftTokenLift argmaxLift;
    private final SequencePooling pooling;
    private final DriftField field;
    private final FeatureQueue realQueue;
    private final FeatureQueue generatedQueue;
    private final LogitMirrorTeacher mirror;

    /**
     * @param config           the constants
     * @param encoder          the frozen encoder phi (a frozen DiT copy, or the stand-in)
     * @param excludedTokenId  MDLM's mask id (SUBS: probability 0), or {@link SoftTokenLift#NO_EXCLUDED_TOKEN} for DUO
     */
    public TokenDriftObjective(TokenDriftConfig config, FeatureEncoder encoder, int excludedTokenId) {
        if (config == null || encoder == null) {
            throw new IllegalArgumentException("TokenDriftObjective: config and encoder must be non-null");
        }
        this.config = config;
        this.encoder = encoder;
        this.exclusion = liftExclusion(config, excludedTokenId);
        this.lift = new SoftTokenLift(encoder.embeddingMatrix(), config.lift(), exclusion);
        this.argmaxLift = new SoftTokenLift(encoder.embeddingMatrix(), LiftMode.STRAIGHT_THROUGH, exclusion);
        this.pooling = new SequencePooling(config.pooledLayers(), config.l2Normalize());
        this.field = new DriftField(config.drift());
        this.realQueue = new FeatureQueue(config.realQueueCapacity());
        this.generatedQueue = new FeatureQueue(config.generatedQueueCapacity());
        this.mirror = switch (config.targetSpace()) {
            case FEATURE -> null;
            case LOGIT_MIRROR_KL -> new LogitMirrorTeacher(LogitMirrorTeacher.Divergence.KL, config.mirrorStepSize(), excludedTokenId);
            case LOGIT_MIRROR_MSE -> new LogitMirrorTeacher(LogitMirrorTeacher.Divergence.MSE, config.mirrorStepSize(), excludedTokenId);
        };
    }

    /**
     * Result of one micro-step.
     *
     * @param loss               drift loss (FEATURE; at most alpha^2/2 by design) or mirror loss
     * @param dLogits            dL/dlogits {@code [B*L, V]}, the logits' data type
     * @param generatedFeatures  h {@code [B][C]}
     * @param realFeatures       u {@code [B][C]}
     * @param drift              V {@code [B][C]}
     * @param diagnostics        per-temperature raw drift norms and distances: log these
     * @param mirrorTargetShift  mean ||l* - l|| over predicted positions (mirror variants; else NaN)
     * @param meanPairedSqDistance  mean_i ||h_i - u_i||^2 between each generated feature and its own
     *                           clean pair: small at low noise, where the drift signal is weak
     * @param predictions        entropy and top-token share of p on the lifted positions (collapse indicators)
     */
    public record Step(double loss, INDArray dLogits, double[][] generatedFeatures, double[][] realFeatures,
                       double[][] drift, DriftDiagnostics diagnostics, double mirrorTargetShift,
                       double meanPairedSqDistance, PredictionStatistics predictions) {
    }

    /**
     * @param logits     generator logits on the corrupted batch {@code [B*L, V]}
     * @param corrupted  x_bar {@code [B][L]}
     * @param predicted  predicted positions (MDLM: masked; DUO: all), see {@link PredictedPositions}
     * @param clean      x0 {@code [B][L]}, the paired clean sequences
     * @param sigma      the corruption's noise level per sequence (used only with
     *                   {@link EncoderNoiseLevel#CORRUPTION}), may be null
     */
    public Step step(INDArray logits, int[][] corrupted, boolean[][] predicted, int[][] clean, double[] sigma) {
        if (clean == null || clean.length != corrupted.length) {
            throw new IllegalArgumentException("TokenDriftObjective: need one clean sequence per corrupted one, got "
                    + (clean == null ? "none" : clean.length) + " for " + corrupted.length);
        }
        double[] encoderSigma = encoderSigma(sigma);
        LiftedFeatures generated = generatedFeatures(logits, corrupted, predicted, encoderSigma);
        double[][] h = generated.features();
        double[][] u = realFeatures(clean, encoderSigma);

        DriftInputs inputs = DriftInputs.tokenDrift(h, u, realQueue.snapshot(), generatedQueue.snapshot(),
                config.selfExclusion());
        DriftResult drift = field.compute(inputs);

        double loss;
        INDArray dLogits;
        double shift = Double.NaN;
        if (mirror == null) {
            DriftLoss.Result result = DriftLoss.evaluate(h, drift.field(), config.drift().alpha());
            loss = result.value();
            dLogits = generated.pullback(result.gradient());
        } else {
            INDArray g = generated.pullback(drift.field());
            LogitMirrorTeacher.Result result = mirror.evaluate(logits, g, predicted);
            loss = result.value();
            dLogits = result.dLogits();
            shift = result.meanTargetShift();
        }
        realQueue.push(u);
        generatedQueue.push(h);
        double paired = 0;
        for (int i = 0; i < h.length; i++) {
            paired += DriftField.squaredDistance(h[i], u[i]) / h.length;
        }
        PredictionStatistics predictions = PredictionStatistics.of(generated.lifted().predictedProbabilities());
        return new Step(loss, dLogits, h, u, drift.field(), drift.diagnostics(), shift, paired, predictions);
    }

    /** The differentiable generated features (no queue side effects), for evaluation and checks. */
    public LiftedFeatures generatedFeatures(INDArray logits, int[][] corrupted, boolean[][] predicted,
                                            double[] encoderSigma) {
        return LiftedFeatures.forward(lift, encoder, pooling, logits, corrupted, predicted, encoderSigma);
    }

    /**
     * Features of the same predictions lifted as hard tokens, {@code pool(phi(E[argmax p]))} (no
     * gradient): what the encoder would see of the tokens a sampler picks. Their distance to the
     * lifted features shows how much of the objective is met by the soft mixture alone.
     */
    public double[][] argmaxFeatures(INDArray logits, int[][] corrupted, boolean[][] predicted, double[] encoderSigma) {
        return LiftedFeatures.forward(argmaxLift, encoder, pooling, logits, corrupted, predicted, encoderSigma).features();
    }

    /** The classes the lift gives probability 0: {@code excludedTokenId}, plus [BOS] and [PAD] after position 0 if configured. */
    static LiftExclusion liftExclusion(TokenDriftConfig config, int excludedTokenId) {
        LiftExclusion base = LiftExclusion.only(excludedTokenId);
        return config.excludeUnseenSpecialTokens()
                ? base.plusAfterFirstPosition(SpecialToken.BOS.id(), SpecialToken.PAD.id())
                : base;
    }

    /** Real features {@code u = pool(phi(E[x0]))} of clean sequences (no gradient). */
    public double[][] realFeatures(int[][] clean, double[] encoderSigma) {
        INDArray e = encoder.embeddingMatrix();
        int seqLen = clean[0].length;
        int[] ids = new int[clean.length * seqLen];
        for (int b = 0; b < clean.length; b++) {
            if (clean[b].length != seqLen) {
                throw new IllegalArgumentException("TokenDriftObjective: clean sequence " + b + " has "
                        + clean[b].length + " tokens, expected " + seqLen);
            }
            for (int l = 0; l < seqLen; l++) {
                int id = clean[b][l];
                if (id < 0 || id >= e.rows()) {
                    throw new IllegalArgumentException("TokenDriftObjective: clean token id " + id
                            + " outside the vocabulary of " + e.rows());
                }
                ids[b * seqLen + l] = id;
            }
        }
        FeatureEncoder.EncoderPass pass = encoder.encode(Nd4j.pullRows(e, 1, ids), encoderSigma);
        return pooling.pool(pass.penultimateHidden(), pass.lastHidden(), clean.length).features();
    }

    /** The sigma handed to phi under the configured {@link EncoderNoiseLevel}. */
    public double[] encoderSigma(double[] corruptionSigma) {
        return config.encoderNoiseLevel() == EncoderNoiseLevel.CLEAN ? null : corruptionSigma;
    }

    public FeatureQueue realQueue() {
        return realQueue;
    }

    public FeatureQueue generatedQueue() {
        return generatedQueue;
    }

    public TokenDriftConfig config() {
        return config;
    }
}
