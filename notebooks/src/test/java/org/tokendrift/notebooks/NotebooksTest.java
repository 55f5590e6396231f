package org.tokendrift.notebooks;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every {@code notebooks/*.ipynb} on the tokendrift-java kernel and fails listing each error
 * output as {@code cell N: ename: evalue}. A notebook opts out with the metadata
 * {@code "tokendrift": {"ci": false, "ci_reason": "..."}}; cells tagged {@code raises-exception}
 * may fail. Executed copies and nbconvert logs: {@code notebooks/target/executed/}.
 */
class NotebooksTest {

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsWithoutErrors() throws IOException {
        NotebookRunner runner = NotebookRunner.forThisCheckout();
        Path folder = runner.root().resolve("notebooks");
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(folder)) {
            notebooks = files.filter(file -> file.toString().endsWith(".ipynb")).sorted().toList();
        }
        return notebooks.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), file.toUri(), () -> {
            Notebook notebook = Notebook.read(file);
            Assumptions.assumeTrue(notebook.runsInCi(), () -> "not run in CI: " + notebook.ciReason());
            Notebook executed = runner.execute(file, folder.resolve("target/executed"),
                    notebook.timeout().orElse(NotebookRunner.defaultTimeout()));
            assertRanWithoutErrors(executed);
        }));
    }

    /** Fails listing every unexpected error output as {@code cell N: ename: evalue}. */
    static void assertRanWithoutErrors(Notebook executed) {
        List<String> errors = executed.unexpectedErrors();
        if (!errors.isEmpty()) {
            fail(executed.file().getFileName() + " has error outputs:\n  " + String.join("\n  ", errors));
        }
    }
}
