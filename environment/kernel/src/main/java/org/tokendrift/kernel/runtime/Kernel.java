package org.tokendrift.kernel.runtime;

import org.tokendrift.kernel.TokenDriftKernel;

/**
 * Gives cells the running kernel, as IJava's {@code getKernelInstance()} does, e.g. to register a
 * renderer: {@code getKernelInstance().getRenderer().createRegistration(MyType.class)...}.
 * Statically imported into every cell.
 */
public final class Kernel {

    private static volatile TokenDriftKernel instance;

    private Kernel() {
    }

    /** Called once by the kernel when it starts. */
    public static void attach(TokenDriftKernel kernel) {
        instance = kernel;
    }

    /** @throws IllegalStateException outside a running TokenDrift kernel */
    public static TokenDriftKernel getKernelInstance() {
        TokenDriftKernel kernel = instance;
        if (kernel == null) {
            throw new IllegalStateException("No TokenDrift kernel is running in this JVM");
        }
        return kernel;
    }
}
