package org.tokendrift.kernel.errors;

import jdk.jshell.EvalException;

import java.util.List;

/**
 * An exception as the traceback shows it: class name, message, frames and cause. JShell reports a
 * cell's exception as an {@link EvalException} whose frames already point into the snippets
 * (file name {@code #id}, line within the snippet); this record reads either kind of exception.
 *
 * @param cause {@code null} at the end of the chain
 */
public record ThrownDescription(String className, String message, List<StackTraceElement> frames,
                                ThrownDescription cause) {

    /** Describes an exception a snippet threw, with JShell's snippet-relative frames. */
    public static ThrownDescription of(Throwable thrown) {
        String className = thrown instanceof EvalException eval ? eval.getExceptionClassName() : thrown.getClass().getName();
        Throwable cause = thrown.getCause();
        return new ThrownDescription(className, thrown.getMessage(), List.of(thrown.getStackTrace()),
                cause == null || cause == thrown ? null : of(cause));
    }
}
