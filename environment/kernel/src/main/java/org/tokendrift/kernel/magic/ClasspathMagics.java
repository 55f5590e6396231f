package org.tokendrift.kernel.magic;

import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The line magics {@code %jars} and {@code %classpath}, with IJava's behaviour: each argument is a
 * glob ({@link ClasspathGlobs}); {@code %classpath} also accepts a class folder. Both return the
 * absolute paths they added. A glob that matches nothing is an error, so that a wrong path or a
 * missing build fails in the cell that names it rather than later with "cannot find symbol".
 */
public final class ClasspathMagics {

    private final UserClasspath classpath;
    private final Path workingDirectory;

    public ClasspathMagics(UserClasspath classpath, Path workingDirectory) {
        this.classpath = classpath;
        this.workingDirectory = workingDirectory;
    }

    @LineMagic("jars")
    public List<String> jars(List<String> globs) {
        requireArguments("jars", globs);
        List<Path> files = new ArrayList<>();
        for (String glob : globs) {
            files.addAll(matching("jars", glob));
        }
        return classpath.addAll(files);
    }

    @LineMagic("classpath")
    public List<String> classpath(List<String> entries) {
        requireArguments("classpath", entries);
        List<Path> paths = new ArrayList<>();
        for (String entry : entries) {
            Path folder = workingDirectory.resolve(entry);
            boolean classFolder = !entry.endsWith("/") && Files.isDirectory(folder);
            paths.addAll(classFolder ? List.of(folder) : matching("classpath", entry));
        }
        return classpath.addAll(paths);
    }

    private List<Path> matching(String magic, String glob) {
        List<Path> files = ClasspathGlobs.expand(workingDirectory, glob);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("%" + magic + ": no file matches '" + glob + "' (relative to "
                    + workingDirectory + "). Check the path, or build the jars first (environment/setup.sh).");
        }
        return files;
    }

    private static void requireArguments(String magic, List<String> arguments) {
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("%" + magic + " needs at least one path or glob, e.g. %"
                    + magic + " lib/*.jar");
        }
    }
}
