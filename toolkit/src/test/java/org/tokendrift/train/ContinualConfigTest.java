package org.tokendrift.train;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tokendrift.data.DataPaths;
import org.tokendrift.drift.DriftConfig;
import org.tokendrift.drift.LiftMode;
import org.tokendrift.drift.TokenDriftConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContinualConfigTest {

    private static Path shipped(String name) {
        return DataPaths.root().resolve("configs").resolve(name + ".json");
    }

    @Test
    void shippedConfigsUseTheBaseModelsAndThePapersDriftConstants() throws IOException {
        for (String backbone : new String[]{"mdlm", "duo"}) {
            TrainingConfig base = TrainingConfig.read(shipped(backbone));
            ContinualConfig drift = ContinualConfig.read(shipped("tokendrift-" + backbone));
            ContinualConfig continuation = ContinualConfig.read(shipped("continuation-" + backbone));
            assertEquals(ContinualConfig.Method.TOKENDRIFT, drift.method());
            assertEquals(ContinualConfig.Method.CONTINUATION, continuation.method());
            for (ContinualConfig c : new ContinualConfig[]{drift, continuation}) {
                assertEquals(base.objective(), c.training().objective(), backbone);
                assertEquals(base.model(), c.training().model(), backbone + ": the continual model is the base model");
                assertEquals(base.dataDir(), c.training().dataDir());
                assertFalse(c.notes().isBlank(), "the notes say why values differ from the paper's");
            }
            // The queues keep the paper's span of 2 optimiser steps (2 x 512 = 1024 there, 2 x our batch here).
            TokenDriftConfig paper = TokenDriftConfig.builder().globalBatch(drift.training().batchSize())
                    .trainSteps(Math.toIntExact(drift.training().steps())).learningRate(drift.training().learningRate())
                    .queueCapacity(2 * drift.training().batchSize()).build();
            assertEquals(paper, drift.tokenDrift(), backbone + ": every other drift constant is the paper's default");
            assertEquals(8, drift.tokenDrift().microBatch());
            assertEquals(4, drift.driftValidationBatches());
            // Matched baseline: identical training sections apart from the run name.
            assertEquals(drift.training().toJson().replace(drift.training().name(), "NAME"),
                    continuation.training().toJson().replace(continuation.training().name(), "NAME"));
        }
    }

    /** What an ablation config changes against the default run: its drift constants and its training learning rate. */
    private record Ablation(TokenDriftConfig drift, double learningRate) {
        Ablation(TokenDriftConfig drift) {
            this(drift, drift.learningRate());
        }
    }

    @Test
    void eachShippedMdlmAblationChangesOnlyItsOwnSettingAgainstTheDefaultRun() throws IOException {
        ContinualConfig reference = ContinualConfig.read(shipped("tokendrift-mdlm"));
        TokenDriftConfig defaults = reference.tokenDrift();
        Map<String, Ablation> expected = Map.of(
                "hard-lift", new Ablation(defaults.toBuilder().lift(LiftMode.STRAIGHT_THROUGH).build()),
                "ratio-1-0", new Ablation(withWeights(defaults, 1.0, 0.0)),
                "ratio-0-1", new Ablation(withWeights(defaults, 0.0, 1.0)),
                "ratio-2-1", new Ablation(withWeights(defaults, 2.0, 1.0)),
                "queue-1024", new Ablation(defaults.toBuilder().queueCapacity(1024).build()),
                "base-loss", new Ablation(defaults.toBuilder().baseLossWeight(1.0).build()),
                // diagnoses (README): the paper's learning rate; [BOS] and [PAD] kept out of the lift
                "lr-3e-5", new Ablation(defaults.toBuilder().learningRate(3e-5).build(), 3e-5),
                "exclude-specials", new Ablation(defaults.toBuilder().excludeUnseenSpecialTokens(true).build()));
        try (var files = Files.list(shipped("tokendrift-mdlm").getParent())) {
            List<String> shippedAblations = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("ablation-mdlm-")).map(n -> n.substring("ablation-mdlm-".length(), n.length() - 5))
                    .sorted().toList();
            assertEquals(expected.keySet().stream().sorted().toList(), shippedAblations, "every shipped ablation is checked here");
        }
        for (var e : expected.entrySet()) {
            ContinualConfig ablation = ContinualConfig.read(shipped("ablation-mdlm-" + e.getKey()));
            assertEquals("ablation-mdlm-" + e.getKey(), ablation.training().name(), "its own run folder");
            JsonObject expectedTraining = JsonParser.parseString(reference.training().withSteps(ablation.training().steps())
                    .toJson().replace(reference.training().name(), "NAME")).getAsJsonObject();
            expectedTraining.addProperty("learningRate", e.getValue().learningRate());
            assertEquals(expectedTraining, JsonParser.parseString(ablation.training().toJson()
                    .replace(ablation.training().name(), "NAME")), e.getKey());
            assertTrue(ablation.training().steps() <= reference.training().steps(), e.getKey());
            assertEquals(e.getValue().drift().toBuilder().trainSteps(Math.toIntExact(ablation.training().steps())).build(),
                    ablation.tokenDrift(), e.getKey());
        }
    }

    private static TokenDriftConfig withWeights(TokenDriftConfig c, double attraction, double repulsion) {
        return c.toBuilder().drift(c.drift().toBuilder().weights(attraction, repulsion).build()).build();
    }

    @Test
    void omittedDriftFieldsTakeThePapersDefaultsAndNestedOverridesApply(@TempDir Path tmp) throws IOException {
        ContinualConfig c = ContinualConfig.read(write(tmp, root -> {
            JsonObject drift = new JsonObject();
            JsonObject field = new JsonObject();
            field.addProperty("attractionWeight", 2.0);
            drift.add("drift", field);
            drift.addProperty("microBatch", 2);
            root.add("tokenDrift", drift);
        }));
        assertEquals(2.0, c.tokenDrift().drift().attractionWeight());
        assertEquals(1.0, c.tokenDrift().drift().repulsionWeight());
        assertArrayEquals(DriftConfig.defaults().temperatures(), c.tokenDrift().drift().temperatures());
        assertEquals(1024, c.tokenDrift().realQueueCapacity());
        assertEquals(2, c.tokenDrift().microBatch());
        assertEquals(c.training().batchSize(), c.tokenDrift().globalBatch(), "filled in from training");
        assertEquals(c.training().learningRate(), c.tokenDrift().learningRate());
        assertEquals(ContinualConfig.DEFAULT_DRIFT_VALIDATION_BATCHES, c.driftValidationBatches(), "default when left out");
    }

    @Test
    void unknownOrInconsistentFieldsAreRefusedByName(@TempDir Path tmp) throws IOException {
        expectError(tmp, root -> tokenDrift(root).addProperty("queueSize", 4), "tokenDrift.queueSize");
        expectError(tmp, root -> tokenDrift(root).addProperty("globalBatch", 64), "globalBatch");
        expectError(tmp, root -> root.getAsJsonObject("training").addProperty("curriculumSteps", 100), "curriculumSteps");
        expectError(tmp, root -> root.addProperty("method", "DISTILL"), "method");
        expectError(tmp, root -> root.addProperty("steps", 5), "unknown field 'steps'");
        expectError(tmp, root -> tokenDrift(root).addProperty("microBatch", 3), "multiple of microBatch");
    }

    @Test
    void writeReadRoundTripAndStepOverride(@TempDir Path tmp) throws IOException {
        ContinualConfig c = ContinualFixtures.tinyContinual(ContinualConfig.Method.TOKENDRIFT, 10, 1e-3);
        Path file = tmp.resolve("c.json");
        c.write(file);
        assertEquals(c, ContinualConfig.read(file));
        ContinualConfig longer = c.withSteps(50);
        assertEquals(50, longer.training().steps());
        assertEquals(50, longer.tokenDrift().trainSteps());
        assertTrue(c.resumableFrom(longer), "a longer run resumes a shorter one");
        ContinualConfig otherQueue = new ContinualConfig(c.notes(), c.method(), c.training(),
                c.tokenDrift().toBuilder().queueCapacity(7).build(), c.driftValidationBatches());
        assertFalse(c.resumableFrom(otherQueue), "another queue size is another run");
    }

    private static JsonObject tokenDrift(JsonObject root) {
        if (!root.has("tokenDrift")) {
            root.add("tokenDrift", new JsonObject());
        }
        return root.getAsJsonObject("tokenDrift");
    }

    private static void expectError(Path tmp, Consumer<JsonObject> edit, String expected) throws IOException {
        Path file = write(tmp, edit);
        IOException e = assertThrows(IOException.class, () -> ContinualConfig.read(file));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(file.toString()), e.getMessage());
    }

    /** The tiny config without its optional sections, edited, written to a file. */
    private static Path write(Path tmp, Consumer<JsonObject> edit) throws IOException {
        JsonObject root = JsonParser.parseString(ContinualFixtures.tinyContinual(ContinualConfig.Method.TOKENDRIFT, 10, 1e-3)
                .toJson()).getAsJsonObject();
        root.remove("tokenDrift");
        root.remove("driftValidationBatches");
        edit.accept(root);
        Path file = Files.createTempFile(tmp, "continual", ".json");
        Files.writeString(file, root.toString());
        return file;
    }
}
