package org.tokendrift.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.tokendrift.data.DataPaths;
import org.tokendrift.data.Split;
import org.tokendrift.data.TokenDataset;
import org.tokendrift.eval.model.DiffusionBackbone;
import org.tokendrift.eval.model.EvaluationWeights;
import org.tokendrift.eval.model.ValidationNelbo;
import org.tokendrift.nn.DiT;
import org.tokendrift.nn.DiTConfig;
import org.tokendrift.train.Objectives;
import org.tokendrift.train.RunDirectory;
import org.tokendrift.train.Trainer;
import org.tokendrift.train.TrainingConfig;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code validate} on a checkpoint of a short real training run: with the run's config it must
 * reproduce the validation NELBO the trainer logged (same EMA weights, batches and noise).
 */
class ValidateCommandTest {

    private static TrainingConfig tinyMdlm(Path dataDir) {
        DiTConfig model = DiTConfig.builder().vocabSize(4096).seqLen(128).width(16).layers(1).heads(2).condDim(8)
                .mlpRatio(2).dropout(0.0).timeConditioning(false).causal(false).dtype(DataType.FLOAT).build();
        return new TrainingConfig("tiny-mdlm", TrainingConfig.Objective.MDLM, model, 4, 3, 1e-3, 1, 0.0, 1.0, 0.9, 7, 1, 3, 2,
                3, 1, 0, dataDir.toString(), 0, 0);
    }

    /** The val_nelbo column of the last row of a training log. */
    private static double loggedValidationNelbo(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        int column = Arrays.asList(lines.get(0).split(",")).indexOf("val_nelbo");
        return Double.parseDouble(lines.get(lines.size() - 1).split(",")[column]);
    }

    @Test
    void reproducesTheValidationNelboTheTrainerLogged(@TempDir Path dir) throws IOException {
        TrainingConfig cfg = tinyMdlm(DataPaths.sampleDir());
        RunDirectory run = new RunDirectory(dir.resolve("run"));
        Trainer.Outcome outcome = new Trainer(cfg, run, Objectives.of(cfg), TokenDataset.open(DataPaths.sampleDir(), Split.TRAIN),
                TokenDataset.open(DataPaths.sampleDir(), Split.VALID)).run(Duration.ofDays(1), false);
        double logged = loggedValidationNelbo(run.logFile());

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TokenDriftCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(
                "validate", "--checkpoint", outcome.lastCheckpoint().toString(), "--backbone", "mdlm",
                "--config", run.configFile().toString());
        assertEquals(0, exit, err.toString());
        Matcher m = Pattern.compile("validation NELBO ([0-9.]+) nats/token, PPL ([0-9.]+) over 1024 tokens \\(2 batches of 4")
                .matcher(out.toString());
        assertTrue(m.find(), out.toString());
        assertEquals(logged, Double.parseDouble(m.group(1)), 1e-4 * logged, "logged " + logged + ", got " + out);
        assertEquals(Math.exp(Double.parseDouble(m.group(1))), Double.parseDouble(m.group(2)), 0.01 * Double.parseDouble(m.group(2)));

        // Other noise, other estimate: the seed really drives the corruption.
        DiT model = EvaluationWeights.loadDenoiser(outcome.lastCheckpoint(), DiffusionBackbone.MDLM, 4096);
        TokenDataset valid = TokenDataset.open(DataPaths.sampleDir(), Split.VALID);
        ValidationNelbo.Result same = ValidationNelbo.evaluate(model, DiffusionBackbone.MDLM.create(model.config()), valid, 4, 2,
                ValidationNelbo.trainingNoiseSeed(7));
        ValidationNelbo.Result other = ValidationNelbo.evaluate(model, DiffusionBackbone.MDLM.create(model.config()), valid, 4, 2, 8);
        assertEquals(logged, same.nelboPerToken(), 1e-4 * logged);
        assertNotEquals(same.nelboPerToken(), other.nelboPerToken(), 1e-6);
    }

    @Test
    void aCheckpointOfTheWrongFamilyIsNamed(@TempDir Path dir) throws IOException {
        Path mdlm = dir.resolve("mdlm.ckpt");
        org.tokendrift.eval.model.TinyModels.saveWithEma(new DiT(tinyMdlm(dir).model(), 1), mdlm);
        StringWriter err = new StringWriter();
        int exit = TokenDriftCli.commandLine().setErr(new PrintWriter(err)).execute("validate", "--checkpoint",
                mdlm.toString(), "--backbone", "duo", "--data-dir", DataPaths.sampleDir().toString());
        assertEquals(1, exit);
        assertTrue(err.toString().startsWith("validate: ") && err.toString().contains("without time conditioning"), err.toString());
    }
}
