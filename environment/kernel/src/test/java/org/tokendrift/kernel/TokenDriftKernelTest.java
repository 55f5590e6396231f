package org.tokendrift.kernel;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tokendrift.kernel.execution.CompilationException;
import org.tokendrift.kernel.execution.ThrownError;
import org.tokendrift.kernel.execution.UndeclaredReferenceException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evaluates cells with a real kernel in this JVM, without a Jupyter connection: values, errors,
 * magics, rendering and interrupts. One kernel serves all tests (JShell takes a second to start).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenDriftKernelTest {

    @TempDir
    static Path folder;

    private TokenDriftKernel kernel;

    @BeforeAll
    void startKernel() {
        kernel = new TokenDriftKernel(KernelOptions.from(Map.of()), folder);
        kernel.runStartup();
    }

    private String text(String cell) throws Exception {
        DisplayData data = kernel.eval(cell);
        return data == null ? null : (String) data.getData(MIMEType.TEXT_PLAIN);
    }

    @Test
    void lastExpressionIsTheCellValue() throws Exception {
        assertEquals("6", text("int a = 2;\nint b = 3;\na * b"));
    }

    @Test
    void cellEndingWithAStatementHasNoValue() throws Exception {
        // Statements lose their result key in JShell; the kernel must not look it up.
        assertNull(kernel.eval("for (int i = 0; i < 2; i++) { }\nSystem.out.print(\"\");"));
    }

    @Test
    void semicolonAfterTheLastExpressionHidesItsValue() throws Exception {
        assertNull(kernel.eval("List<Integer> numbers = new ArrayList<>();\nnumbers.add(1);"));
        assertEquals("true", text("numbers.add(2)"));
    }

    @Test
    void completionAndCompletenessComeFromJShell() {
        assertTrue(kernel.complete("Strin", 5).getReplacements().contains("String"));
        assertEquals("complete", kernel.isComplete("int x = 1;"));
        assertEquals("    ", kernel.isComplete("for (int i = 0; i < 3; i++) {"));
    }

    @Test
    void defaultImportsAreAvailable() throws Exception {
        assertEquals("[1, 2]", text("List.of(1, 2)"));
    }

    @Test
    void userExceptionKeepsItsClassAndMessage() throws Exception {
        NumberFormatException error = assertThrows(NumberFormatException.class,
                () -> kernel.eval("int n = 1;\nInteger.parseInt(\"nope\")"));
        assertEquals("For input string: \"nope\"", error.getMessage());
        List<String> traceback = kernel.formatError(error);
        assertEquals("java.lang.NumberFormatException: For input string: \"nope\"", traceback.get(0));
        assertTrue(traceback.contains("    at (line 2: Integer.parseInt(\"nope\"))"), traceback.toString());
        assertTrue(traceback.stream().noneMatch(line -> line.contains("org.tokendrift.kernel")), traceback.toString());
    }

    @Test
    void errorsThatAreNotExceptionsAreCarried() {
        ThrownError error = assertThrows(ThrownError.class, () -> kernel.eval("throw new AssertionError(\"boom\");"));
        assertEquals("java.lang.AssertionError: boom", error.getMessage());
    }

    @Test
    void callingAMethodThatUsesSomethingUndeclaredNamesIt() throws Exception {
        assertNull(kernel.eval("int usesLater() { return declaredLater(); }"));
        UndeclaredReferenceException error = assertThrows(UndeclaredReferenceException.class, () -> kernel.eval("usesLater()"));
        assertEquals("method usesLater() cannot be used until method declaredLater() is declared", error.getMessage());
    }

    @Test
    void compileErrorShowsDiagnosticWithCaret() {
        CompilationException error = assertThrows(CompilationException.class,
                () -> kernel.eval("int x = 1;\nint y = undefinedName + 1;"));
        List<String> traceback = kernel.formatError(error);
        assertTrue(traceback.get(0).startsWith("line 2: error: cannot find symbol"), traceback.toString());
        assertEquals("    int y = undefinedName + 1;", traceback.get(traceback.size() - 2));
        assertEquals("            ^^^^^^^^^^^^^", traceback.get(traceback.size() - 1));
    }

    @Test
    @Timeout(30)
    void interruptStopsALoopThatNeverChecksForInterrupts() throws Exception {
        CompletableFuture<Exception> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                kernel.eval("long spins = 0;\nwhile (true) { spins++; }");
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        Thread.sleep(1_500);
        kernel.interrupt();
        assertInstanceOf(InterruptedException.class, outcome.get());
        assertEquals("2", text("1 + 1"), "the kernel keeps working after an interrupt");
    }

    @Test
    void startupOptionsPrepareTheKernelAndTimeoutStopsLongStatements() throws Exception {
        TestJars.greeterJar(folder.resolve("startup-lib"));
        Files.writeString(folder.resolve("startup.jshell"), "String greeting = new demo.Greeter().greet();");
        TokenDriftKernel prepared = new TokenDriftKernel(KernelOptions.from(Map.of(
                "TOKENDRIFT_KERNEL_CLASSPATH", "startup-lib/*.jar",
                "TOKENDRIFT_KERNEL_STARTUP_SCRIPTS_PATH", "*.jshell",
                "TOKENDRIFT_KERNEL_STARTUP_SCRIPT", "String shout = greeting.toUpperCase();",
                "TOKENDRIFT_KERNEL_TIMEOUT", "300")), folder);
        try {
            prepared.startInBackground(); // eval waits for it
            DisplayData shout = prepared.eval("shout");
            assertEquals("HELLO FROM A JAR", shout.getData(MIMEType.TEXT_PLAIN));
            assertThrows(TimeoutException.class, () -> prepared.eval("Thread.sleep(20_000);"));
        } finally {
            prepared.onShutdown(false);
            org.tokendrift.kernel.runtime.Kernel.attach(kernel);
        }
    }

    @Test
    void loadRunsAScriptFile() throws Exception {
        Files.writeString(folder.resolve("helper.jsh"), "int loadedValue = 41;\nint plusOne(int x) { return x + 1; }\n");
        assertNull(kernel.eval("%load helper.jsh"));
        assertEquals("42", text("plusOne(loadedValue)"));
    }

    @Test
    void jarsMagicAddsMatchingJarsToTheClassPath() throws Exception {
        Path jar = TestJars.greeterJar(folder.resolve("lib"));
        assertEquals("[" + jar + "]", text("List<String> added = %jars lib/*.jar\nadded"));
        assertEquals("hello from a jar", text("new demo.Greeter().greet()"));
    }

    @Test
    void jarsMagicWithoutMatchNamesTheGlob() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> kernel.eval("%jars no-such-folder/*.jar"));
        assertTrue(error.getMessage().contains("no file matches 'no-such-folder/*.jar'"), error.getMessage());
    }

    @Test
    void chartValueIsShownAsPng() throws Exception {
        DisplayData data = kernel.eval("""
                var chart = new org.knowm.xchart.XYChartBuilder().width(200).height(120).build();
                chart.addSeries("y", new double[] {0, 1, 2}, new double[] {1, 3, 2});
                chart""");
        String png = (String) data.getData(MIMEType.IMAGE_PNG);
        assertTrue(png != null && png.startsWith("iVBORw0KGgo"), "expected base64 PNG data, got " + data);
    }

    @Test
    void tableValueIsShownAsHtml() throws Exception {
        DisplayData data = kernel.eval("""
                tech.tablesaw.api.Table.create("scores",
                        tech.tablesaw.api.StringColumn.create("name", "a<b", "c"),
                        tech.tablesaw.api.DoubleColumn.create("score", 1.5, 2.0))""");
        String html = (String) data.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<table>") && html.contains("<td>a&lt;b</td>"), html);
    }
}
