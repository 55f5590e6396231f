package org.tokendrift.notebooks;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The project's notebooks must also run on a real IJava 1.3 (not available here to run them). */
class IJavaCompatibilityTest {

    @TestFactory
    Stream<DynamicTest> projectNotebooksUseOnlyPortableFeatures() throws IOException {
        Path folder = Path.of(System.getProperty("tokendrift.root", "..")).resolve("notebooks");
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".ipynb")).sorted().toList().stream()
                    .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () ->
                            assertEquals(List.of(), IJavaCompatibility.problems(Notebook.read(file)),
                                    file.getFileName() + " uses features IJava lacks")));
        }
    }

    @Test
    void nonPortableFeaturesAreReported(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("x.ipynb");
        Files.writeString(file, """
                {"cells": [
                  {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["%jars lib/*.jar\\n", "%load 00-setup\\n", "%maven g:a:1"]},
                  {"cell_type": "markdown", "metadata": {}, "source": "%maven in prose is fine"},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "source": "%%html\\n<b>x</b>"},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "source": "display(chart);\\ngetKernelInstance().getRenderer();"}
                ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""");

        assertEquals(List.of(
                "cell 1: %load needs the file's extension (.ipynb, .jsh, .jshell or .java): %load 00-setup",
                "cell 1: %maven is not one of %jars, %classpath, %load",
                "cell 3: cell magic %%html is not portable",
                "cell 4: uses kernel-specific getKernelInstance: getKernelInstance().getRenderer();"),
                IJavaCompatibility.problems(Notebook.read(file)));
    }
}
