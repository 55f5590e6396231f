package org.tokendrift.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tokendrift.cli.TokenDriftCli;
import org.tokendrift.drift.DiTFeatureEncoder;
import org.tokendrift.nn.Checkpoint;
import org.tokendrift.nn.CheckpointExport;
import org.tokendrift.nn.DiT;
import org.tokendrift.nn.ExponentialMovingAverage;
import org.tokendrift.util.AtomicFiles;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokendrift.train.ContinualFixtures.maxAbsDifference;
import static org.tokendrift.train.ContinualFixtures.weights;

/** Continual runs end to end on tiny models and the sample data: start, resume, checks, command. */
class ContinualRunTest {

    private static final ContinualConfig.Method DRIFT = ContinualConfig.Method.TOKENDRIFT;
    private static final ContinualConfig.Method CONTINUATION = ContinualConfig.Method.CONTINUATION;

    /** The base's raw weights and its EMA weights. */
    private record BaseWeights(Map<String, float[]> raw, Map<String, float[]> ema) {
    }

    private static BaseWeights read(Path checkpoint) throws IOException {
        DiT model = new DiT(Checkpoint.readConfig(checkpoint), 0);
        ExponentialMovingAverage ema = new ExponentialMovingAverage(model.parameters(), 0.5);
        Checkpoint.load(checkpoint, model, null, ema);
        Map<String, float[]> raw = weights(model);
        try (ExponentialMovingAverage.Swap swap = ema.swapIn()) {
            return new BaseWeights(raw, weights(model));
        }
    }

    /** The raw and the EMA weights stored in a continual run's checkpoint. */
    private static BaseWeights readRun(Path checkpoint) throws IOException {
        return read(checkpoint);
    }

    @Test
    void tokenDriftAndContinuationStartFromTheBaseEmaWeights(@TempDir Path tmp) throws IOException {
        Path base = ContinualFixtures.pretrainedBase(tmp.resolve("base"), 3);
        BaseWeights b = read(base);
        assertTrue(maxAbsDifference(b.raw(), b.ema()) > 1e-4, "the base's EMA and raw weights differ, so the check means something");

        // A learning rate of 1e-12 leaves the weights where the run started, up to ~1e-11.
        ContinualConfig drift = ContinualFixtures.tinyContinual(DRIFT, 1, 1e-12);
        ContinualConfig continuation = ContinualFixtures.tinyContinual(CONTINUATION, 1, 1e-12);
        ContinualRun driftRun = ContinualRun.prepare(drift, base, new RunDirectory(tmp.resolve("drift")));
        ContinualRun continuationRun = ContinualRun.prepare(continuation, base, new RunDirectory(tmp.resolve("cont")));
        assertEquals(0.0, maxAbsDifference(b.ema(), weights(driftRun.base().weights())));
        assertEquals(0.0, maxAbsDifference(b.ema(), weights(continuationRun.base().weights())));
        DiTFeatureEncoder encoder = (DiTFeatureEncoder) ((TokenDriftTrainingObjective) driftRun.objective()).encoder();
        assertEquals(0.0, maxAbsDifference(b.ema(), weights(encoder.network())), "the frozen encoder is the base's EMA weights");

        Path driftCkpt = driftRun.train(ContinualFixtures.train(), ContinualFixtures.valid(), java.time.Duration.ofDays(1), false).lastCheckpoint();
        Path contCkpt = continuationRun.train(ContinualFixtures.train(), ContinualFixtures.valid(), java.time.Duration.ofDays(1), false).lastCheckpoint();
        for (Path ckpt : List.of(driftCkpt, contCkpt)) {
            BaseWeights after = readRun(ckpt);
            assertTrue(maxAbsDifference(b.ema(), after.raw()) < 1e-6, ckpt + ": trained weights started at the base's EMA weights");
            assertTrue(maxAbsDifference(b.ema(), after.ema()) < 1e-6, ckpt + ": and so did the run's own EMA");
        }
    }

    @Test
    void aTokenDriftRunResumesExactlyBecauseItsQueuesAreRestored(@TempDir Path tmp) throws IOException {
        Path base = ContinualFixtures.pretrainedBase(tmp.resolve("base"), 3);
        ContinualConfig full = ContinualFixtures.tinyContinual(DRIFT, 4, 1e-3);
        Path straight = ContinualFixtures.run(full, base, tmp.resolve("straight")).lastCheckpoint();

        Path resumedDir = tmp.resolve("resumed");
        ContinualFixtures.run(full.withSteps(2), base, resumedDir);
        RunDirectory run = new RunDirectory(resumedDir);
        assertTrue(Files.isRegularFile(run.stateFile(2)), "queues saved beside the checkpoint");
        Path resumed = ContinualFixtures.run(full, base, resumedDir).lastCheckpoint();
        // Measured against how far training moved the weights: float32 reductions on two threads do
        // not fix their summation order, and Adam turns the last-bit differences of near-zero
        // gradients into differences of up to a fraction of a step on single weights.
        Map<String, float[]> start = read(base).ema();
        Map<String, float[]> end = read(straight).raw();
        double moved = distance(start, end);
        double resumeError = distance(end, read(resumed).raw()) / moved;
        assertTrue(resumeError < 1e-3, "resumed vs uninterrupted: " + resumeError + " of the distance trained");
        for (Path csv : List.of(run.logFile(), run.diagnosticsFile())) {
            List<String> lines = Files.readAllLines(csv);
            assertEquals(List.of("0", "1", "2", "3", "4"), lines.subList(1, lines.size()).stream().map(l -> l.split(",")[0]).toList(),
                    csv + " lists each step once, from the validated starting point 0");
        }
        String[] firstRow = Files.readAllLines(run.diagnosticsFile()).get(1).split(",", -1);
        assertTrue(firstRow[1].isEmpty() && !firstRow[firstRow.length - 1].isEmpty(),
                "step 0 has validation diagnostics but no training ones: " + String.join(",", firstRow));
        assertFalse(Files.exists(run.stateFile(1)) && !Files.exists(run.checkpoint(1)), "state files are pruned with their checkpoints");

        // Control: the same resume with emptied queues ends elsewhere, so the check above can fail.
        Path emptied = tmp.resolve("emptied");
        ContinualFixtures.run(full.withSteps(2), base, emptied);
        ContinualRun probe = ContinualRun.prepare(full, base, new RunDirectory(emptied));
        ((StatefulObjective) probe.objective()).saveState(new RunDirectory(emptied).stateFile(2));   // fresh = empty queues
        Path emptiedEnd = ContinualFixtures.run(full, base, emptied).lastCheckpoint();
        double emptiedError = distance(end, read(emptiedEnd).raw()) / moved;
        System.out.printf("[ContinualRunTest] resume error %.3g, with emptied queues %.3g (of the distance trained)%n",
                resumeError, emptiedError);
        assertTrue(emptiedError > 1e-2, "resuming without the queues changes the result: " + emptiedError);
    }

    @Test
    void aBaseOfAnotherShapeOrThatIsNoValidCheckpointIsRefusedNamingWhy(@TempDir Path tmp) throws IOException {
        Path base = ContinualFixtures.pretrainedBase(tmp.resolve("base"), 3);
        ContinualConfig c = ContinualFixtures.tinyContinual(DRIFT, 1, 1e-3);
        ContinualConfig wider = new ContinualConfig("", DRIFT, ContinualFixtures.tinyTraining("w", ContinualFixtures.tinyModel(32), 1, 1e-3),
                c.tokenDrift(), 1);
        IOException shape = assertThrows(IOException.class, () -> ContinualRun.prepare(wider, base, new RunDirectory(tmp.resolve("a"))));
        assertTrue(shape.getMessage().contains("width: checkpoint 16, config 32"), shape.getMessage());

        // Every valid checkpoint has evaluation weights (EMA, else its weights); what is refused is a file
        // that is not one, or one whose payload no longer matches its checksum.
        byte[] bytes = Files.readAllBytes(base);
        bytes[bytes.length - 5] ^= 0x10;
        Path corrupt = tmp.resolve("corrupt.ckpt");
        Files.write(corrupt, bytes);
        IOException damaged = assertThrows(IOException.class, () -> ContinualRun.prepare(c, corrupt, new RunDirectory(tmp.resolve("b"))));
        assertTrue(damaged.getMessage().contains("cannot be used") && damaged.getMessage().contains("checksum mismatch"),
                damaged.getMessage());
        Path notACheckpoint = tmp.resolve("notes.ckpt");
        Files.writeString(notACheckpoint, "a text file named like a checkpoint");
        IOException magic = assertThrows(IOException.class,
                () -> ContinualRun.prepare(c, notACheckpoint, new RunDirectory(tmp.resolve("d"))));
        assertTrue(magic.getMessage().contains("cannot be used") && magic.getMessage().contains("bad magic"), magic.getMessage());
        IOException missing = assertThrows(IOException.class,
                () -> ContinualRun.prepare(c, tmp.resolve("nope.ckpt"), new RunDirectory(tmp.resolve("c"))));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    @Test
    void anExportedBaseStartsARunFromWeightsBitIdenticalToTheSourcesEma(@TempDir Path tmp) throws IOException {
        Path base = ContinualFixtures.pretrainedBase(tmp.resolve("base"), 3);
        BaseWeights b = read(base);
        Path exported = tmp.resolve("exports").resolve("mdlm-base.ckpt");
        CheckpointExport.export(base, exported, null);

        ContinualConfig drift = ContinualFixtures.tinyContinual(DRIFT, 1, 1e-3);
        ContinualRun run = ContinualRun.prepare(drift, exported, new RunDirectory(tmp.resolve("drift")));
        assertEquals(b.ema().keySet(), weights(run.base().weights()).keySet());
        for (var entry : weights(run.base().weights()).entrySet()) {
            assertArrayEquals(b.ema().get(entry.getKey()), entry.getValue(), "bit-identical to the source's EMA: " + entry.getKey());
        }
        DiTFeatureEncoder encoder = (DiTFeatureEncoder) ((TokenDriftTrainingObjective) run.objective()).encoder();
        assertEquals(0.0, maxAbsDifference(b.ema(), weights(encoder.network())), "the frozen encoder too");
        Trainer.Outcome out = run.train(ContinualFixtures.train(), ContinualFixtures.valid(), java.time.Duration.ofDays(1), false);
        assertTrue(out.finished() && Double.isFinite(out.validationPerplexity()), "val PPL " + out.validationPerplexity());
        assertEquals(AtomicFiles.sha256(exported), ContinualRun.recordedBase(new RunDirectory(tmp.resolve("drift"))).orElseThrow().sha256());
    }

    @Test
    void aRunDirectoryIsNotContinuedWithAnotherMethodOrBase(@TempDir Path tmp) throws IOException {
        Path base = ContinualFixtures.pretrainedBase(tmp.resolve("base"), 3);
        Path otherBase = ContinualFixtures.pretrainedBase(tmp.resolve("other"), 4);
        RunDirectory dir = new RunDirectory(tmp.resolve("run"));
        ContinualConfig drift = ContinualFixtures.tinyContinual(DRIFT, 1, 1e-3);
        ContinualFixtures.run(drift, base, dir.root());
        IllegalArgumentException method = assertThrows(IllegalArgumentException.class,
                () -> ContinualRun.prepare(ContinualFixtures.tinyContinual(CONTINUATION, 1, 1e-3), base, dir));
        assertTrue(method.getMessage().contains("another method"), method.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> ContinualRun.prepare(drift.withSteps(2), otherBase, dir));
        assertTrue(other.getMessage().contains("SHA-256"), other.getMessage());
        assertEquals(base.toString(), ContinualRun.recordedBase(dir).orElseThrow().path());
    }

    @Test
    void theContinuationBaselineIsThePretrainingObjective(@TempDir Path tmp) throws IOException {
        ContinualConfig c = ContinualFixtures.tinyContinual(CONTINUATION, 1, 1e-3);
        DiT model = org.tokendrift.drift.TinyDiTs.randomized(c.training().model(), 5, 0.3);
        Objective continuation = ContinualRun.objective(c, model);
        assertInstanceOf(DiffusionObjective.class, continuation);
        int[][] batch = ContinualFixtures.train().blocks(0, 4);
        Map<String, double[]> a = gradients(continuation, model, batch);
        Map<String, double[]> b = gradients(Objectives.of(c.training()), model, batch);
        TokenDriftTrainingObjectiveTest.assertClose(a, b, 1e-6, "continuation vs pretraining gradient");
    }

    @Test
    void aDuoBaseIsRefinedWithSoftTokensEverywhere(@TempDir Path tmp) throws IOException {
        TrainingConfig duo = ContinualFixtures.tinyTraining("duo", TrainingConfig.Objective.DUO,
                ContinualFixtures.tinyModel(16, true), 2, 1e-3);
        Path base = ContinualFixtures.pretrainedBase(tmp.resolve("base"), 3, duo);
        ContinualConfig c = ContinualFixtures.tinyContinual(DRIFT, 2, 1e-3);
        ContinualConfig drift = new ContinualConfig("", DRIFT, duo, c.tokenDrift(), 1);
        Trainer.Outcome out = ContinualFixtures.run(drift, base, tmp.resolve("run"));
        assertTrue(out.finished() && Double.isFinite(out.validationPerplexity()), "val PPL " + out.validationPerplexity());
        List<String> rows = Files.readAllLines(new RunDirectory(tmp.resolve("run")).diagnosticsFile());
        int column = List.of(rows.get(0).split(",")).indexOf("predicted_frac");
        assertEquals(1.0, Double.parseDouble(rows.get(rows.size() - 1).split(",")[column]), 0.0, "DUO lifts every position");
    }

    @Test
    void continualCommandTrainsThenResumesFromTheRecordedBase(@TempDir Path tmp) throws IOException {
        Path base = ContinualFixtures.pretrainedBase(tmp.resolve("base"), 3);
        Path config = tmp.resolve("tiny.json");
        ContinualFixtures.tinyContinual(DRIFT, 2, 1e-3).write(config);
        Path runDir = tmp.resolve("run");
        CommandLine cli = TokenDriftCli.commandLine();
        assertEquals(0, cli.execute("continual", "--config", config.toString(), "--base", base.toString(),
                "--run-dir", runDir.toString(), "--steps", "1", "--no-progress"));
        assertEquals(0, cli.execute("continual", "--config", config.toString(), "--run-dir", runDir.toString(), "--no-progress"));
        RunDirectory run = new RunDirectory(runDir);
        assertEquals(List.of(1L, 2L), run.checkpointSteps());
        assertTrue(Files.readAllLines(run.diagnosticsFile()).get(0).startsWith("step,drift_loss,base_nelbo,vnorm_0.02"));
        assertTrue(Files.exists(ContinualRun.configFile(run)) && Files.exists(ContinualRun.baseFile(run)));
    }

    private static Map<String, double[]> gradients(Objective objective, DiT model, int[][] batch) {
        model.parameters().zeroGrads();
        RandomGenerator rng = RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom").create(17);
        objective.trainStep(model, batch, 0, rng);
        Map<String, double[]> g = TokenDriftTrainingObjectiveTest.grads(model);
        model.parameters().zeroGrads();
        return g;
    }

    /** Euclidean distance between two weight sets. */
    private static double distance(Map<String, float[]> a, Map<String, float[]> b) {
        double sum = 0;
        for (String name : a.keySet()) {
            for (int i = 0; i < a.get(name).length; i++) {
                double d = a.get(name)[i] - b.get(name)[i];
                sum += d * d;
            }
        }
        return Math.sqrt(sum);
    }
}
