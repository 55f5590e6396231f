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
 * <p>"Where" is measured against how far training moved the weights: ND4J's OpenMP reductions do
 * not fix their summation order, so two uninterrupted runs on two threads already differ in the
 * last bits, and AdamW's division by sqrt(v) can amplify that to ~1e-4 relative on single weights
 * under load (with {@code OMP_NUM_THREADS=1} the resumed run is bitwise identical). A resume that
 * lost or repeated a step, restored the optimiser wrongly or read the wrong batches moves the
 * weights by a large fraction of the distance trained; the bound of 1e-3 of it separates the two.
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
        List<float[]> start = new DiT(full.model(), full.seed()).parameters().all().stream()
                .map(Param::value).map(v -> v.dup().data().asFloat()).toList();
        double resumeError = distance(a, b);
        double trained = distance(a, start);
        assertTrue(trained > 0, "training must move the weights");
        assertTrue(resumeError <= 1e-3 * trained, "resumed weights are " + resumeError
                + " from the uninterrupted run, which moved " + trained + " from its start");
        List<String> log = Files.readAllLines(run.logFile());
        assertEquals(List.of("1", "2", "3", "4", "5", "6"), log.subList(1, log.size()).stream().map(l -> l.split(",")[0]).toList(),
                "the log lists each step once, in order, after the resume dropped the rows past step 3");
    }

    /** Euclidean distance between two parameter lists of the same shapes. */
    private static double distance(List<float[]> x, List<float[]> y) {
        double sum = 0;
        for (int i = 0; i < x.size(); i++) {
            for (int j = 0; j < x.get(i).length; j++) {
                double d = x.get(i)[j] - y.get(i)[j];
                sum += d * d;
            }
        }
        return Math.sqrt(sum);
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
