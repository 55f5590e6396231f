package org.tokendrift.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import org.tokendrift.data.TokenDataset;
import org.tokendrift.drift.DiTFeatureEncoder;
import org.tokendrift.nn.DiT;
import org.tokendrift.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One continual-training run (TokenDrift or the continuation baseline) from a base checkpoint,
 * on the shared {@link Trainer}: the generator starts from the base's evaluation weights (its EMA
 * weights, or the weights of its EMA-only export; {@link BaseCheckpoint}) with a fresh AdamW and
 * EMA; TokenDrift's frozen encoder is a copy of those same weights. Both methods thus start from
 * identical weights and differ only in the objective.
 *
 * <p>Besides the trainer's files the run directory holds {@code continual.json} (this config) and
 * {@code base.json} (the base checkpoint's path and SHA-256). A later call with the same directory
 * resumes from the newest checkpoint, provided the config is resumable and the base is the same
 * file content; otherwise it stops with an error saying which differs.
 */
public final class ContinualRun {

    /** The record of which base a run continues. */
    public record BaseRecord(String path, String sha256) {
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private final ContinualConfig config;
    private final RunDirectory run;
    private final BaseCheckpoint base;
    private final Objective objective;

    private ContinualRun(ContinualConfig config, RunDirectory run, BaseCheckpoint base, Objective objective) {
        this.config = config;
        this.run = run;
        this.base = base;
        this.objective = objective;
    }

    public static Path configFile(RunDirectory run) {
        return run.root().resolve("continual.json");
    }

    public static Path baseFile(RunDirectory run) {
        return run.root().resolve("base.json");
    }

    /** The base a run directory records, if any (so a resume need not be told it again). */
    public static Optional<BaseRecord> recordedBase(RunDirectory run) throws IOException {
        Path f = baseFile(run);
        return Files.exists(f) ? Optional.of(GSON.fromJson(Files.readString(f), BaseRecord.class)) : Optional.empty();
    }

    /**
     * Loads the base checkpoint, checks the run directory against {@code config} and the base, and
     * builds the objective.
     */
    public static ContinualRun prepare(ContinualConfig config, Path baseCheckpoint, RunDirectory run) throws IOException {
        if (Files.exists(configFile(run))) {
            ContinualConfig previous = ContinualConfig.read(configFile(run));
            if (!previous.resumableFrom(config)) {
                throw new IllegalArgumentException("run directory " + run.root() + " holds a continual run with another "
                        + "method, model, data, seed or drift setting (" + configFile(run)
                        + "); use a new run directory or the same config");
            }
        }
        BaseCheckpoint base = BaseCheckpoint.load(baseCheckpoint, config.training().model());
        Optional<BaseRecord> recorded = recordedBase(run);
        if (recorded.isPresent() && !recorded.get().sha256().equals(base.sha256())) {
            throw new IllegalArgumentException("run directory " + run.root() + " continues base checkpoint "
                    + recorded.get().path() + " (SHA-256 " + recorded.get().sha256() + "), but " + baseCheckpoint
                    + " has SHA-256 " + base.sha256() + "; use a new run directory or the same base");
        }
        return new ContinualRun(config, run, base, objective(config, base.weights()));
    }

    /**
     * The objective of a continual run starting from {@code start}: the backbone's NELBO alone for
     * CONTINUATION (exactly the pretraining objective, past any curriculum), TokenDrift with a frozen
     * copy of {@code start} as its encoder otherwise.
     */
    public static Objective objective(ContinualConfig config, DiT start) {
        var backbone = Objectives.backbone(config.training());
        return switch (config.method()) {
            case CONTINUATION -> new DiffusionObjective(backbone, null, 0);
            case TOKENDRIFT -> new TokenDriftTrainingObjective(backbone, config.tokenDrift(),
                    DiTFeatureEncoder.frozenCopyOf(start), config.driftValidationBatches());
        };
    }

    /** Trains (or resumes) until the config's steps or the time budget; see {@link Trainer#run}. */
    public Trainer.Outcome train(TokenDataset train, TokenDataset valid, Duration budget, boolean progress) throws IOException {
        Files.createDirectories(run.root());
        Trainer trainer = new Trainer(config.training(), run, objective, train, valid, base.weights());
        config.write(configFile(run));
        AtomicFiles.writeString(baseFile(run), GSON.toJson(new BaseRecord(base.file().toString(), base.sha256())) + "\n");
        return trainer.run(budget, progress);
    }

    public ContinualConfig config() {
        return config;
    }

    public BaseCheckpoint base() {
        return base;
    }

    public Objective objective() {
        return objective;
    }
}
