package org.tokendrift.nn;

import org.tokendrift.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * EMA-only export: writes a checkpoint whose weights are a source checkpoint's evaluation weights
 * ({@link Checkpoint#loadEvaluationWeights}: its EMA weights, as a training checkpoint has them),
 * with no AdamW moments and no EMA section, plus a {@link CheckpointSource} record in the header.
 *
 * <p>Size: a training checkpoint stores every parameter three times over (weights, two AdamW
 * moments) plus the EMA copy, so four tensors per parameter; the export stores one. At the default
 * scale (6.16M float32 parameters) that is about 25 MB instead of 99 MB, small enough to commit. Loading
 * an export with {@link Checkpoint#loadEvaluationWeights} gives bit-identical weights to loading
 * its source, because the float32 values are copied, never recomputed. An export cannot resume
 * training (no optimiser state); it is a base for evaluation and continual training.
 */
public final class CheckpointExport {

    private CheckpointExport() {
    }

    /**
     * Exports {@code from} to {@code out} (written atomically; missing folders are created).
     *
     * @param objective the source run's training objective if known (recorded, may be null)
     * @return the provenance recorded in the exported file
     * @throws CheckpointException if {@code from} is not a valid checkpoint
     */
    public static CheckpointSource export(Path from, Path out, String objective) throws IOException {
        if (!Files.isRegularFile(from)) {
            throw new NoSuchFileException(from.toString(), null, "source checkpoint not found");
        }
        if (from.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--out must differ from --from (" + from + "): the export would replace its source");
        }
        DiT model = new DiT(Checkpoint.readConfig(from), 0L);
        Checkpoint.StoredWeights used = Checkpoint.loadEvaluationWeights(from, model);
        CheckpointSource source = new CheckpointSource(from.getFileName().toString(),
                Checkpoint.trainingStep(from).orElse(-1L), AtomicFiles.sha256(from), used.name(), objective);
        Checkpoint.save(out, model, null, null, source);
        return source;
    }
}
