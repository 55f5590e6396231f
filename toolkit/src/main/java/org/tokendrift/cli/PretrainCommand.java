package org.tokendrift.cli;

import org.tokendrift.data.Split;
import org.tokendrift.data.TokenDataset;
import org.tokendrift.train.Objectives;
import org.tokendrift.train.RunDirectory;
import org.tokendrift.train.Trainer;
import org.tokendrift.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
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

    @Option(names = "--run-dir", description = "run folder (default: runs/<name>)")
    Path runDir;

    @Option(names = "--max-minutes", defaultValue = "0", description = "stop (with a checkpoint) after this much wall time; 0 = no limit")
    double maxMinutes;

    @Option(names = "--steps", defaultValue = "0", description = "override the config's total steps (e.g. a short smoke run)")
    long steps;

    @Option(names = "--no-progress", description = "no progress bar (for logs)")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        TrainingConfig cfg = TrainingConfig.read(config);
        if (steps > 0) {
            cfg = cfg.withSteps(steps);
        }
        Path dataDir = Path.of(cfg.dataDir());
        TokenDataset train = TokenDataset.open(dataDir, Split.TRAIN);
        TokenDataset valid = TokenDataset.open(dataDir, Split.VALID);
        RunDirectory run = new RunDirectory(runDir != null ? runDir : Path.of("runs", cfg.name()));
        Duration budget = maxMinutes > 0 ? Duration.ofMillis((long) (maxMinutes * 60_000)) : Duration.ofDays(365);
        Trainer.Outcome outcome = new Trainer(cfg, run, Objectives.of(cfg), train, valid).run(budget, !noProgress);
        System.out.printf("%s: step %d of %d%s, validation PPL %.2f, checkpoint %s%n", cfg.name(), outcome.step(), cfg.steps(),
                outcome.finished() ? " (finished)" : " (stopped by the time budget; run again to resume)",
                outcome.validationPerplexity(), outcome.lastCheckpoint());
        return 0;
    }
}
