package org.tokendrift.kernel.execution;

import java.util.List;

/** A cell did not compile; carries every compiler error JShell reported for the failing snippet. */
public final class CompilationException extends Exception {

    private final transient List<CompileDiagnostic> diagnostics;

    public CompilationException(List<CompileDiagnostic> diagnostics) {
        super(diagnostics.isEmpty() ? "the snippet was rejected without a compiler message"
                : diagnostics.get(0).message());
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<CompileDiagnostic> diagnostics() {
        return diagnostics;
    }
}
