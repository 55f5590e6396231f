package org.tokendrift.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.tokendrift.drift.TokenDriftConfig;
import org.tokendrift.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A continual-training run from a pretrained checkpoint (TokenDrift, Oba et al. 2026, §6): the
 * TokenDrift objective, or the matched continuation baseline ("Cont. learning", §6.1: the same
 * checkpoint, data and number of updates with the original diffusion loss only). Read from JSON,
 * see {@code data/configs/tokendrift-*.json} and {@code continuation-*.json}:
 * <pre>
 *   { "notes": "...", "method": "TOKENDRIFT", "training": { TrainingConfig }, "tokenDrift": { TokenDriftConfig },
 *     "driftValidationBatches": 4 }
 * </pre>
 * The paper's values, beside ours where the project's scale differs (the reasons are in each
 * shipped config's {@code notes}):
 * <ul>
 *   <li>{@code training.steps}: [P] 13k optimiser steps (5k for the queue and ratio ablations).</li>
 *   <li>{@code training.batchSize}: the global batch, [P] 512 via gradient accumulation.</li>
 *   <li>{@code training.learningRate}: [P] AdamW 3e-5 or 5e-5 (which backbone used which is not said).</li>
 *   <li>{@code training.warmupSteps}, {@code weightDecay}, {@code gradClip}, {@code emaDecay}: [NF] not reported.</li>
 *   <li>{@code training.keepEvery}: checkpoints kept for the training-dynamics curve ([P] 2k, 4k, ..., 12k).</li>
 *   <li>{@code training.curriculumSteps} must be 0: continual training starts after pretraining.</li>
 *   <li>{@code tokenDrift}: every drift constant with the paper's default, see {@link TokenDriftConfig};
 *       {@code tokenDrift.microBatch} is the drift micro-batch, [P] 8. Its {@code learningRate},
 *       {@code globalBatch} and {@code trainSteps} are those of {@code training}: leave them out
 *       (they are filled in) or give the same values. Omitted fields take the paper's defaults.</li>
 * </ul>
 *
 * @param notes       free text: why values differ from the paper's (not used by the code)
 * @param method      TOKENDRIFT or the CONTINUATION baseline
 * @param training    optimiser, schedule, batch, steps, model, data, logging and checkpoints
 * @param tokenDrift  the drift objective's constants (ignored by CONTINUATION)
 * @param driftValidationBatches  TOKENDRIFT: how many of the validation batches also give the drift
 *                    statistics of {@code diagnostics.csv}. [I] {@value #DEFAULT_DRIFT_VALIDATION_BATCHES}
 *                    (128 sequences at batch 32) when left out: they cost four forward passes per
 *                    sequence (generator; encoder on the soft lift, the argmax lift and the clean text),
 *                    four times the NELBO's, and 128 fixed sequences already give values
 *                    that compare from pass to pass. The NELBO always uses all {@code evalBatches}.
 */
public record ContinualConfig(String notes, Method method, TrainingConfig training, TokenDriftConfig tokenDrift,
                               int driftValidationBatches) {

    /** What the continual run optimises. */
    public enum Method {
        /** The TokenDrift objective (drift loss, plus {@code tokenDrift.baseLossWeight} times the NELBO). */
        TOKENDRIFT,
        /** The baseline: the backbone's own NELBO only, same steps, batch and optimiser. */
        CONTINUATION
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();
    private static final Set<String> TOP_LEVEL = Set.of("notes", "method", "training", "tokenDrift", "driftValidationBatches");

    /** Default of {@code driftValidationBatches}. */
    public static final int DEFAULT_DRIFT_VALIDATION_BATCHES = 4;

    public ContinualConfig {
        require(method != null, "method is missing (TOKENDRIFT or CONTINUATION)");
        require(training != null, "training is missing");
        require(tokenDrift != null, "tokenDrift is missing");
        require(driftValidationBatches >= 1, "driftValidationBatches must be >= 1, got " + driftValidationBatches);
        require(training.objective() != TrainingConfig.Objective.AUTOREGRESSIVE,
                "training.objective must be MDLM or DUO: continual training refines a diffusion LM");
        require(training.curriculumSteps() == 0,
                "training.curriculumSteps must be 0: continual training starts after pretraining, past the DUO curriculum");
        require(tokenDrift.globalBatch() == training.batchSize(), "tokenDrift.globalBatch (" + tokenDrift.globalBatch()
                + ") must equal training.batchSize (" + training.batchSize() + "), the optimiser's batch; leave it out");
        require(tokenDrift.trainSteps() == training.steps(), "tokenDrift.trainSteps (" + tokenDrift.trainSteps()
                + ") must equal training.steps (" + training.steps() + "); leave it out");
        require(Double.compare(tokenDrift.learningRate(), training.learningRate()) == 0, "tokenDrift.learningRate ("
                + tokenDrift.learningRate() + ") must equal training.learningRate (" + training.learningRate() + "); leave it out");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("continual config: " + message);
        }
    }

    /** A config whose {@code tokenDrift} section is the paper's defaults with the training section's batch, steps and rate. */
    public static ContinualConfig withDefaults(String notes, Method method, TrainingConfig training) {
        return new ContinualConfig(notes, method, training, driftDefaults(training), DEFAULT_DRIFT_VALIDATION_BATCHES);
    }

    /**
     * Reads a config; {@code tokenDrift} fields that are left out take the paper's defaults (nested
     * {@code drift} fields too). Unknown or inconsistent fields give an error naming the file and field.
     */
    public static ContinualConfig read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("continual config " + file + " does not exist");
        }
        try {
            JsonObject root = GSON.fromJson(Files.readString(file), JsonObject.class);
            if (root == null) {
                throw new IOException("continual config " + file + " is empty");
            }
            requireKnown(root, TOP_LEVEL, "");
            if (!root.has("training")) {
                throw new IllegalArgumentException("continual config: training is missing");
            }
            TrainingConfig training = GSON.fromJson(root.get("training"), TrainingConfig.class);
            JsonObject drift = GSON.toJsonTree(driftDefaults(training)).getAsJsonObject();
            if (root.has("tokenDrift")) {
                mergeInto(drift, root.getAsJsonObject("tokenDrift"), "tokenDrift.");
            }
            String notes = root.has("notes") ? root.get("notes").getAsString() : "";
            Method method = GSON.fromJson(root.get("method"), Method.class);
            int driftValidationBatches = root.has("driftValidationBatches") ? root.get("driftValidationBatches").getAsInt()
                    : DEFAULT_DRIFT_VALIDATION_BATCHES;
            return new ContinualConfig(notes, method, training, GSON.fromJson(drift, TokenDriftConfig.class),
                    driftValidationBatches);
        } catch (RuntimeException e) {
            throw new IOException("continual config " + file + ": " + validationMessage(e), e);
        }
    }

    /**
     * Gson reports a record constructor's refusal as "Failed to invoke constructor ... with args
     * [...]"; the refusal's own message (which names the field) is the useful part.
     */
    private static String validationMessage(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException) {
                return t.getMessage();
            }
        }
        return e.getMessage();
    }

    private static TokenDriftConfig driftDefaults(TrainingConfig training) {
        return TokenDriftConfig.builder().globalBatch(training.batchSize()).trainSteps(Math.toIntExact(training.steps()))
                .learningRate(training.learningRate()).microBatch(Math.min(8, training.batchSize())).build();
    }

    /** Overwrites {@code target}'s fields with {@code overrides}', recursing into objects; unknown names are errors. */
    private static void mergeInto(JsonObject target, JsonObject overrides, String path) {
        requireKnown(overrides, target.keySet(), path);
        for (Map.Entry<String, JsonElement> e : overrides.entrySet()) {
            JsonElement current = target.get(e.getKey());
            if (current != null && current.isJsonObject() && e.getValue().isJsonObject()) {
                mergeInto(current.getAsJsonObject(), e.getValue().getAsJsonObject(), path + e.getKey() + ".");
            } else {
                target.add(e.getKey(), e.getValue());
            }
        }
    }

    private static void requireKnown(JsonObject object, Set<String> known, String path) {
        for (String key : object.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown field '" + path + key + "' (known: " + new TreeSet<>(known) + ")");
            }
        }
    }

    public String toJson() {
        return GSON.toJson(this);
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson() + "\n");
    }

    /** The same run with another step budget (e.g. a short smoke run). */
    public ContinualConfig withSteps(long steps) {
        return new ContinualConfig(notes, method, training.withSteps(steps),
                tokenDrift.toBuilder().trainSteps(Math.toIntExact(steps)).build(), driftValidationBatches);
    }

    /**
     * Whether {@code other} may resume this run's checkpoints: the training run must be resumable
     * ({@link TrainingConfig#resumableFrom}), the method the same, and every drift constant equal
     * except the step budget and the learning rate, which a resume may change as pretraining allows.
     */
    public boolean resumableFrom(ContinualConfig other) {
        return training.resumableFrom(other.training) && method == other.method
                && normalised(tokenDrift).equals(normalised(other.tokenDrift));
    }

    private static TokenDriftConfig normalised(TokenDriftConfig c) {
        return c.toBuilder().trainSteps(0).learningRate(1.0).build();
    }
}
