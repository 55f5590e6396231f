package org.tokendrift.notebooks;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness must catch a notebook whose cells fail, and say which cells and why. */
class BrokenNotebookTest {

    @Test
    void failingCellsAreListedAndFailTheCheck() throws Exception {
        NotebookRunner runner = NotebookRunner.forThisCheckout();
        Notebook executed = runner.execute(TestNotebooks.source(runner, "broken.ipynb"),
                TestNotebooks.outputDir(runner), Duration.ofMinutes(5));

        List<String> errors = executed.unexpectedErrors();
        assertEquals(2, errors.size(), errors.toString());
        assertEquals("cell 2: NumberFormatException: For input string: \"nope\"", errors.get(0));
        assertTrue(errors.get(1).startsWith("cell 3: CompilationException: cannot find symbol"), errors.get(1));

        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> NotebooksTest.assertRanWithoutErrors(executed));
        assertTrue(failure.getMessage().contains("cell 2: NumberFormatException"), failure.getMessage());
    }
}
