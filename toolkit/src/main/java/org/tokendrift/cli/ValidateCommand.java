package org.tokendrift.cli;

import org.tokendrift.data.DataPaths;
import org.tokendrift.data.Split;
import org.tokendrift.data.TokenDataset;
import org.tokendrift.eval.model.DiffusionBackbone;
import org.tokendrift.eval.model.EvaluationWeights;
import org.tokendrift.eval.model.ValidationNelbo;
import org.tokendrift.nn.DiT;
import org.tokendrift.train.TrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code tokendrift validate}: validation NELBO per token and perplexity of a diffusion checkpoint
 * with its evaluation weights (EMA weights, or an export's weights), on fixed validation batches with fixed noise ({@link ValidationNelbo}), so
 * checkpoints evaluated with the same options compare directly.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validation NELBO and perplexity of a diffusion checkpoint (EMA weights or an export's, fixed batches and noise).")
public final class ValidateCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true, description = "Diffusion checkpoint.")
    Path checkpoint;

    @Option(names = "--backbone", required = true, description = "mdlm or duo: the family of the checkpoint.")
    String backbone;

    @Option(names = "--data-dir", description = "Folder with valid.bin(.json) (default: the --config's dataDir, else "
            + "data/corpus).")
    Path dataDir;

    @Option(names = "--batch-size", defaultValue = "32", description = "Sequences per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--batches", defaultValue = "16",
            description = "Batches, taken from the start of the split (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the corruption noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--config", description = "Training config of the checkpoint: take batch size, batches and noise "
            + "seed from it, so the result equals the val_nelbo of the training log at the checkpoint's step.")
    Path trainingConfig;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        DiffusionBackbone family = DiffusionBackbone.parse(backbone);
        Path heldOutDir = dataDir != null ? dataDir : DataPaths.corpusDir();
        if (trainingConfig != null) {
            TrainingConfig cfg = TrainingConfig.read(trainingConfig);
            batchSize = cfg.batchSize();
            batches = cfg.evalBatches();
            seed = ValidationNelbo.trainingNoiseSeed(cfg.seed());
            heldOutDir = dataDir != null ? dataDir : Path.of(cfg.dataDir());
        }
        TokenDataset heldOut = TokenDataset.open(heldOutDir, Split.VALID);
        DiT model = EvaluationWeights.loadDenoiser(checkpoint, family, heldOut.vocabSize());
        ValidationNelbo.Result r = ValidationNelbo.evaluate(model, family.create(model.config()), heldOut, batchSize,
                batches, seed);
        spec.commandLine().getOut().printf(Locale.ROOT,
                "%s (%s, evaluation weights): validation NELBO %.4f nats/token, PPL %.2f over %d tokens (%d batches of %d, "
                        + "noise seed %d)%n", checkpoint, family.label(), r.nelboPerToken(), r.perplexity(), r.tokens(),
                r.batches(), batchSize, seed);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
