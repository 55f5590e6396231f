package org.tokendrift.kernel;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Builds a small jar for tests: class {@code demo.Greeter} with {@code greet()}. */
final class TestJars {

    private TestJars() {
    }

    static Path greeterJar(Path folder) throws IOException {
        Path sources = Files.createDirectories(folder.resolve("src/demo"));
        Path source = Files.writeString(sources.resolve("Greeter.java"),
                "package demo; public class Greeter { public String greet() { return \"hello from a jar\"; } }");
        Path classes = Files.createDirectories(folder.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(), source.toString());
        if (status != 0) {
            throw new IllegalStateException("javac failed with status " + status);
        }
        Path jar = folder.resolve("greeter.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("demo/Greeter.class"));
            try (OutputStream entry = new java.io.FilterOutputStream(out) {
                @Override
                public void close() {
                    // keep the jar stream open
                }
            }) {
                Files.copy(classes.resolve("demo/Greeter.class"), entry);
            }
            out.closeEntry();
        }
        return jar.toAbsolutePath();
    }
}
