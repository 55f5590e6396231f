package org.tokendrift.eval.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tokendrift.nn.Checkpoint;
import org.tokendrift.nn.CheckpointException;
import org.tokendrift.nn.DiT;
import org.tokendrift.nn.DiTConfig;
import org.tokendrift.train.RunDirectory;
import org.tokendrift.train.TrainingConfig;
import org.tokendrift.nn.ExponentialMovingAverage;
import org.tokendrift.nn.Param;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationWeightsTest {

    @Test
    void loadsTheEmaWeightsNotTheLiveOnes(@TempDir Path dir) throws IOException {
        DiT model = TinyModels.randomised(TinyModels.config(16, 8, false, false), 1, 0.3);
        Map<String, INDArray> averaged = new LinkedHashMap<>();
        for (Param p : model.parameters().all()) {
            averaged.put(p.name(), p.value().dup());
        }
        ExponentialMovingAverage ema = new ExponentialMovingAverage(model.parameters(), 0.5);
        for (Param p : model.parameters().all()) {
            p.value().addi(1.0);  // the live weights move on; the average still holds the old ones
        }
        Path file = dir.resolve("model.ckpt");
        Checkpoint.save(file, model, null, ema);

        DiT loaded = EvaluationWeights.load(file);
        assertEquals(model.config(), loaded.config());
        for (Param p : loaded.parameters().all()) {
            assertEquals(averaged.get(p.name()), p.value(), p.name());
        }
    }

    @Test
    void aCheckpointWithoutEmaWeightsGivesItsWeightsAndANonCheckpointIsRefused(@TempDir Path dir) throws IOException {
        DiT model = TinyModels.randomised(TinyModels.config(16, 8, false, false), 2, 0.3);
        Path file = dir.resolve("weights-only.ckpt");
        Checkpoint.save(file, model, null, null);
        DiT loaded = EvaluationWeights.load(file);
        for (Param p : loaded.parameters().all()) {
            assertEquals(model.param(p.name()), p.value(), p.name());
        }

        Path text = dir.resolve("notes.ckpt");
        java.nio.file.Files.writeString(text, "not a checkpoint at all");
        CheckpointException e = assertThrows(CheckpointException.class, () -> EvaluationWeights.load(text));
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
    }

    @Test
    void anExportKeepsItsRunsObjectiveSoTheBackboneIsStillChecked(@TempDir Path dir) throws IOException {
        Path checkpoint = duoRunCheckpoint(dir, TinyModels.config(16, 8, false, true));
        Path exported = dir.resolve("exports").resolve("duo-base.ckpt");
        org.tokendrift.nn.CheckpointExport.export(checkpoint, exported,
                EvaluationWeights.runObjective(checkpoint).orElseThrow().name());

        assertEquals(java.util.Optional.of(TrainingConfig.Objective.DUO), EvaluationWeights.runObjective(exported));
        assertEquals(16, EvaluationWeights.loadDenoiser(exported, DiffusionBackbone.DUO, 16).config().vocabSize());
        assertMessage(() -> EvaluationWeights.loadDenoiser(exported, DiffusionBackbone.MDLM, 16),
                "trained with the DUO objective");
    }

    @Test
    void theKindOfNetworkAndItsVocabularyAreChecked(@TempDir Path dir) throws IOException {
        Path mdlm = dir.resolve("mdlm.ckpt");
        Path judge = dir.resolve("judge.ckpt");
        TinyModels.saveWithEma(new DiT(TinyModels.config(16, 8, false, false), 1), mdlm);
        TinyModels.saveWithEma(new DiT(TinyModels.config(16, 8, true, false), 1), judge);

        assertEquals(16, EvaluationWeights.loadDenoiser(mdlm, DiffusionBackbone.MDLM, 16).config().vocabSize());
        assertTrue(EvaluationWeights.loadJudge(judge, 16).config().causal());

        assertMessage(() -> EvaluationWeights.loadDenoiser(judge, DiffusionBackbone.MDLM, 16), "causal");
        assertMessage(() -> EvaluationWeights.loadDenoiser(mdlm, DiffusionBackbone.DUO, 16), "without time conditioning");
        assertMessage(() -> EvaluationWeights.loadJudge(mdlm, 16), "is not a judge");
        assertMessage(() -> EvaluationWeights.loadDenoiser(mdlm, DiffusionBackbone.MDLM, 4096),
                "vocabulary of 16 ids but the tokenizer has 4096");
        assertMessage(() -> EvaluationWeights.loadJudge(judge, 4096), "vocabulary of 16 ids but the tokenizer has 4096");
    }

    @Test
    void theObjectiveOfTheTrainingRunIsChecked(@TempDir Path dir) throws IOException {
        // A time-conditioned bidirectional network fits both MDLM and DUO; only the run config tells them apart.
        DiTConfig shape = TinyModels.config(16, 8, false, true);
        Path checkpoint = duoRunCheckpoint(dir, shape);

        assertEquals(java.util.Optional.of(TrainingConfig.Objective.DUO), EvaluationWeights.runObjective(checkpoint));
        assertEquals(16, EvaluationWeights.loadDenoiser(checkpoint, DiffusionBackbone.DUO, 16).config().vocabSize());
        assertMessage(() -> EvaluationWeights.loadDenoiser(checkpoint, DiffusionBackbone.MDLM, 16),
                "trained with the DUO objective");
        Path loose = dir.resolve("loose.ckpt");
        TinyModels.saveWithEma(new DiT(shape, 1), loose);
        assertEquals(java.util.Optional.empty(), EvaluationWeights.runObjective(loose), "no run folder, nothing to check");
    }

    /** A checkpoint of {@code shape} at step 10 inside a DUO training run folder (with its config.json). */
    private static Path duoRunCheckpoint(Path dir, DiTConfig shape) throws IOException {
        RunDirectory run = new RunDirectory(dir.resolve("duo-run"));
        new TrainingConfig("duo-run", TrainingConfig.Objective.DUO, shape, 4, 10, 1e-3, 1, 0, 1, 0.9, 1, 1, 1, 1, 1, 1, 0,
                "data/corpus", 0, 0).write(run.configFile());
        Path checkpoint = run.checkpoint(10);
        TinyModels.saveWithEma(new DiT(shape, 1), checkpoint);
        return checkpoint;
    }

    private interface Loader {
        void load() throws IOException;
    }

    private static void assertMessage(Loader loader, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, loader::load);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
