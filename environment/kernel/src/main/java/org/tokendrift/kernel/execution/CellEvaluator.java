package org.tokendrift.kernel.execution;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.Snippet.Status;
import jdk.jshell.Snippet.SubKind;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.TypeDeclSnippet;
import org.tokendrift.kernel.errors.SnippetLines;
import org.tokendrift.kernel.errors.ThrownDescription;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Evaluates Java code with JShell one snippet at a time and returns the value of the last one, if
 * it is an expression. As in IPython, a semicolon after that expression hides its value, so that
 * {@code display(chart);} or {@code list.add(x);} show nothing more.
 *
 * <p>Evaluation stops at the first snippet that fails, with an exception a notebook user can read:
 * the exception the code threw (its own class, not JShell's EvalException), a
 * {@link CompilationException} with the compiler's diagnostics, an {@link UndeclaredReferenceException},
 * or an {@link InterruptedException} / {@link TimeoutException} when the kernel stopped it.
 */
public final class CellEvaluator implements SnippetLines {

    /** Snippets whose value is the cell's result when they come last, as in IJava. */
    private static final Set<SubKind> VALUE_KINDS = EnumSet.of(
            SubKind.VAR_VALUE_SUBKIND, SubKind.OTHER_EXPRESSION_SUBKIND, SubKind.TEMP_VAR_EXPRESSION_SUBKIND);

    private final JShell shell;
    private final InProcessExecutionControl control;
    /** Line in its evaluated code where each snippet starts, so tracebacks can name code lines. */
    private final Map<String, Integer> snippetFirstLines = new ConcurrentHashMap<>();

    private volatile Failure lastFailure;

    public CellEvaluator(JShell shell, InProcessExecutionControl control) {
        this.shell = shell;
        this.control = control;
    }

    /**
     * Evaluates {@code code} (magics already transpiled) and returns its last snippet's value.
     *
     * @throws Exception the first failure, as described in the class comment
     */
    public Evaluation evaluate(String code) throws Exception {
        Evaluation last = Evaluation.NO_VALUE;
        String remaining = code;
        while (!remaining.isBlank()) {
            CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(remaining);
            if (info.completeness() == Completeness.EMPTY) {
                break;
            }
            // Incomplete or unparseable code is evaluated as it is so that javac explains the problem.
            boolean complete = info.completeness().isComplete();
            // Without leading blank lines, the snippet's line numbers count from its first code line.
            String source = (complete ? info.source() : remaining).stripLeading();
            int firstLine = lineOf(code, code.length() - remaining.length() + leadingBlank(remaining));
            String written = complete ? remaining.substring(0, remaining.length() - info.remaining().length()) : remaining;
            last = evaluateSnippet(source, firstLine, !written.strip().endsWith(";"));
            remaining = complete ? info.remaining() : "";
        }
        return last;
    }

    /** The exception {@link #evaluate} last threw for user code, described for a traceback. */
    public Optional<ThrownDescription> describeIfThrownByCell(Exception exception) {
        Failure failure = lastFailure;
        return failure != null && failure.thrown() == exception ? Optional.of(failure.description()) : Optional.empty();
    }

    @Override
    public Optional<String> describe(String snippetId, int line) {
        return shell.snippets()
                .filter(snippet -> snippet.id().equals(snippetId))
                .findFirst()
                .map(snippet -> {
                    String[] lines = snippet.source().split("\\R", -1);
                    String text = line >= 1 && line <= lines.length ? ": " + lines[line - 1].strip() : "";
                    Integer first = snippetFirstLines.get(snippetId);
                    return first == null
                            ? "snippet #" + snippetId + ", line " + line + text
                            : "line " + (first + line - 1) + text;
                });
    }

    /** @param showsValue false when the code ends with a semicolon, which hides an expression's value */
    private Evaluation evaluateSnippet(String source, int firstLine, boolean showsValue) throws Exception {
        List<SnippetEvent> events = shell.eval(source);
        Evaluation value = Evaluation.NO_VALUE;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // another snippet's status changed because of this one
            }
            Snippet snippet = event.snippet();
            snippetFirstLines.put(snippet.id(), firstLine);
            if (event.status() == Status.REJECTED) {
                throw compilationError(snippet, firstLine);
            }
            if (event.exception() != null) {
                throw runtimeError(event.exception());
            }
            throwIfStopped();
            // Statements report an empty value instead of the result key (JShell drops it): skip them.
            if (showsValue && VALUE_KINDS.contains(snippet.subKind()) && event.value() != null && !event.value().isEmpty()) {
                value = Evaluation.of(control.takeResult(event.value()));
            }
        }
        throwIfStopped();
        return value;
    }

    private void throwIfStopped() throws InterruptedException, TimeoutException {
        StopCause cause = control.stopCause();
        if (cause == StopCause.INTERRUPTED) {
            throw new InterruptedException("The cell was interrupted");
        }
        if (cause == StopCause.TIMED_OUT) {
            throw new TimeoutException("A statement ran longer than TOKENDRIFT_KERNEL_TIMEOUT allows and was stopped");
        }
    }

    private CompilationException compilationError(Snippet snippet, int firstLine) {
        List<CompileDiagnostic> diagnostics = shell.diagnostics(snippet)
                .filter(Diag::isError)
                .map(diag -> CompileDiagnostic.locate(diag.getMessage(null), snippet.source(),
                        diag.getStartPosition(), diag.getEndPosition(), firstLine))
                .toList();
        return new CompilationException(diagnostics);
    }

    private Exception runtimeError(JShellException exception) {
        if (exception instanceof jdk.jshell.UnresolvedReferenceException unresolved) {
            DeclarationSnippet declaration = unresolved.getSnippet();
            return new UndeclaredReferenceException(describe(declaration),
                    shell.unresolvedDependencies(declaration).toList());
        }
        Throwable thrown = control.lastThrown();
        Exception toThrow = thrown instanceof Exception e ? e : thrown != null ? new ThrownError(thrown) : exception;
        ThrownDescription description = exception instanceof EvalException
                ? ThrownDescription.of(exception) : ThrownDescription.of(toThrow);
        lastFailure = new Failure(toThrow, description);
        return toThrow;
    }

    private static String describe(DeclarationSnippet declaration) {
        if (declaration instanceof MethodSnippet method) {
            return "method " + method.name() + "(" + method.parameterTypes() + ")";
        }
        return (declaration instanceof TypeDeclSnippet ? "class " : "variable ") + declaration.name();
    }

    private static int leadingBlank(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int lineOf(String text, int offset) {
        return 1 + (int) text.substring(0, Math.min(offset, text.length())).chars().filter(c -> c == '\n').count();
    }

    /** The exception thrown to the kernel for a cell, and how its traceback should read. */
    private record Failure(Exception thrown, ThrownDescription description) {
    }
}
