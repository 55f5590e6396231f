package org.tokendrift.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import org.tokendrift.nn.DiTConfig;
import org.tokendrift.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Everything a pretraining run needs, read from a JSON file (see {@code data/configs/}). The
 * values that differ from the papers because of this project's scale are listed next to the
 * papers' values in the README.
 *
 * @param name            run name (used for output folders)
 * @param objective       what the network learns: a diffusion backbone or the autoregressive judge
 * @param model           the DiT shape
 * @param batchSize       sequences per optimiser step (paper: 512)
 * @param steps           optimiser steps in total (paper: 1M)
 * @param learningRate    AdamW peak learning rate (paper: 3e-4)
 * @param warmupSteps     linear warm-up steps (paper: 2,500)
 * @param weightDecay     AdamW decoupled weight decay (paper: 0)
 * @param gradClip        global gradient-norm clip (paper: 1.0)
 * @param emaDecay        EMA decay of the weights used for evaluation and sampling (paper: 0.9999)
 * @param seed            seed of initialisation, data order and noise
 * @param logEvery        steps between log rows
 * @param evalEvery       steps between validation passes (EMA weights)
 * @param evalBatches     validation batches per pass (fixed batches and noise, so passes compare)
 * @param checkpointEvery steps between checkpoints (a killed run loses at most this many steps)
 * @param keepLast        newest checkpoints kept
 * @param keepEvery       checkpoints at multiples of this step are kept as well (0: none)
 * @param dataDir         folder with {@code train.bin}/{@code valid.bin} token blocks
 * @param curriculumSteps DUO only: steps trained with the Gaussian curriculum before plain
 *                        discrete training (paper: 500K of 1M)
 * @param curriculumTau   DUO only: softmax temperature of the curriculum's soft inputs (paper: 1e-3)
 */
public record TrainingConfig(String name, Objective objective, DiTConfig model, int batchSize, long steps,
                             double learningRate, long warmupSteps, double weightDecay, double gradClip,
                             double emaDecay, long seed, int logEvery, int evalEvery, int evalBatches,
                             int checkpointEvery, int keepLast, long keepEvery, String dataDir,
                             long curriculumSteps, double curriculumTau) {

    /** The training objective. */
    public enum Objective {
        /** Masked (absorbing-state) diffusion, SUBS parameterisation, 1/t-weighted NELBO. */
        MDLM,
        /** Uniform-state diffusion with the Rao-Blackwellised NELBO and the Gaussian curriculum. */
        DUO,
        /** Next-token prediction with a causal DiT: the judge language model for Gen-PPL. */
        AUTOREGRESSIVE
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    public TrainingConfig {
        require(name != null && name.matches("[A-Za-z0-9._-]+"), "name must be a plain file name, got '" + name + "'");
        require(objective != null, "objective is missing (MDLM, DUO or AUTOREGRESSIVE)");
        require(model != null, "model is missing");
        require(objective != Objective.AUTOREGRESSIVE || model.causal(), "the AUTOREGRESSIVE objective needs model.causal = true");
        require(objective == Objective.AUTOREGRESSIVE || !model.causal(), "a diffusion objective needs a bidirectional model (causal = false)");
        require(objective != Objective.DUO || model.timeConditioning(), "DUO is time-conditioned: set model.timeConditioning = true");
        require(batchSize >= 1, "batchSize must be >= 1, got " + batchSize);
        require(steps >= 1, "steps must be >= 1, got " + steps);
        require(learningRate > 0 && Double.isFinite(learningRate), "learningRate must be > 0, got " + learningRate);
        require(warmupSteps >= 0, "warmupSteps must be >= 0, got " + warmupSteps);
        require(weightDecay >= 0, "weightDecay must be >= 0, got " + weightDecay);
        require(gradClip > 0, "gradClip must be > 0, got " + gradClip);
        require(emaDecay >= 0 && emaDecay < 1, "emaDecay must be in [0, 1), got " + emaDecay);
        require(logEvery >= 1 && evalEvery >= 1 && checkpointEvery >= 1, "logEvery, evalEvery and checkpointEvery must be >= 1");
        require(evalBatches >= 1, "evalBatches must be >= 1, got " + evalBatches);
        require(keepLast >= 1 && keepEvery >= 0, "keepLast must be >= 1 and keepEvery >= 0");
        require(dataDir != null && !dataDir.isBlank(), "dataDir is missing");
        require(curriculumSteps >= 0, "curriculumSteps must be >= 0, got " + curriculumSteps);
        require(objective != Objective.DUO || curriculumSteps == 0 || curriculumTau > 0, "curriculumTau must be > 0 when curriculumSteps > 0");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("training config: " + message);
        }
    }

    /** Reads a config file; a malformed or invalid file gives an error naming the file and the field. */
    public static TrainingConfig read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("training config " + file + " does not exist");
        }
        try {
            TrainingConfig cfg = GSON.fromJson(Files.readString(file), TrainingConfig.class);
            if (cfg == null) {
                throw new IOException("training config " + file + " is empty");
            }
            return cfg;
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new IOException("training config " + file + ": " + e.getMessage(), e);
        }
    }

    public String toJson() {
        return GSON.toJson(this);
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson() + "\n");
    }

    /** The same run with another step budget (e.g. a short smoke run). */
    public TrainingConfig withSteps(long newSteps) {
        return new TrainingConfig(name, objective, model, batchSize, newSteps, learningRate, warmupSteps, weightDecay,
                gradClip, emaDecay, seed, logEvery, evalEvery, evalBatches, checkpointEvery, keepLast, keepEvery, dataDir,
                curriculumSteps, curriculumTau);
    }

    /**
     * Whether {@code other} may resume this run's checkpoints: everything that shapes the model,
     * the data order or the objective must be equal (the step budget and intervals may change).
     */
    public boolean resumableFrom(TrainingConfig other) {
        return objective == other.objective && model.equals(other.model) && batchSize == other.batchSize
                && seed == other.seed && dataDir.equals(other.dataDir) && curriculumSteps == other.curriculumSteps
                && Double.compare(curriculumTau, other.curriculumTau) == 0;
    }
}
