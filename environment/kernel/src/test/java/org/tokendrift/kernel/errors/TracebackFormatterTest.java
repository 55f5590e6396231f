package org.tokendrift.kernel.errors;

import org.junit.jupiter.api.Test;
import org.tokendrift.kernel.execution.CompilationException;
import org.tokendrift.kernel.execution.CompileDiagnostic;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TracebackFormatterTest {

    /** JShell's translated frames: snippet frames have file "#id" and an empty class for the cell body. */
    private static final List<StackTraceElement> FRAMES = List.of(
            new StackTraceElement("java.lang.Integer", "parseInt", "Integer.java", 668),
            new StackTraceElement("Parser", "parse", "#7", 2),
            new StackTraceElement("", "", "#9", 1),
            new StackTraceElement("org.tokendrift.kernel.runtime.MagicCalls", "lineMagic", "MagicCalls.java", 16),
            new StackTraceElement("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0", null, -2));

    private static final SnippetLines LINES = (id, line) ->
            id.equals("9") ? Optional.of("line " + (line + 3) + ": parse(\"x\")") : Optional.empty();

    @Test
    void userFramesNameCellLinesAndHideTheMachinery() {
        ThrownDescription cause = new ThrownDescription("java.io.IOException", null, List.of(), null);
        ThrownDescription thrown = new ThrownDescription("java.lang.NumberFormatException", "bad", FRAMES, cause);

        assertEquals(List.of(
                "java.lang.NumberFormatException: bad",
                "    at java.lang.Integer.parseInt(Integer.java:668)",
                "    at Parser.parse (snippet #7, line 2)",
                "    at (line 4: parse(\"x\"))",
                "Caused by: java.io.IOException"), TracebackFormatter.thrown(thrown, LINES));
    }

    @Test
    void describesARealExceptionWithItsCauseChain() {
        ThrownDescription description = ThrownDescription.of(new IllegalStateException("outer", new ArithmeticException("inner")));
        assertEquals("java.lang.IllegalStateException", description.className());
        assertEquals("outer", description.message());
        assertEquals("java.lang.ArithmeticException", description.cause().className());
    }

    @Test
    void compileErrorsPointAtTheColumn() {
        String source = "int a = 1;\nint b = a + missing;";
        CompileDiagnostic diagnostic = CompileDiagnostic.locate("cannot find symbol", source, 23, 30, 5);
        assertEquals(new CompileDiagnostic("cannot find symbol", "int b = a + missing;", 6, 12, 7), diagnostic);
        assertEquals(List.of(
                "line 6: error: cannot find symbol",
                "    int b = a + missing;",
                "                ^^^^^^^"), TracebackFormatter.compileErrors(new CompilationException(List.of(diagnostic))));
    }

    @Test
    void diagnosticWithoutPositionPointsAtTheEnd() {
        CompileDiagnostic diagnostic = CompileDiagnostic.locate("reached end of file", "int x = (1", -1, -1, 1);
        assertEquals(1, diagnostic.lineNumber());
        assertEquals(10, diagnostic.column());
        assertEquals(1, diagnostic.length());
    }
}
