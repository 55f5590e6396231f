package org.tokendrift.kernel;

import sun.misc.Signal;

/**
 * Makes SIGINT interrupt the running cell instead of ending the JVM, so the kernel also honours
 * Jupyter's "signal" interrupt mode (and Ctrl-C in a terminal). kernel.json asks for "message" mode.
 */
final class InterruptSignal {

    private InterruptSignal() {
    }

    static void onSigint(Runnable interrupt) {
        try {
            Signal.handle(new Signal("INT"), signal -> interrupt.run());
        } catch (IllegalArgumentException e) {
            KernelLog.warn("SIGINT cannot be handled on this JVM; interrupts work by message only: " + e.getMessage());
        }
    }
}
