package org.tokendrift.cli;

import org.tokendrift.data.Split;
import org.tokendrift.data.TokenDataset;
import org.tokendrift.train.ContinualConfig;
import org.tokendrift.train.ContinualRun;
import org.tokendrift.train.RunDirectory;
import org.tokendrift.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code tokendrift continual --config data/configs/tokendrift-mdlm.json --base runs/mdlm-base/checkpoints/step-0002500.ckpt}:
 * refines a pretrained MDLM or DUO checkpoint with TokenDrift, or runs the matched continuation
 * baseline (the config's {@code method}), starting from the base's evaluation weights (EMA weights; an
 * EMA-only export from {@code checkpoint export} works as well). Checkpoints at
 * multiples of {@code training.keepEvery} are kept for the training-dynamics curve. Run again with
 * the same arguments (or without {@code --base}) to resume.
 */
@Command(name = "continual", mixinStandardHelpOptions = true,
        description = "Continual training from a base checkpoint: TokenDrift or the continuation baseline; resumes automatically.")
public final class ContinualCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "continual config JSON (data/configs/tokendrift-*.json, continuation-*.json)")
    Path config;

    @Option(names = "--base", description = "base checkpoint: a training checkpoint (its EMA weights are the start) or its `checkpoint export`; default when resuming: the one the run recorded")
    Path base;

    @Mixin
    TrainingRunOptions runOptions;

    @Override
    public Integer call() throws Exception {
        ContinualConfig cfg = ContinualConfig.read(config);
        if (runOptions.steps > 0) {
            cfg = cfg.withSteps(runOptions.steps);
        }
        RunDirectory run = new RunDirectory(runOptions.runDir(cfg.training().name()));
        Path baseFile = base;
        if (baseFile == null) {
            Optional<ContinualRun.BaseRecord> recorded = ContinualRun.recordedBase(run);
            if (recorded.isEmpty()) {
                throw new IllegalArgumentException("--base is required: " + run.root() + " has no recorded base checkpoint");
            }
            baseFile = Path.of(recorded.get().path());
        }
        Path dataDir = Path.of(cfg.training().dataDir());
        TokenDataset train = TokenDataset.open(dataDir, Split.TRAIN);
        TokenDataset valid = TokenDataset.open(dataDir, Split.VALID);
        Trainer.Outcome outcome = ContinualRun.prepare(cfg, baseFile, run).train(train, valid, runOptions.budget(), runOptions.progress());
        System.out.printf("%s (%s from %s): step %d of %d%s, validation PPL bound %.2f, checkpoint %s%n", cfg.training().name(),
                cfg.method(), baseFile, outcome.step(), cfg.training().steps(),
                TrainingRunOptions.ending(outcome.finished()),
                outcome.validationPerplexity(), outcome.lastCheckpoint());
        return 0;
    }
}
