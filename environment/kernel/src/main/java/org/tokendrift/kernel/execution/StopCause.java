package org.tokendrift.kernel.execution;

/** Why a running snippet was stopped before it finished. */
public enum StopCause {
    /** The user interrupted the kernel (Jupyter interrupt_request or SIGINT). */
    INTERRUPTED,
    /** The statement ran longer than {@code TOKENDRIFT_KERNEL_TIMEOUT}. */
    TIMED_OUT
}
