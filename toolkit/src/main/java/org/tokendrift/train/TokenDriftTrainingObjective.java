package org.tokendrift.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.tokendrift.diffusion.Backbone;
import org.tokendrift.diffusion.Corruption;
import org.tokendrift.diffusion.LossValue;
import org.tokendrift.diffusion.Mdlm;
import org.tokendrift.drift.DriftDiagnostics;
import org.tokendrift.drift.FeatureEncoder;
import org.tokendrift.drift.SoftTokenLift;
import org.tokendrift.drift.TokenDriftConfig;
import org.tokendrift.drift.TokenDriftObjective;
import org.tokendrift.nn.DiT;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * TokenDrift continual training as a {@link Objective} of the {@link Trainer} (Oba et al. 2026,
 * Alg. 1 with gradient accumulation). The trainer's batch is the global batch of {@code K}
 * micro-batches of {@code m = tokenDrift.microBatch} sequences; for each micro-batch k:
 * <pre>
 *   x_bar ~ q(x_bar | x0)                 the backbone's forward process, antithetic t over the micro-batch
 *   l = f_theta(x_bar, sigma)             one generator pass (sigma: DUO the corruption's, MDLM none)
 *   step = TokenDriftObjective.step(l, x_bar, M, x0, sigma)
 *        lift on the predicted positions M (MDLM: masked, mask id excluded; DUO: all), frozen phi on
 *        the lifted and the clean sequences, pooling, drift against the queues, loss L_k
 *   dl = (dL_k/dl + w dNELBO_k/dl) / K     w = tokenDrift.baseLossWeight ([P] 0)
 *   backward dl into theta                 (gradients accumulate in the model)
 * </pre>
 * so the accumulated gradient is that of {@code (1/K) sum_k (L_k + w NELBO_k)}: the drift is
 * estimated per micro-batch (its anchors, positives and negatives are the micro-batch plus the
 * queues, [P] 8 per estimate) and the mean over micro-batches is what one optimiser step follows.
 * The reported loss is that mean. Each micro-batch draws its own times, as each micro-step of the
 * reference training loop does.
 *
 * <p>Queues persist across steps, inside the {@link TokenDriftObjective}. They hold detached
 * features, yet they are part of the training state: the next drift depends on them. So they are
 * saved beside every checkpoint ({@link StatefulObjective}, {@code step-N.state}, about 8 MB for two
 * full queues of 1024 x 512 float64) and a resumed run continues with exactly the queues the
 * interrupted run had, keeping the trainer's resume exact (up to dropout noise).
 *
 * <p>Unlike the engine, whose steady loop allocates nothing, the drift path allocates native
 * temporaries (lift, pull-back, loss gradients: about 100 MB per micro-batch of 8 at V = 4096), so
 * each step ends with {@link NativeMemory#releaseGarbage()}.
 *
 * <p>Validation reports the backbone's NELBO (still meaningful: how much the refinement moved the
 * model's likelihood) and, as diagnostics, the drift statistics of {@link DriftValidation}.
 */
public final class TokenDriftTrainingObjective implements DiagnosedObjective, StatefulObjective {

    private final Backbone backbone;
    private final FeatureEncoder encoder;
    private final TokenDriftObjective drift;
    private final DiffusionObjective nelbo;
    private final DriftValidation validation;
    private final List<String> stepNames;
    private final double[] lastStep;
    private final int driftValidationBatches;

    /** An objective whose drift statistics use every validation batch. */
    public TokenDriftTrainingObjective(Backbone backbone, TokenDriftConfig config, FeatureEncoder encoder) {
        this(backbone, config, encoder, Integer.MAX_VALUE);
    }

    /**
     * @param backbone  the forward process and NELBO of the model being refined (MDLM or DUO)
     * @param config    the drift constants; the trainer's batch must be a multiple of {@code microBatch}
     *                  ({@link ContinualConfig} also ties {@code globalBatch} to it)
     * @param encoder   the frozen encoder phi: a frozen copy of the starting weights
     * @param driftValidationBatches  how many of the validation batches give the drift statistics
     */
    public TokenDriftTrainingObjective(Backbone backbone, TokenDriftConfig config, FeatureEncoder encoder,
                                       int driftValidationBatches) {
        if (backbone == null || config == null || encoder == null || driftValidationBatches < 1) {
            throw new IllegalArgumentException("TokenDriftTrainingObjective: backbone, config and encoder must be non-null"
                    + " and driftValidationBatches >= 1");
        }
        this.driftValidationBatches = driftValidationBatches;
        this.backbone = backbone;
        this.encoder = encoder;
        // SUBS: MDLM never predicts [MASK], so the lift gives it probability 0; DUO excludes nothing.
        int excluded = backbone instanceof Mdlm mdlm ? mdlm.maskId() : SoftTokenLift.NO_EXCLUDED_TOKEN;
        this.drift = new TokenDriftObjective(config, encoder, excluded);
        this.nelbo = new DiffusionObjective(backbone, null, 0);
        this.validation = new DriftValidation(drift);
        this.stepNames = stepNames(config);
        this.lastStep = new double[stepNames.size()];
        Arrays.fill(lastStep, Double.NaN);
    }

    private static List<String> stepNames(TokenDriftConfig config) {
        List<String> names = new ArrayList<>(List.of("drift_loss", "base_nelbo"));
        names.addAll(DriftValidation.temperatureNames("vnorm_", config.drift().temperatures()));
        names.addAll(List.of("d2_paired", "d2_pos", "d2_neg", "mirror_shift", "predicted_frac", "pred_entropy",
                "pred_top_share"));
        return List.copyOf(names);
    }

    /** The micro-step objective, with its queues (exposed for checks and notebooks). */
    public TokenDriftObjective drift() {
        return drift;
    }

    public Backbone backbone() {
        return backbone;
    }

    /** The frozen encoder phi. */
    public FeatureEncoder encoder() {
        return encoder;
    }

    @Override
    public double trainStep(DiT model, int[][] batch, long step, RandomGenerator rng) {
        int micro = drift.config().microBatch();
        if (batch.length % micro != 0) {
            throw new IllegalArgumentException("TokenDrift: the batch of " + batch.length
                    + " sequences is not a multiple of tokenDrift.microBatch = " + micro);
        }
        int k = batch.length / micro;
        double weight = drift.config().baseLossWeight();
        double lossSum = 0;
        double[] sums = new double[lastStep.length];
        for (int m = 0; m < k; m++) {
            int[][] clean = Arrays.copyOfRange(batch, m * micro, (m + 1) * micro);
            Corruption c = backbone.corrupt(clean, rng);
            try (DiT.Pass pass = model.forward(c.tokens(), c.sigma(), true)) {
                // The NELBO is computed always (it is logged), trained on only with a positive weight.
                LossValue base = backbone.loss(pass.logits(), c, clean);
                TokenDriftObjective.Step s = drift.step(pass.logits(), c.tokens(), c.predicted(), clean, c.sigma());
                INDArray dLogits = s.dLogits().muli(1.0 / k);
                if (weight > 0) {
                    dLogits.addi(base.dLogits().mul(weight / k));
                }
                pass.backward(dLogits, null, null);
                lossSum += s.loss() + weight * base.value();
                add(sums, s, base.value(), (double) c.predictedCount() / ((long) c.batchSize() * c.seqLen()));
            }
        }
        for (int i = 0; i < sums.length; i++) {
            lastStep[i] = sums[i] / k;
        }
        NativeMemory.releaseGarbage();
        return lossSum / k;
    }

    /** Adds one micro-step's values, in {@link #stepNames} order. */
    private static void add(double[] sums, TokenDriftObjective.Step s, double baseNelbo, double predictedFraction) {
        DriftDiagnostics d = s.diagnostics();
        int i = 0;
        sums[i++] += s.loss();
        sums[i++] += baseNelbo;
        for (double norm : d.meanRawNorm()) {
            sums[i++] += norm;
        }
        sums[i++] += s.meanPairedSqDistance();
        sums[i++] += d.meanSqDistToPositives();
        sums[i++] += d.meanSqDistToNegatives();
        sums[i++] += s.mirrorTargetShift();
        sums[i++] += predictedFraction;
        sums[i++] += s.predictions().meanEntropy();
        sums[i] += s.predictions().topShare();
    }

    @Override
    public void saveState(Path file) throws IOException {
        FeatureQueueFile.write(file, drift.realQueue(), drift.generatedQueue());
    }

    @Override
    public void loadState(Path file) throws IOException {
        FeatureQueueFile.read(file, drift.realQueue(), drift.generatedQueue());
    }

    @Override
    public void resetState() {
        drift.realQueue().clear();
        drift.generatedQueue().clear();
    }

    @Override
    public Validation validate(DiT model, int[][] batch, RandomGenerator rng) {
        return nelbo.validate(model, batch, rng);
    }

    @Override
    public List<String> stepDiagnosticNames() {
        return stepNames;
    }

    @Override
    public double[] lastStepDiagnostics() {
        return lastStep.clone();
    }

    @Override
    public List<String> validationDiagnosticNames() {
        return validation.names();
    }

    @Override
    public double[] validationDiagnostics(DiT model, List<int[][]> batches, List<RandomGenerator> noise) {
        int n = Math.min(batches.size(), driftValidationBatches);
        return validation.evaluate(model, backbone, batches.subList(0, n), noise.subList(0, n));
    }
}
