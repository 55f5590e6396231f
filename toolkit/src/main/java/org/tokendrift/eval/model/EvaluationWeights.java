package org.tokendrift.eval.model;

import org.tokendrift.nn.Checkpoint;
import org.tokendrift.nn.CheckpointException;
import org.tokendrift.nn.DiT;
import org.tokendrift.nn.DiTConfig;
import org.tokendrift.nn.CheckpointSource;
import org.tokendrift.train.RunDirectory;
import org.tokendrift.train.TrainingConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads the weights evaluation uses, a checkpoint's <b>evaluation weights</b>: its EMA weights if it
 * has them (as the reference evaluates and samples), else its weights (an EMA-only export, whose
 * weights are its source's EMA weights); the rule itself is {@link Checkpoint#loadEvaluationWeights}.
 * The weights go into a fresh {@link DiT} built from the checkpoint's own configuration, with checks
 * that the network is what the caller expects (a denoiser of a given backbone, or a causal judge)
 * and that its vocabulary is the tokenizer's.
 *
 * <p>The network shape alone cannot tell an MDLM with time conditioning from a DUO model. When the
 * checkpoint sits in a training run folder ({@code RUN/checkpoints/step-*.ckpt} next to
 * {@code RUN/config.json}, see {@link RunDirectory}), the run's objective is checked as well; for an
 * export, the objective its {@link CheckpointSource} recorded.
 */
public final class EvaluationWeights {

    private EvaluationWeights() {
    }

    /**
     * A fresh DiT holding the evaluation weights of {@code checkpoint} (EMA weights if present, else
     * the weights).
     *
     * @throws CheckpointException if the file is not a valid checkpoint
     */
    public static DiT load(Path checkpoint) throws IOException {
        if (!Files.isRegularFile(checkpoint)) {
            throw new NoSuchFileException(checkpoint.toString(), null, "checkpoint not found");
        }
        DiTConfig cfg = Checkpoint.readConfig(checkpoint);
        DiT model = new DiT(cfg, 0L);
        Checkpoint.loadEvaluationWeights(checkpoint, model);
        return model;
    }

    /** Evaluation weights of a {@code backbone} denoiser; fails if the checkpoint holds another kind of network. */
    public static DiT loadDenoiser(Path checkpoint, DiffusionBackbone backbone, int tokenizerVocabSize) throws IOException {
        DiT model = load(checkpoint);
        backbone.requireCompatible(model.config(), checkpoint.toString());
        Optional<TrainingConfig.Objective> trained = runObjective(checkpoint);
        if (trained.isPresent() && !trained.get().name().equals(backbone.name())) {
            throw new IllegalArgumentException(checkpoint + " was trained with the " + trained.get() + " objective (its run's "
                    + "config.json, or its export record) but is evaluated as " + backbone.label());
        }
        requireVocabulary(model.config(), tokenizerVocabSize, checkpoint.toString());
        return model;
    }

    /** Evaluation weights of a judge; fails unless the network is causal and without time conditioning. */
    public static DiT loadJudge(Path checkpoint, int tokenizerVocabSize) throws IOException {
        DiT model = load(checkpoint);
        DiTConfig cfg = model.config();
        if (!cfg.causal()) {
            throw new IllegalArgumentException(checkpoint + " is not a judge: its network is bidirectional (causal = false); "
                    + "train the judge with data/configs/judge.json");
        }
        if (cfg.timeConditioning()) {
            throw new IllegalArgumentException(checkpoint + " is not a judge: its network is time-conditioned");
        }
        Optional<TrainingConfig.Objective> trained = runObjective(checkpoint);
        if (trained.isPresent() && trained.get() != TrainingConfig.Objective.AUTOREGRESSIVE) {
            throw new IllegalArgumentException(checkpoint + " is not a judge: it was trained with the " + trained.get()
                    + " objective (its run's config.json, or its export record)");
        }
        requireVocabulary(cfg, tokenizerVocabSize, checkpoint.toString());
        return model;
    }

    /**
     * The objective of the training run a checkpoint belongs to: from its run folder's
     * {@code config.json} if it sits in one, else the objective an export recorded
     * ({@link CheckpointSource#objective()}), else empty.
     */
    public static Optional<TrainingConfig.Objective> runObjective(Path checkpoint) throws IOException {
        Path folder = checkpoint.toAbsolutePath().getParent();
        if (folder != null && folder.getParent() != null && folder.getFileName().toString().equals("checkpoints")) {
            Path config = new RunDirectory(folder.getParent()).configFile();
            if (Files.isRegularFile(config)) {
                return Optional.of(TrainingConfig.read(config).objective());
            }
        }
        Optional<String> recorded = Checkpoint.readSource(checkpoint).map(CheckpointSource::objective);
        return recorded.map(TrainingConfig.Objective::valueOf);
    }

    /** Fails if the network's vocabulary differs from the tokenizer's: ids would mean different text. */
    public static void requireVocabulary(DiTConfig cfg, int tokenizerVocabSize, String source) {
        if (cfg.vocabSize() != tokenizerVocabSize) {
            throw new IllegalArgumentException(source + " has a vocabulary of " + cfg.vocabSize()
                    + " ids but the tokenizer has " + tokenizerVocabSize + "; evaluate with the tokenizer the model was "
                    + "trained with (--tokenizer)");
        }
    }
}
