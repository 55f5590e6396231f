package org.tokendrift.notebooks;

import java.nio.file.Path;

/** Where the harness's own test notebooks live and where their executed copies go. */
final class TestNotebooks {

    private TestNotebooks() {
    }

    /** Run in place, so that their relative paths ({@code %jars ../../../../../toolkit/...}) hold. */
    static Path source(NotebookRunner runner, String name) {
        return runner.root().resolve("notebooks/src/test/resources/notebooks").resolve(name);
    }

    static Path outputDir(NotebookRunner runner) {
        return runner.root().resolve("notebooks/target/executed-test-notebooks");
    }
}
