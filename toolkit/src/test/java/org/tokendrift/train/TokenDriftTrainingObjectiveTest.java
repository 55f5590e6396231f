package org.tokendrift.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tokendrift.diffusion.Backbone;
import org.tokendrift.diffusion.Corruption;
import org.tokendrift.diffusion.Duo;
import org.tokendrift.diffusion.DuoConfig;
import org.tokendrift.diffusion.LossValue;
import org.tokendrift.diffusion.Mdlm;
import org.tokendrift.diffusion.MdlmConfig;
import org.tokendrift.drift.DiTFeatureEncoder;
import org.tokendrift.drift.DriftConfig;
import org.tokendrift.drift.LiftMode;
import org.tokendrift.drift.SoftTokenLift;
import org.tokendrift.drift.TargetSpace;
import org.tokendrift.drift.TinyDiTs;
import org.tokendrift.drift.TokenDriftConfig;
import org.tokendrift.drift.TokenDriftObjective;
import org.tokendrift.nn.AdamW;
import org.tokendrift.nn.AdamWConfig;
import org.tokendrift.nn.DiT;
import org.tokendrift.nn.Param;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TokenDrift training step on a tiny real DiT (float64, no dropout): gradient accumulation
 * over micro-batches, the frozen encoder, and every ablation variant taking effect. The reference
 * for each check is computed micro-batch by micro-batch with the bare micro-step objective
 * ({@link TokenDriftObjective}) and separate backward passes, replaying the same noise.
 */
class TokenDriftTrainingObjectiveTest {

    private static final int VOCAB = 10, MASK = 9, SEQ = 4, BATCH = 6, MICRO = 2;

    private static TokenDriftConfig.Builder config() {
        return TokenDriftConfig.builder().globalBatch(BATCH).microBatch(MICRO).queueCapacity(16);
    }

    private record Setup(Backbone backbone, int excluded, DiT model, DiTFeatureEncoder encoder, int[][] batch) {
        TokenDriftTrainingObjective objective(TokenDriftConfig config) {
            return new TokenDriftTrainingObjective(backbone, config, encoder);
        }
    }

    private static Setup setup(boolean duo, long seed) {
        DiT model = TinyDiTs.randomized(TinyDiTs.config(VOCAB, SEQ, duo, DataType.DOUBLE), seed, 0.4);
        Backbone backbone = duo ? new Duo(DuoConfig.defaults(VOCAB)) : new Mdlm(MdlmConfig.defaults(VOCAB, MASK));
        Random rnd = new Random(seed);
        int[][] batch = new int[BATCH][SEQ];
        for (int[] row : batch) {
            for (int l = 0; l < SEQ; l++) {
                row[l] = rnd.nextInt(MASK);
            }
        }
        return new Setup(backbone, duo ? SoftTokenLift.NO_EXCLUDED_TOKEN : MASK, model,
                DiTFeatureEncoder.frozenCopyOf(model), batch);
    }

    private static RandomGenerator noise(long seed) {
        return RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom").create(seed);
    }

    /** What one trainStep leaves in the model, and its loss. */
    private record Gradients(Map<String, double[]> grads, double loss) {
    }

    private static Gradients trainStep(Setup s, TokenDriftTrainingObjective objective, long seed) {
        s.model().parameters().zeroGrads();
        double loss = objective.trainStep(s.model(), s.batch(), 0, noise(seed));
        return new Gradients(grads(s.model()), loss);
    }

    /**
     * (1/K) sum_k (g_k + w b_k): g_k the drift gradient of micro-batch k alone (dL_k/dlogits
     * back-propagated unscaled), b_k its NELBO gradient, each from its own backward pass.
     */
    private static Gradients reference(Setup s, TokenDriftConfig config, long seed) {
        TokenDriftObjective bare = new TokenDriftObjective(config, s.encoder(), s.excluded());
        RandomGenerator rng = noise(seed);
        int k = BATCH / config.microBatch();
        double w = config.baseLossWeight();
        Map<String, double[]> sum = null;
        double loss = 0;
        for (int m = 0; m < k; m++) {
            int[][] clean = Arrays.copyOfRange(s.batch(), m * config.microBatch(), (m + 1) * config.microBatch());
            Corruption c = s.backbone().corrupt(clean, rng);
            s.model().parameters().zeroGrads();
            LossValue base;
            try (DiT.Pass pass = s.model().forward(c.tokens(), c.sigma(), true)) {
                base = s.backbone().loss(pass.logits(), c, clean);
                TokenDriftObjective.Step step = bare.step(pass.logits(), c.tokens(), c.predicted(), clean, c.sigma());
                pass.backward(step.dLogits(), null, null);
                loss += (step.loss() + w * base.value()) / k;
            }
            Map<String, double[]> g = grads(s.model());
            s.model().parameters().zeroGrads();
            try (DiT.Pass pass = s.model().forward(c.tokens(), c.sigma(), true)) {
                pass.backward(base.dLogits(), null, null);
            }
            Map<String, double[]> b = grads(s.model());
            if (sum == null) {
                sum = new LinkedHashMap<>();
                for (String name : g.keySet()) {
                    sum.put(name, new double[g.get(name).length]);
                }
            }
            for (String name : g.keySet()) {
                for (int i = 0; i < sum.get(name).length; i++) {
                    sum.get(name)[i] += (g.get(name)[i] + w * b.get(name)[i]) / k;
                }
            }
        }
        s.model().parameters().zeroGrads();
        return new Gradients(sum, loss);
    }

    @ParameterizedTest(name = "duo = {0}")
    @ValueSource(booleans = {false, true})
    void accumulatedGradientIsTheMeanOfTheMicroBatchGradients(boolean duo) {
        Setup s = setup(duo, duo ? 12 : 11);
        TokenDriftConfig cfg = config().build();
        TokenDriftTrainingObjective objective = s.objective(cfg);
        Gradients actual = trainStep(s, objective, 5);
        Gradients expected = reference(s, cfg, 5);
        assertClose(expected.grads(), actual.grads(), 1e-10, "accumulated gradient");
        assertEquals(expected.loss(), actual.loss(), 1e-12, "reported loss = mean of the micro-batch losses");
        assertTrue(maxAbs(actual.grads()) > 1e-6, "the gradient is not trivially zero");

        double[] diagnostics = objective.lastStepDiagnostics();
        assertEquals(objective.stepDiagnosticNames().size(), diagnostics.length);
        double predicted = diagnostics[objective.stepDiagnosticNames().indexOf("predicted_frac")];
        if (duo) {
            assertEquals(1.0, predicted, 0.0, "DUO lifts every position");
        } else {
            assertTrue(predicted > 0 && predicted < 1, "MDLM lifts the masked positions only: " + predicted);
        }
        double entropy = diagnostics[objective.stepDiagnosticNames().indexOf("pred_entropy")];
        double topShare = diagnostics[objective.stepDiagnosticNames().indexOf("pred_top_share")];
        assertTrue(entropy > 0 && entropy <= Math.log(VOCAB) + 1e-9, "prediction entropy in (0, log V]: " + entropy);
        assertTrue(topShare > 0 && topShare <= 1, "top-token share in (0, 1]: " + topShare);
        assertTrue(Double.isNaN(diagnostics[objective.stepDiagnosticNames().indexOf("mirror_shift")]),
                "no mirror teacher in the default objective");
        assertEquals(BATCH, objective.drift().generatedQueue().size(), "every micro-batch's features were queued");
    }

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("mirror KL", config().targetSpace(TargetSpace.LOGIT_MIRROR_KL).build()),
                Arguments.of("mirror MSE", config().targetSpace(TargetSpace.LOGIT_MIRROR_MSE).build()),
                Arguments.of("straight-through lift", config().lift(LiftMode.STRAIGHT_THROUGH).build()),
                Arguments.of("attraction only 1:0", config().drift(DriftConfig.builder().weights(1, 0).build()).build()),
                Arguments.of("ratio 2:1", config().drift(DriftConfig.builder().weights(2, 1).build()).build()),
                Arguments.of("queue size 3", config().queueCapacity(3).build()),
                Arguments.of("drift + 0.5 x base loss", config().baseLossWeight(0.5).build()),
                Arguments.of("[BOS] and [PAD] excluded from the lift", config().excludeUnseenSpecialTokens(true).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void eachVariantTrainsOnWhatItsConfigSaysAndDiffersFromTheDefault(String name, TokenDriftConfig variant) {
        Setup s = setup(false, 21);
        Gradients actual = trainStep(s, s.objective(variant), 9);
        assertClose(reference(s, variant, 9).grads(), actual.grads(), 1e-10, name);
        Gradients standard = trainStep(s, s.objective(config().build()), 9);
        assertTrue(maxAbsDifference(standard.grads(), actual.grads()) > 1e-4 * maxAbs(standard.grads()),
                name + " must change the gradient");
    }

    /** §5: L_MSE = (1/B) sum ||l* - l||^2 with l* = l + eta J^T V has gradient -2 eta J^T V / B, i.e. 2 eta / alpha times the feature loss's. */
    @Test
    void mirrorMseGradientIsTwoEtaOverAlphaTimesTheFeatureGradient() {
        Setup s = setup(false, 31);
        double eta = 1.5;
        Gradients feature = trainStep(s, s.objective(config().build()), 4);
        TokenDriftTrainingObjective mirror = s.objective(config().targetSpace(TargetSpace.LOGIT_MIRROR_MSE).mirrorStepSize(eta).build());
        Gradients mse = trainStep(s, mirror, 4);
        Map<String, double[]> scaled = new LinkedHashMap<>();
        feature.grads().forEach((k, v) -> scaled.put(k, Arrays.stream(v).map(x -> 2 * eta * x).toArray()));
        assertClose(scaled, mse.grads(), 1e-10, "mirror MSE vs feature gradient");
        assertTrue(mirror.lastStepDiagnostics()[mirror.stepDiagnosticNames().indexOf("mirror_shift")] > 0);
    }

    /** Table 3 ablation: the encoder sees E[argmax p] at predicted positions, i.e. the greedy completion. */
    @Test
    void straightThroughLiftEncodesTheArgmaxCompletion() {
        Setup s = setup(false, 41);
        TokenDriftTrainingObjective st = s.objective(config().lift(LiftMode.STRAIGHT_THROUGH).build());
        trainStep(s, st, 6);
        double[][] queued = st.drift().generatedQueue().snapshot();

        RandomGenerator rng = noise(6);     // replay the step's noise: same corruption, same logits
        List<double[]> expected = new ArrayList<>();
        for (int m = 0; m < BATCH / MICRO; m++) {
            int[][] clean = Arrays.copyOfRange(s.batch(), m * MICRO, (m + 1) * MICRO);
            Corruption c = s.backbone().corrupt(clean, rng);
            int[][] completed = greedyCompletion(s.model().infer(c.tokens(), null).logits(), c.tokens());
            expected.addAll(List.of(st.drift().realFeatures(completed, null)));
        }
        for (int i = 0; i < BATCH; i++) {
            assertArrayEquals(expected.get(i), queued[i], 1e-12, "sequence " + i);
        }
        TokenDriftTrainingObjective soft = s.objective(config().build());
        trainStep(s, soft, 6);
        assertFalse(Arrays.deepEquals(queued, soft.drift().generatedQueue().snapshot()), "the soft lift encodes p E instead");
    }

    @Test
    void queueCapacityBoundsBothQueues() {
        Setup s = setup(false, 51);
        TokenDriftTrainingObjective small = s.objective(config().queueCapacity(3).build());
        trainStep(s, small, 2);
        assertEquals(3, small.drift().realQueue().size());
        assertEquals(3, small.drift().generatedQueue().size());
        TokenDriftTrainingObjective large = s.objective(config().build());
        trainStep(s, large, 2);
        assertEquals(BATCH, large.drift().realQueue().size());
    }

    @Test
    void frozenEncoderStaysBitwiseUnchangedWhileTheGeneratorTrains() {
        DiT generator = TinyDiTs.randomized(TinyDiTs.config(VOCAB, SEQ, false, DataType.FLOAT).withDropout(0.1), 61, 0.4);
        DiTFeatureEncoder encoder = DiTFeatureEncoder.frozenCopyOf(generator);
        Map<String, float[]> encoderBefore = floats(encoder.network());
        Map<String, float[]> generatorBefore = floats(generator);
        Setup s = setup(false, 61);
        TokenDriftTrainingObjective objective = new TokenDriftTrainingObjective(s.backbone(), config().build(), encoder);
        AdamW optimizer = new AdamW(AdamWConfig.builder().build(), generator.parameters());
        for (int step = 0; step < 3; step++) {
            objective.trainStep(generator, s.batch(), step, noise(step));
            optimizer.step(1e-2);
        }
        Map<String, float[]> encoderAfter = floats(encoder.network());
        for (String name : encoderBefore.keySet()) {
            assertTrue(Arrays.equals(encoderBefore.get(name), encoderAfter.get(name)), "frozen " + name + " changed");
        }
        long changed = generatorBefore.keySet().stream()
                .filter(n -> !Arrays.equals(generatorBefore.get(n), floats(generator).get(n))).count();
        assertTrue(changed > generatorBefore.size() / 2, "the generator trained: " + changed + " of "
                + generatorBefore.size() + " parameters changed");
    }

    @Test
    void queuesSurviveASaveAndLoadAndATruncatedFileIsRefused(@TempDir Path tmp) throws IOException {
        Setup s = setup(false, 71);
        TokenDriftTrainingObjective trained = s.objective(config().build());
        trainStep(s, trained, 3);
        Path file = tmp.resolve("step-0000001.state");
        trained.saveState(file);
        TokenDriftTrainingObjective restored = s.objective(config().build());
        restored.loadState(file);
        assertTrue(Arrays.deepEquals(trained.drift().realQueue().snapshot(), restored.drift().realQueue().snapshot()));
        assertTrue(Arrays.deepEquals(trained.drift().generatedQueue().snapshot(), restored.drift().generatedQueue().snapshot()));
        restored.resetState();
        assertEquals(0, restored.drift().generatedQueue().size());

        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 8));
        IOException e = assertThrows(IOException.class, () -> restored.loadState(file));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertThrows(IOException.class, () -> restored.loadState(tmp.resolve("missing.state")));
    }

    @Test
    void validationDiagnosticsAreRepeatableAndLeaveTheQueuesAlone() {
        Setup s = setup(false, 81);
        TokenDriftTrainingObjective objective = s.objective(config().build());
        trainStep(s, objective, 1);
        double[][] queued = objective.drift().generatedQueue().snapshot();
        List<int[][]> batches = List.of(s.batch(), s.batch());
        double[] first = objective.validationDiagnostics(s.model(), batches, List.of(noise(100), noise(101)));
        double[] second = objective.validationDiagnostics(s.model(), batches, List.of(noise(100), noise(101)));
        assertArrayEquals(first, second, 0.0, "same weights, batches and noise give the same values");
        assertEquals(objective.validationDiagnosticNames().size(), first.length);
        for (double v : first) {
            assertTrue(Double.isFinite(v) && v >= 0, Arrays.toString(first));
        }
        List<String> names = objective.validationDiagnosticNames();
        double topShare = first[names.indexOf("top_share")];
        double topToken = first[names.indexOf("top_token")];
        assertTrue(topShare > 0 && topShare <= 1, "top share " + topShare);
        assertTrue(topToken == Math.rint(topToken) && topToken >= 0 && topToken < VOCAB && topToken != MASK, "top token " + topToken);
        assertTrue(first[names.indexOf("soft_argmax_d2")] > 0, "a random model's predictions are not one-hot");
        // argmax_mean_gap recomputed from the same corruption: argmax-lifted features against the clean ones.
        List<double[]> argmax = new ArrayList<>();
        List<double[]> real = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            Corruption c = s.backbone().corrupt(batches.get(i), noise(100 + i));
            for (int from = 0; from < BATCH; from += MICRO) {
                int[][] tokens = Arrays.copyOfRange(c.tokens(), from, from + MICRO);
                boolean[][] predicted = Arrays.copyOfRange(c.predicted(), from, from + MICRO);
                double[] sigma = c.sigma() == null ? null : Arrays.copyOfRange(c.sigma(), from, from + MICRO);
                try (DiT.Pass pass = s.model().infer(tokens, sigma)) {
                    argmax.addAll(List.of(objective.drift().argmaxFeatures(pass.logits(), tokens, predicted, null)));
                }
                real.addAll(List.of(objective.drift().realFeatures(Arrays.copyOfRange(batches.get(i), from, from + MICRO), null)));
            }
        }
        assertEquals(DriftValidation.squaredDistanceOfMeans(argmax.toArray(double[][]::new), real.toArray(double[][]::new)),
                first[names.indexOf("argmax_mean_gap")], 1e-12);
        assertTrue(Arrays.deepEquals(queued, objective.drift().generatedQueue().snapshot()), "queues untouched");
    }

    @Test
    void driftValidationUsesOnlyTheFirstBatchesItIsGiven() {
        Setup s = setup(false, 82);
        int[][] other = setup(false, 83).batch();
        double[] firstOnly = s.objective(config().build()).validationDiagnostics(s.model(), List.<int[][]>of(s.batch()), List.of(noise(7)));
        TokenDriftTrainingObjective limited = new TokenDriftTrainingObjective(s.backbone(), config().build(), s.encoder(), 1);
        assertArrayEquals(firstOnly, limited.validationDiagnostics(s.model(), List.of(s.batch(), other), List.of(noise(7), noise(8))), 0.0);
    }

    /** argmax over the classes other than [MASK] at masked positions; observed tokens elsewhere. */
    private static int[][] greedyCompletion(INDArray logits, int[][] corrupted) {
        double[][] l = logits.toDoubleMatrix();
        int[][] out = new int[corrupted.length][];
        for (int b = 0; b < corrupted.length; b++) {
            out[b] = corrupted[b].clone();
            for (int t = 0; t < SEQ; t++) {
                if (corrupted[b][t] == MASK) {
                    double[] row = l[b * SEQ + t];
                    int best = 0;
                    for (int v = 1; v < VOCAB; v++) {
                        if (v != MASK && row[v] > row[best]) {
                            best = v;
                        }
                    }
                    out[b][t] = best;
                }
            }
        }
        return out;
    }

    static Map<String, double[]> grads(DiT model) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Param p : model.parameters().all()) {
            out.put(p.name(), p.grad().dup().data().asDouble());
        }
        return out;
    }

    private static Map<String, float[]> floats(DiT model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Param p : model.parameters().all()) {
            out.put(p.name(), p.value().dup().data().asFloat());
        }
        return out;
    }

    static double maxAbs(Map<String, double[]> g) {
        return g.values().stream().flatMapToDouble(Arrays::stream).map(Math::abs).max().orElse(0);
    }

    static double maxAbsDifference(Map<String, double[]> a, Map<String, double[]> b) {
        double m = 0;
        for (String name : a.keySet()) {
            for (int i = 0; i < a.get(name).length; i++) {
                m = Math.max(m, Math.abs(a.get(name)[i] - b.get(name)[i]));
            }
        }
        return m;
    }

    /** Entry-wise, with a tolerance relative to the largest expected entry. */
    static void assertClose(Map<String, double[]> expected, Map<String, double[]> actual, double relTol, String what) {
        double scale = maxAbs(expected);
        assertTrue(scale > 0, what + ": the expected gradient is zero; the check would be vacuous");
        for (String name : expected.keySet()) {
            for (int i = 0; i < expected.get(name).length; i++) {
                assertEquals(expected.get(name)[i], actual.get(name)[i], relTol * scale, what + ": " + name + "[" + i + "]");
            }
        }
    }
}
