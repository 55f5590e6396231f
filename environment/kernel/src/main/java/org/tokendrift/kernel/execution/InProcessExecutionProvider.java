package org.tokendrift.kernel.execution;

import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.util.Map;

/**
 * Hands JShell the kernel's {@link InProcessExecutionControl}. Passing this provider instance to
 * {@code JShell.Builder.executionEngine} avoids a META-INF/services registration.
 */
public final class InProcessExecutionProvider implements ExecutionControlProvider {

    private final InProcessExecutionControl control;

    public InProcessExecutionProvider(InProcessExecutionControl control) {
        this.control = control;
    }

    @Override
    public String name() {
        return "tokendrift-in-process";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return control;
    }
}
