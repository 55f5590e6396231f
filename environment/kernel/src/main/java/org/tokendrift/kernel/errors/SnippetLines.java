package org.tokendrift.kernel.errors;

import java.util.Optional;

/** Tells where a line of a JShell snippet is, for tracebacks. */
@FunctionalInterface
public interface SnippetLines {

    /**
     * @param snippetId JShell's id of the snippet (a stack frame's file name without the {@code #})
     * @param line      1-based line within the snippet
     * @return e.g. {@code "line 3: int n = parse(s);"}, or empty if the snippet is unknown
     */
    Optional<String> describe(String snippetId, int line);
}
