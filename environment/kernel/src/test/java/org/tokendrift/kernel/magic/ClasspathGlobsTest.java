package org.tokendrift.kernel.magic;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClasspathGlobsTest {

    @TempDir
    Path root;

    private Path notebooks;

    @BeforeEach
    void createTree() throws IOException {
        notebooks = Files.createDirectories(root.resolve("notebooks"));
        for (String file : List.of("toolkit/target/app.jar", "toolkit/target/lib/b.jar", "toolkit/target/lib/a.jar",
                "toolkit/target/lib/notes.txt", "toolkit/target/lib/nested/c.jar")) {
            Files.createDirectories(root.resolve(file).getParent());
            Files.writeString(root.resolve(file), "x");
        }
    }

    private List<String> names(String glob) {
        return ClasspathGlobs.expand(notebooks, glob).stream().map(p -> root.relativize(p).toString()).toList();
    }

    @Test
    void starMatchesWithinOneFolderSorted() {
        assertEquals(List.of("toolkit/target/lib/a.jar", "toolkit/target/lib/b.jar"), names("../toolkit/target/lib/*.jar"));
    }

    @Test
    void plainPathMatchesThatFile() {
        assertEquals(List.of("toolkit/target/app.jar"), names("../toolkit/target/app.jar"));
    }

    @Test
    void trailingSlashMeansEveryFileInTheFolder() {
        assertEquals(List.of("toolkit/target/lib/a.jar", "toolkit/target/lib/b.jar", "toolkit/target/lib/notes.txt"),
                names("../toolkit/target/lib/"));
    }

    @Test
    void doubleStarCrossesFolders() {
        assertEquals(List.of("toolkit/target/lib/nested/c.jar"), names("../toolkit/target/lib/**/*.jar"));
    }

    @Test
    void absoluteGlobIgnoresTheBase() {
        assertEquals(List.of("toolkit/target/lib/a.jar"), names(root + "/toolkit/target/lib/a*.jar"));
    }

    @Test
    void missingFolderOrFileMatchesNothing() {
        assertEquals(List.of(), names("../nowhere/*.jar"));
        assertEquals(List.of(), names("../toolkit/target/missing.jar"));
    }

    @Test
    void listIsSplitOnThePathSeparator() {
        assertEquals(List.of("a/*.jar", "b.jar"), ClasspathGlobs.splitList(" a/*.jar :: b.jar "));
    }
}
