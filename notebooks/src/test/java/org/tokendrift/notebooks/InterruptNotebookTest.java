package org.tokendrift.notebooks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Jupyter's interrupt stops a running cell and leaves the kernel usable: nbconvert interrupts
 * (interrupt_request message) each cell that exceeds its per-cell timeout, then runs the next cell.
 */
class InterruptNotebookTest {

    @Test
    void interruptStopsBusyAndSleepingCellsAndTheKernelCarriesOn() throws Exception {
        NotebookRunner runner = NotebookRunner.forThisCheckout();
        Notebook executed = runner.execute(TestNotebooks.source(runner, "interrupt.ipynb"),
                TestNotebooks.outputDir(runner), Duration.ofSeconds(15),
                "--ExecutePreprocessor.interrupt_on_timeout=True");

        assertEquals(List.of("cell 1: InterruptedException: The cell was interrupted",
                "cell 2: InterruptedException: The cell was interrupted"), executed.unexpectedErrors());
        assertEquals("still alive", executed.cells().get(2).result("text/plain").orElseThrow().replace("\"", ""));
    }
}
