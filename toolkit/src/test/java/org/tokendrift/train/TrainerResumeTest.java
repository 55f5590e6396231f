package org.tokendrift.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.tokendrift.data.DataPaths;
import org.tokendrift.data.Split;
import org.tokendrift.data.TokenDataset;
import org.tokendrift.nn.Checkpoint;
import org.tokendrift.nn.DiT;
import org.tokendrift.nn.DiTConfig;
import org.tokendrift.nn.Param;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run killed mid-way (here: its newest checkpoint torn, as a kill during the write would leave
 * it) resumes from the checkpoint before and ends where an uninterrupted run ends.
 *
 * <p>"Where" is up to float32 rounding: ND4J's OpenMP reductions do not fix their summation order,
 * so even two uninterrupted runs on two threads differ in the last bit (measured: 1 ulp after 6
 * steps); with {@code OMP_NUM_THREADS=1} the resumed run is bitwise identical. A resume that lost
 * or repeated a step, or restored the optimiser wrongly, moves weights by about one AdamW step,
 * i.e. the learning rate (1e-3 here): the tolerance of 1e-6 sits three orders of magnitude below
 * that and three above the rounding differences (about 1e-9).
 */
class TrainerResumeTest {

    private static TrainingConfig tiny(TrainingConfig.Objective objective, long steps) {
        DiTConfig model = DiTConfig.builder().vocabSize(4096).seqLen(128).width(16).layers(1).heads(2).condDim(8)
                .mlpRatio(2).dropout(0.0).timeConditioning(objective == TrainingConfig.Objective.DUO)
                .causal(objective == TrainingConfig.Objective.AUTOREGRESSIVE).dtype(DataType.FLOAT).build();
        return new TrainingConfig("tiny", objective, model, 4, steps, 1e-3, 2, 0.0, 1.0, 0.9, 7, 1, 3, 1, 2, 2, 0,
                DataPaths.sampleDir().toString(), 0, 0);
    }

    private static Trainer.Outcome train(TrainingConfig cfg, Path dir) throws IOException {
        TokenDataset train = TokenDataset.open(DataPaths.sampleDir(), Split.TRAIN);
        TokenDataset valid = TokenDataset.open(DataPaths.sampleDir(), Split.VALID);
        Objective objective = Objectives.of(cfg);
        return new Trainer(cfg, new RunDirectory(dir), objective, train, valid).run(Duration.ofDays(1), false);
    }

    private static List<float[]> weights(Path checkpoint, DiTConfig cfg) throws IOException {
        DiT model = new DiT(cfg, 0);
        Checkpoint.load(checkpoint, model, null, null);
        return model.parameters().all().stream().map(Param::value).map(v -> v.dup().data().asFloat()).toList();
    }

    @Test
    void resumeAfterATornCheckpointEndsWhereAnUninterruptedRunEnds(@TempDir Path tmp) throws IOException {
        TrainingConfig full = tiny(TrainingConfig.Objective.MDLM, 6);
        Trainer.Outcome straight = train(full, tmp.resolve("straight"));
        assertTrue(straight.finished());
        assertEquals(6, straight.step());

        Path broken = tmp.resolve("broken");
        Trainer.Outcome first = train(full.withSteps(4), broken);
        assertEquals(4, first.step());
        RunDirectory run = new RunDirectory(broken);
        Files.write(run.checkpoint(4), new byte[]{1, 2, 3});   // torn by a kill during the write
        Trainer.Outcome resumed = train(full, broken);
        assertEquals(6, resumed.step());

        List<float[]> a = weights(straight.lastCheckpoint(), full.model());
        List<float[]> b = weights(resumed.lastCheckpoint(), full.model());
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < a.get(i).length; j++) {
                float x = a.get(i)[j];
                float y = b.get(i)[j];
                assertTrue(Math.abs(x - y) <= 1e-6f + 1e-5f * Math.abs(x),
                        "parameter " + i + "[" + j + "] is " + y + " after resume but " + x + " without interruption");
            }
        }
        List<String> log = Files.readAllLines(run.logFile());
        assertEquals(List.of("1", "2", "3", "4", "5", "6"), log.subList(1, log.size()).stream().map(l -> l.split(",")[0]).toList(),
                "the log lists each step once, in order, after the resume dropped the rows past step 3");
    }

    @Test
    void everyObjectiveTrainsAndReportsAFiniteValidationPerplexity(@TempDir Path tmp) throws IOException {
        for (TrainingConfig.Objective objective : TrainingConfig.Objective.values()) {
            Trainer.Outcome out = train(tiny(objective, 3), tmp.resolve(objective.name()));
            assertTrue(Double.isFinite(out.validationPerplexity()) && out.validationPerplexity() > 1,
                    objective + " validation PPL " + out.validationPerplexity());
        }
    }

    @Test
    void aRunDirectoryOfAnotherModelIsRefused(@TempDir Path tmp) throws IOException {
        train(tiny(TrainingConfig.Objective.MDLM, 1), tmp);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> train(tiny(TrainingConfig.Objective.AUTOREGRESSIVE, 1), tmp));
        assertTrue(e.getMessage().contains("another model"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
