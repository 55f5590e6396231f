package org.tokendrift.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tokendrift.eval.model.EvaluationWeights;
import org.tokendrift.eval.model.TinyModels;
import org.tokendrift.nn.AdamW;
import org.tokendrift.nn.AdamWConfig;
import org.tokendrift.nn.Checkpoint;
import org.tokendrift.nn.CheckpointSource;
import org.tokendrift.nn.DiT;
import org.tokendrift.nn.ExponentialMovingAverage;
import org.tokendrift.nn.Param;
import org.tokendrift.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tokendrift checkpoint export} through the command line, on a tiny network. */
class CheckpointExportCommandTest {

    /** A training checkpoint after one (zero-gradient) optimiser step whose EMA lags behind moved weights. */
    private static Path trainingCheckpoint(Path file) throws IOException {
        DiT model = TinyModels.randomised(TinyModels.config(16, 8, false, false), 3, 0.3);
        AdamW adamw = new AdamW(AdamWConfig.builder().build(), model.parameters());
        adamw.step(1e-3);
        ExponentialMovingAverage ema = new ExponentialMovingAverage(model.parameters(), 0.9);
        for (Param p : model.parameters().all()) {
            p.value().addi(0.5);
        }
        Checkpoint.save(file, model, adamw, ema);
        return file;
    }

    @Test
    void exportWritesTheEmaWeightsThatEvaluationThenReadsIdentically(@TempDir Path dir) throws IOException {
        Path source = trainingCheckpoint(dir.resolve("step-0000001.ckpt"));
        Path out = dir.resolve("data").resolve("checkpoints").resolve("tiny.ckpt");

        CliRun run = CliRun.of("checkpoint", "export", "--from", source.toString(), "--out", out.toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("exported the EMA weights of " + source) && run.out().contains("(step 1,"), run.out());
        assertFalse(Checkpoint.hasEma(out));
        assertEquals(Optional.of(new CheckpointSource("step-0000001.ckpt", 1, AtomicFiles.sha256(source), "EMA", null)),
                Checkpoint.readSource(out));
        DiT fromSource = EvaluationWeights.load(source);
        DiT fromExport = EvaluationWeights.load(out);
        for (Param p : fromSource.parameters().all()) {
            assertArrayEquals(p.value().dup().data().asFloat(), fromExport.param(p.name()).dup().data().asFloat(), p.name());
        }
    }

    @Test
    void aMissingSourceIsNamedAndNothingIsWritten(@TempDir Path dir) {
        Path out = dir.resolve("out.ckpt");
        CliRun run = CliRun.of("checkpoint", "export", "--from", dir.resolve("nope.ckpt").toString(), "--out", out.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("checkpoint export: ") && run.err().contains("nope.ckpt"), run.err());
        assertFalse(Files.exists(out));
    }
}
