package org.tokendrift.kernel.magic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resolves from a small Maven repository made on disk, so the test needs no network. */
class MavenResolverTest {

    @TempDir
    Path folder;

    private void publish(Path repository, String artifact, String version, String dependencies) throws IOException {
        Path dir = Files.createDirectories(repository.resolve("org/example/" + artifact + "/" + version));
        Files.writeString(dir.resolve(artifact + "-" + version + ".pom"), """
                <project><modelVersion>4.0.0</modelVersion>
                  <groupId>org.example</groupId><artifactId>%s</artifactId><version>%s</version>
                  <dependencies>%s</dependencies>
                </project>""".formatted(artifact, version, dependencies));
        Files.writeString(dir.resolve(artifact + "-" + version + ".jar"), "not really a jar");
    }

    @Test
    void resolvesTheArtifactWithItsRuntimeDependencies() throws Exception {
        Path repository = folder.resolve("repository");
        publish(repository, "lib", "2.0", "");
        publish(repository, "tool", "3.0", "");
        publish(repository, "app", "1.0", """
                <dependency><groupId>org.example</groupId><artifactId>lib</artifactId><version>2.0</version></dependency>
                <dependency><groupId>org.example</groupId><artifactId>tool</artifactId><version>3.0</version>
                  <scope>test</scope></dependency>""");
        MavenResolver resolver = new MavenResolver(folder.resolve("cache"), List.of(repository.toUri().toString()));

        List<String> jars = resolver.resolve(List.of(MavenCoordinate.parse("org.example:app:1.0"))).stream()
                .map(path -> path.getFileName().toString()).sorted().toList();

        assertEquals(List.of("app-1.0.jar", "lib-2.0.jar"), jars);
    }

    @Test
    void unknownArtifactFailsNamingIt() {
        MavenResolver resolver = new MavenResolver(folder.resolve("cache"),
                List.of(folder.resolve("empty-repository").toUri().toString()));
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> resolver.resolve(List.of(MavenCoordinate.parse("org.example:missing:9.9"))));
        assertTrue(error.getMessage().contains("org.example:missing"), error.getMessage());
    }
}
