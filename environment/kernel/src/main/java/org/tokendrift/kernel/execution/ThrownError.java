package org.tokendrift.kernel.execution;

/**
 * Carries an {@link Error} a cell threw (an AssertionError, a StackOverflowError...) out of the
 * kernel's eval, which may only throw {@link Exception}s; the message names the error's class.
 */
public final class ThrownError extends Exception {

    public ThrownError(Throwable error) {
        super(error.toString(), error);
    }
}
