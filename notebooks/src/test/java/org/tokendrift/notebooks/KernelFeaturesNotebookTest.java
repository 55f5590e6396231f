package org.tokendrift.notebooks;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tokendrift.notebooks.Notebook.Cell;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Executes {@code kernel-features.ipynb} through Jupyter and checks each cell's outputs: MIME types
 * of rich values, streams, display, the magics, and how errors are reported.
 */
class KernelFeaturesNotebookTest {

    private static List<Cell> cells;

    @BeforeAll
    static void executeNotebook() throws Exception {
        NotebookRunner runner = NotebookRunner.forThisCheckout();
        Notebook executed = runner.execute(TestNotebooks.source(runner, "kernel-features.ipynb"),
                TestNotebooks.outputDir(runner), Duration.ofMinutes(10));
        NotebooksTest.assertRanWithoutErrors(executed);
        cells = executed.cells();
    }

    private static Cell cell(int number) {
        return cells.get(number - 1);
    }

    private static String png(String base64) {
        return base64.strip().substring(0, 11);
    }

    @Test
    void jarsMagicLoadsTheToolkitAndItsLibraries() {
        assertEquals(List.of(), cell(2).outputs("execute_result"), "a magic on its own line shows no value");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                cell(3).result("text/plain").orElseThrow().replace("\"", ""));
    }

    @Test
    void chartAsLastValueIsAPng() {
        assertEquals("iVBORw0KGgo", png(cell(4).result("image/png").orElseThrow()));
    }

    @Test
    void tableAsLastValueIsHtml() {
        String html = cell(5).result("text/html").orElseThrow();
        assertTrue(html.contains("<table") && html.contains("<td>duo</td>") && html.contains("<td>37.25</td>"), html);
    }

    @Test
    void stdoutAndStderrAreSeparateStreams() {
        assertEquals("to stdout\n", cell(6).stream("stdout"));
        assertEquals("to stderr\n", cell(6).stream("stderr"));
    }

    @Test
    void displayPublishesDisplayData() {
        assertEquals("<b>shown by display</b>", cell(7).displayed("text/html").orElseThrow());
        assertEquals(List.of(), cell(7).outputs("execute_result"));
    }

    @Test
    void loadRunsAScriptNextToTheNotebook() {
        assertEquals("42", cell(8).result("text/plain").orElseThrow());
    }

    @Test
    void mavenResolvesTheArtifactWithItsDependencies() {
        assertEquals("[commons-lang3-3.12.0.jar, commons-text-1.10.0.jar]", cell(9).result("text/plain").orElseThrow());
        assertEquals("Drifting Tokens", cell(10).result("text/plain").orElseThrow().replace("\"", ""));
    }

    @Test
    void runtimeErrorNamesTheUserExceptionClass() {
        JsonObject error = cell(11).outputs("error").get(0);
        assertEquals("NumberFormatException", error.get("ename").getAsString());
        assertEquals("For input string: \"not a number\"", error.get("evalue").getAsString());
        String traceback = error.getAsJsonArray("traceback").toString();
        assertTrue(traceback.contains("java.lang.NumberFormatException") && traceback.contains("line 1: Integer.parseInt"),
                traceback);
    }

    @Test
    void compileErrorShowsTheDiagnostic() {
        JsonObject error = cell(12).outputs("error").get(0);
        assertEquals("CompilationException", error.get("ename").getAsString());
        assertTrue(error.get("evalue").getAsString().startsWith("incompatible types"), error.toString());
        assertTrue(error.getAsJsonArray("traceback").toString().contains("int wrong = \\\"text\\\";"), error.toString());
    }

    @Test
    void htmlCellMagicDisplaysItsBody() {
        assertEquals("<i>from a cell magic</i>", cell(13).displayed("text/html").orElseThrow());
    }

    @Test
    void updateDisplayReplacesAnEarlierDisplay() {
        assertEquals("second version", cell(15).displayed("text/plain").orElseThrow());
    }

    @Test
    void renderAsksForAMimeType() {
        assertEquals("<i>rendered</i>", cell(16).result("text/html").orElseThrow());
    }

    @Test
    void toolkitViewsRenderOnTheKernel() {
        assertEquals("iVBORw0KGgo", png(cell(14).displayed("image/png").orElseThrow()));
        assertTrue(cell(14).result("text/html").orElseThrow().contains("<caption>scores (2 rows, 2 columns)</caption>"));
    }
}
