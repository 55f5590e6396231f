package org.tokendrift.train;

import org.tokendrift.nn.Checkpoint;
import org.tokendrift.nn.CheckpointException;
import org.tokendrift.nn.DiT;
import org.tokendrift.nn.DiTConfig;
import org.tokendrift.nn.Param;
import org.tokendrift.util.AtomicFiles;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The pretrained checkpoint a continual run starts from. Its <em>evaluation weights</em>
 * ({@link Checkpoint#loadEvaluationWeights}: the EMA weights of a training checkpoint, the weights of
 * an EMA-only export, which are its source's EMA weights) are the starting weights, for the
 * generator and for TokenDrift's frozen encoder alike: they are what the pretraining run evaluates
 * and samples with, as the paper's released checkpoints are.
 *
 * <p>The checkpoint's network must have the shape the continual config asks for; dropout and the
 * element type may differ (they do not change the weights' shapes), so a base trained in float32
 * can be refined with other dropout. The file's SHA-256 identifies the base, so that a run
 * directory is never resumed against a different one.
 */
public final class BaseCheckpoint {

    /** DiTConfig fields that do not change which weights a network has. */
    private static final Set<String> SHAPE_NEUTRAL = Set.of("dropout", "dtype");

    private final Path file;
    private final String sha256;
    private final DiT weights;

    private BaseCheckpoint(Path file, String sha256, DiT weights) {
        this.file = file;
        this.sha256 = sha256;
        this.weights = weights;
    }

    /**
     * Reads {@code file} and returns its evaluation weights in a network built with {@code model}.
     *
     * @throws IOException naming the file and the problem: missing, not a checkpoint, corrupt, or a
     *                     network shape (vocabulary, length, width, ...) other than {@code model}'s
     */
    public static BaseCheckpoint load(Path file, DiTConfig model) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("base checkpoint " + file + " does not exist");
        }
        DiTConfig stored;
        try {
            stored = Checkpoint.readConfig(file);
        } catch (CheckpointException e) {
            throw new IOException("base checkpoint " + file + " cannot be used: " + e.getMessage(), e);
        }
        List<String> differences = shapeDifferences(stored, model);
        if (!differences.isEmpty()) {
            throw new IOException("base checkpoint " + file + " does not match the continual config's model: "
                    + String.join("; ", differences) + ". Use the model section of the base run's config.");
        }
        DiT storedNetwork = new DiT(stored, 0);
        try {
            Checkpoint.loadEvaluationWeights(file, storedNetwork);
        } catch (CheckpointException e) {
            throw new IOException("base checkpoint " + file + " cannot be used: " + e.getMessage()
                    + " (continual training starts from the evaluation weights of a pretraining checkpoint or its export)", e);
        }
        DiT weights = new DiT(model, 0);
        for (Param p : weights.parameters().all()) {
            p.value().assign(storedNetwork.param(p.name()).castTo(p.value().dataType()));
        }
        return new BaseCheckpoint(file, AtomicFiles.sha256(file), weights);
    }

    /** "field: checkpoint X, config Y" for every shape-relevant field that differs. */
    static List<String> shapeDifferences(DiTConfig checkpoint, DiTConfig config) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : DiTConfig.class.getRecordComponents()) {
            if (SHAPE_NEUTRAL.contains(c.getName())) {
                continue;
            }
            try {
                Object a = c.getAccessor().invoke(checkpoint);
                Object b = c.getAccessor().invoke(config);
                if (!a.equals(b)) {
                    out.add(c.getName() + ": checkpoint " + a + ", config " + b);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read DiTConfig." + c.getName(), e);
            }
        }
        return out;
    }

    public Path file() {
        return file;
    }

    /** SHA-256 of the checkpoint file. */
    public String sha256() {
        return sha256;
    }

    /** The evaluation weights in a network with the continual config's model settings; treat as read-only. */
    public DiT weights() {
        return weights;
    }
}
