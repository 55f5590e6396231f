package org.tokendrift.kernel.execution;

/**
 * One compiler error in a cell, with the line it points at so that it can be shown with a caret.
 *
 * @param message    the compiler's message, possibly several lines long
 * @param sourceLine the line of the snippet the error is on (without its line break)
 * @param lineNumber 1-based line number of that line within the evaluated code
 * @param column     0-based column where the error starts
 * @param length     number of characters the error spans on that line (at least 1)
 */
public record CompileDiagnostic(String message, String sourceLine, int lineNumber, int column, int length) {

    /**
     * Locates the character range {@code [start, end)} of a snippet's {@code source} as a line and
     * column. Positions outside the source (javac reports -1 for "no position") point at its end.
     *
     * @param firstLine line number, in the evaluated code, of the snippet's first line
     */
    public static CompileDiagnostic locate(String message, String source, long start, long end, int firstLine) {
        int from = (int) Math.max(0, Math.min(start < 0 ? source.length() : start, source.length()));
        int lineStart = source.lastIndexOf('\n', from - 1) + 1;
        int lineEnd = source.indexOf('\n', from);
        if (lineEnd < 0) {
            lineEnd = source.length();
        }
        int lineNumber = firstLine + (int) source.substring(0, lineStart).chars().filter(c -> c == '\n').count();
        int to = (int) Math.min(Math.max(end, from + 1), lineEnd);
        return new CompileDiagnostic(message, source.substring(lineStart, lineEnd), lineNumber,
                from - lineStart, Math.max(1, to - from));
    }
}
