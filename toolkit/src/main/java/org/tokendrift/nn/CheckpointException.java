package org.tokendrift.nn;

/** A checkpoint that cannot be loaded into the given model; the message names the problem. */
public final class CheckpointException extends IllegalStateException {
    public CheckpointException(String message) {
        super(message);
    }
}
