package org.tokendrift.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An objective with state outside the model that an exact resume must restore, e.g. TokenDrift's
 * feature queues. The {@link Trainer} saves it beside every checkpoint
 * ({@link RunDirectory#stateFile}), restores it with the checkpoint it resumes from (a checkpoint
 * whose state file is missing or unreadable is skipped like a corrupt one), and resets it when a
 * run starts without a checkpoint.
 */
public interface StatefulObjective extends Objective {

    /** Writes the state to {@code file} (atomically). */
    void saveState(Path file) throws IOException;

    /** Replaces the state with the one in {@code file}; throws naming the problem if it is missing or corrupt. */
    void loadState(Path file) throws IOException;

    /** The state of a run that has taken no step. */
    void resetState();
}
