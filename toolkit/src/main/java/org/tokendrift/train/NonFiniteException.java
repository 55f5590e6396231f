package org.tokendrift.train;

/**
 * Thrown when a training run meets a NaN or an infinity. The message names the step and the
 * tensor (the loss, a gradient, a parameter) so the user knows where the run went wrong; the last
 * good checkpoint on disk is left untouched.
 */
public final class NonFiniteException extends RuntimeException {

    private final long step;
    private final String tensor;

    public NonFiniteException(long step, String tensor, String detail) {
        super("training stopped at step " + step + ": " + tensor + " is not finite (" + detail + ")."
                + " The last checkpoint on disk is intact; lower the learning rate or check the data, then resume.");
        this.step = step;
        this.tensor = tensor;
    }

    public long step() {
        return step;
    }

    public String tensor() {
        return tensor;
    }
}
