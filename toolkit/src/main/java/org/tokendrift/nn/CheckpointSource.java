package org.tokendrift.nn;

/**
 * Where an exported checkpoint's weights came from, stored in its header ({@code "source"}) by
 * {@link CheckpointExport}. It is kept inside the checkpoint rather than in a sidecar file so that
 * the record cannot be separated from, or disagree with, the weights it describes when the file is
 * copied, renamed or committed.
 *
 * @param file      file name of the source checkpoint (no folder: the run folder is git-ignored and
 *                  machine-specific; the SHA-256 identifies the file)
 * @param step      training step of the source (its optimiser step count), or -1 if unknown
 * @param sha256    lower-case hex SHA-256 of the whole source file
 * @param weights   which of the source's tensors were exported: {@code EMA} or {@code WEIGHTS}
 *                  ({@link Checkpoint.StoredWeights})
 * @param objective training objective of the source's run (e.g. {@code MDLM}, {@code DUO},
 *                  {@code AUTOREGRESSIVE}) when its run folder said so, else {@code null}
 */
public record CheckpointSource(String file, long step, String sha256, String weights, String objective) {
}
