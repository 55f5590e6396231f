package org.tokendrift.kernel.errors;

import org.tokendrift.kernel.execution.CompileDiagnostic;
import org.tokendrift.kernel.execution.CompilationException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a failed cell into the traceback lines Jupyter shows under it.
 *
 * <ul>
 *   <li>An exception from user code reads like a Java stack trace, but frames in snippets name the
 *       cell line and its source, and the kernel's own frames (reflection, JShell, the kernel,
 *       basekernel) are left out.</li>
 *   <li>A compile error shows each error message with the offending line and a caret under it.</li>
 * </ul>
 */
public final class TracebackFormatter {

    /** Frames from these packages are the machinery that ran the cell, not the cell's code. */
    private static final Set<String> MACHINERY_PREFIXES = Set.of(
            "org.tokendrift.kernel.", "io.github.spencerpark.", "jdk.internal.reflect.", "java.lang.reflect.",
            "jdk.jshell.", "REPL.");

    private TracebackFormatter() {
    }

    /** Traceback of an exception thrown by a cell's code. */
    public static List<String> thrown(ThrownDescription exception, SnippetLines snippets) {
        List<String> lines = new ArrayList<>();
        ThrownDescription current = exception;
        String prefix = "";
        while (current != null) {
            lines.add(prefix + header(current));
            for (StackTraceElement frame : current.frames()) {
                if (isSnippet(frame)) {
                    lines.add("    at " + describeSnippetFrame(frame, snippets));
                } else if (!isMachinery(frame)) {
                    lines.add("    at " + frame);
                }
            }
            current = current.cause();
            prefix = "Caused by: ";
        }
        return lines;
    }

    /** Traceback of a cell that did not compile. */
    public static List<String> compileErrors(CompilationException exception) {
        List<String> lines = new ArrayList<>();
        for (CompileDiagnostic diagnostic : exception.diagnostics()) {
            lines.add("line " + diagnostic.lineNumber() + ": error: " + diagnostic.message());
            lines.add("    " + diagnostic.sourceLine());
            lines.add("    " + " ".repeat(diagnostic.column()) + "^".repeat(diagnostic.length()));
        }
        return lines;
    }

    /** Traceback of any other exception (a kernel failure): the plain Java stack trace. */
    public static List<String> other(Exception exception) {
        StringWriter trace = new StringWriter();
        exception.printStackTrace(new PrintWriter(trace));
        return List.of(trace.toString().split("\\R"));
    }

    private static String header(ThrownDescription exception) {
        return exception.message() == null ? exception.className() : exception.className() + ": " + exception.message();
    }

    private static boolean isSnippet(StackTraceElement frame) {
        return frame.getFileName() != null && frame.getFileName().startsWith("#");
    }

    private static boolean isMachinery(StackTraceElement frame) {
        return MACHINERY_PREFIXES.stream().anyMatch(frame.getClassName()::startsWith);
    }

    private static String describeSnippetFrame(StackTraceElement frame, SnippetLines snippets) {
        String snippetId = frame.getFileName().substring(1);
        String where = snippets.describe(snippetId, frame.getLineNumber())
                .orElse("snippet " + frame.getFileName() + ", line " + frame.getLineNumber());
        String method = frame.getMethodName().isEmpty() ? ""
                : (frame.getClassName().isEmpty() ? "" : frame.getClassName() + ".") + frame.getMethodName() + " ";
        return method + "(" + where + ")";
    }
}
