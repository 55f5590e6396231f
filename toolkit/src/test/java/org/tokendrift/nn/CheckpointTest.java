package org.tokendrift.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class CheckpointTest {
    private static final int[][] TOKENS = {{1, 4, 4, 10, 0}, {3, 3, 7, 4, 2}};

    private static DiTConfig cfg() {
        return DiTConfig.builder().vocabSize(11).seqLen(5).width(8).layers(2).heads(2).condDim(6)
                .mlpRatio(2).dropout(0.0).dtype(DataType.FLOAT).build();
    }

    /** A model after two training steps, its optimiser and its EMA (which then differs from the weights). */
    private record Trained(DiT model, AdamW optimizer, ExponentialMovingAverage ema) {
    }

    /** Trains two steps and saves the whole training state (weights, AdamW, EMA) to {@code file}. */
    private static Trained savedTrainingCheckpoint(Path file) throws java.io.IOException {
        AdamW[] opt = new AdamW[1];
        ExponentialMovingAverage[] ema = new ExponentialMovingAverage[1];
        DiT model = trainedModel(opt, ema);
        Checkpoint.save(file, model, opt[0], ema[0]);
        return new Trained(model, opt[0], ema[0]);
    }

    private static DiT trainedModel(AdamW[] opt, ExponentialMovingAverage[] ema) {
        DiT model = new DiT(cfg(), 1);
        opt[0] = new AdamW(AdamWConfig.builder().weightDecay(0.01).build(), model.parameters());
        ema[0] = new ExponentialMovingAverage(model.parameters(), 0.99);
        WeightedCrossEntropy head = new WeightedCrossEntropy();
        int[] targets = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] w = new double[10];
        java.util.Arrays.fill(w, 1.0);
        for (int step = 0; step < 2; step++) {
            try (DiT.Pass p = model.forward(TOKENS, null, true)) {
                p.backward(head.compute(p.logits(), targets, w, 10).dLogits(), null, null);
            }
            opt[0].step(1e-2);
            ema[0].update();
        }
        return model;
    }

    @Test
    void roundTripIsBitwise(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.ckpt");
        Trained trained = savedTrainingCheckpoint(file);
        DiT model = trained.model();
        AdamW[] opt = {trained.optimizer()};
        ExponentialMovingAverage[] ema = {trained.ema()};
        assertEquals(cfg(), Checkpoint.readConfig(file));

        DiT restored = new DiT(Checkpoint.readConfig(file), 99);
        AdamW opt2 = new AdamW(AdamWConfig.builder().weightDecay(0.01).build(), restored.parameters());
        ExponentialMovingAverage ema2 = new ExponentialMovingAverage(restored.parameters(), 0.99);
        Checkpoint.load(file, restored, opt2, ema2);
        for (Param p : model.parameters().all()) {
            assertEquals(p.value(), restored.param(p.name()), p.name());
            assertEquals(opt[0].firstMoment(p.name()), opt2.firstMoment(p.name()), "adam m " + p.name());
            assertEquals(opt[0].secondMoment(p.name()), opt2.secondMoment(p.name()), "adam v " + p.name());
            assertEquals(ema[0].shadow(p.name()), ema2.shadow(p.name()), "ema " + p.name());
        }
        assertEquals(2, opt2.stepCount());
        assertEquals(2, ema2.updateCount());
    }

    @Test
    void mismatchAndCorruptionAreNamed(@TempDir Path dir) throws Exception {
        DiT model = new DiT(cfg(), 1);
        Path file = dir.resolve("model.ckpt");
        Checkpoint.save(file, model, null, null);

        DiT other = new DiT(DiTConfig.builder().vocabSize(11).seqLen(5).width(8).layers(3).heads(2).condDim(6)
                .mlpRatio(2).dropout(0.0).dtype(DataType.FLOAT).build(), 1);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(file, other, null, null));
        assertTrue(e.getMessage().contains("config mismatch"), e.getMessage());

        AdamW opt = new AdamW(AdamWConfig.builder().build(), model.parameters());
        e = assertThrows(CheckpointException.class, () -> Checkpoint.load(file, model, opt, null));
        assertTrue(e.getMessage().contains("no AdamW state"), e.getMessage());

        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x40;
        Path corrupt = dir.resolve("corrupt.ckpt");
        Files.write(corrupt, bytes);
        e = assertThrows(CheckpointException.class, () -> Checkpoint.load(corrupt, model, null, null));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());

        Path truncated = dir.resolve("truncated.ckpt");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, 20));
        e = assertThrows(CheckpointException.class, () -> Checkpoint.load(truncated, model, null, null));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void evaluationWeightsAreTheEmaWeightsIfPresentElseTheWeights(@TempDir Path dir) throws Exception {
        Path full = dir.resolve("full.ckpt");
        Trained trained = savedTrainingCheckpoint(full);
        Path weightsOnly = dir.resolve("weights.ckpt");
        Checkpoint.save(weightsOnly, trained.model(), null, null);

        DiT fromFull = new DiT(cfg(), 99);
        assertEquals(Checkpoint.StoredWeights.EMA, Checkpoint.loadEvaluationWeights(full, fromFull));
        DiT fromWeights = new DiT(cfg(), 99);
        assertEquals(Checkpoint.StoredWeights.WEIGHTS, Checkpoint.loadEvaluationWeights(weightsOnly, fromWeights));
        boolean emaDiffers = false;
        for (Param p : trained.model().parameters().all()) {
            INDArray shadow = trained.ema().shadow(p.name());
            assertArrayEquals(floats(shadow), floats(fromFull.param(p.name())), "EMA weights of " + p.name());
            assertArrayEquals(floats(p.value()), floats(fromWeights.param(p.name())), "weights of " + p.name());
            emaDiffers |= !java.util.Arrays.equals(floats(p.value()), floats(shadow));
        }
        assertTrue(emaDiffers, "after two steps the EMA and the weights differ, so the two cases are told apart");
        assertTrue(Checkpoint.hasEma(full) && !Checkpoint.hasEma(weightsOnly));
    }

    @Test
    void exportKeepsOnlyTheEmaWeightsBitForBitAndRecordsItsSource(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("step-0000002.ckpt");
        savedTrainingCheckpoint(source);
        Path exported = dir.resolve("sub").resolve("base.ckpt");

        CheckpointSource recorded = CheckpointExport.export(source, exported, "MDLM");

        assertEquals(new CheckpointSource("step-0000002.ckpt", 2, org.tokendrift.util.AtomicFiles.sha256(source), "EMA", "MDLM"),
                recorded);
        assertEquals(java.util.Optional.of(recorded), Checkpoint.readSource(exported));
        assertEquals(java.util.OptionalLong.of(2), Checkpoint.trainingStep(exported));
        assertTrue(!Checkpoint.hasEma(exported), "no EMA section");
        DiT reloaded = new DiT(cfg(), 99);
        CheckpointException noAdam = assertThrows(CheckpointException.class,
                () -> Checkpoint.load(exported, reloaded, new AdamW(AdamWConfig.builder().build(), reloaded.parameters()), null));
        assertTrue(noAdam.getMessage().contains("no AdamW state"), noAdam.getMessage());
        // Four tensors per parameter (weights, two moments, EMA) became one.
        assertTrue(Files.size(exported) < 0.4 * Files.size(source), Files.size(exported) + " vs " + Files.size(source));

        DiT fromSource = new DiT(cfg(), 5);
        Checkpoint.loadEvaluationWeights(source, fromSource);
        DiT fromExport = new DiT(cfg(), 6);
        assertEquals(Checkpoint.StoredWeights.WEIGHTS, Checkpoint.loadEvaluationWeights(exported, fromExport));
        for (Param p : fromSource.parameters().all()) {
            assertArrayEquals(floats(p.value()), floats(fromExport.param(p.name())), "bit-identical " + p.name());
        }

        // Re-exporting an export keeps the weights and carries the original step forward.
        Path again = dir.resolve("again.ckpt");
        CheckpointSource second = CheckpointExport.export(exported, again, null);
        assertEquals(2, second.step());
        assertEquals("WEIGHTS", second.weights());
        assertEquals(org.tokendrift.util.AtomicFiles.sha256(exported), second.sha256());

        IllegalArgumentException onto = assertThrows(IllegalArgumentException.class,
                () -> CheckpointExport.export(source, source, null));
        assertTrue(onto.getMessage().contains("replace its source"), onto.getMessage());
    }

    /** The values of a tensor, in row-major order (a copy, so views of a larger buffer read only their own values). */
    private static float[] floats(INDArray a) {
        return a.dup('c').data().asFloat();
    }
}
