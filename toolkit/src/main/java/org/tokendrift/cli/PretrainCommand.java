package org.tokendrift.cli;

import org.tokendrift.data.Split;
import org.tokendrift.data.TokenDataset;
import org.tokendrift.train.Objectives;
import org.tokendrift.train.RunDirectory;
import org.tokendrift.train.Trainer;
import org.tokendrift.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code tokendrift pretrain --config data/configs/mdlm.json}: trains a base model (MDLM, DUO or the
 * autoregressive judge) from scratch, or resumes the run in {@code --run-dir} from its newest
 * valid checkpoint.
 */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = "Pretrain an MDLM or DUO base model, or the autoregressive judge; resumes automatically.")
public final class PretrainCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "training config JSON (see data/configs/)")
    Path config;

    @Mixin
    TrainingRunOptions runOptions;

    @Override
    public Integer call() throws Exception {
        TrainingConfig cfg = TrainingConfig.read(config);
        if (runOptions.steps > 0) {
            cfg = cfg.withSteps(runOptions.steps);
        }
        Path dataDir = Path.of(cfg.dataDir());
        TokenDataset train = TokenDataset.open(dataDir, Split.TRAIN);
        TokenDataset valid = TokenDataset.open(dataDir, Split.VALID);
        RunDirectory run = new RunDirectory(runOptions.runDir(cfg.name()));
        Trainer.Outcome outcome = new Trainer(cfg, run, Objectives.of(cfg), train, valid).run(runOptions.budget(), runOptions.progress());
        System.out.printf("%s: step %d of %d%s, validation PPL %.2f, checkpoint %s%n", cfg.name(), outcome.step(), cfg.steps(),
                TrainingRunOptions.ending(outcome.finished()),
                outcome.validationPerplexity(), outcome.lastCheckpoint());
        return 0;
    }
}
