package org.tokendrift.kernel.magic;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands the class path globs of {@code %jars}, {@code %classpath} and
 * {@code TOKENDRIFT_KERNEL_CLASSPATH} into files, sorted by path.
 *
 * <p>Globs use {@code /} as separator and the syntax of {@link java.nio.file.FileSystem#getPathMatcher}
 * ({@code *} within one folder, {@code **} across folders, {@code ?}, {@code [ab]}, {@code {a,b}}).
 * As in IJava, a glob ending in {@code /} means every file in that folder. A relative glob is
 * resolved against a base folder: the kernel's working directory, which Jupyter sets to the
 * notebook's folder.
 */
public final class ClasspathGlobs {

    private ClasspathGlobs() {
    }

    /** Splits a list of globs separated by the platform's path separator ({@code :} on Linux). */
    public static List<String> splitList(String globList) {
        List<String> globs = new ArrayList<>();
        for (String glob : globList.split(File.pathSeparator)) {
            if (!glob.isBlank()) {
                globs.add(glob.strip());
            }
        }
        return globs;
    }

    /**
     * Returns the regular files that {@code glob} matches, or an empty list if none does.
     *
     * @param base folder that a relative glob starts from
     */
    public static List<Path> expand(Path base, String glob) {
        String pattern = glob.endsWith("/") ? glob + "*" : glob;
        int firstWildcard = indexOfWildcard(pattern);
        if (firstWildcard < 0) {
            Path file = base.resolve(pattern).normalize();
            return Files.isRegularFile(file) ? List.of(file.toAbsolutePath()) : List.of();
        }
        // Walk from the folder before the first wildcard; match the rest of the glob below it.
        int folderEnd = pattern.lastIndexOf('/', firstWildcard);
        Path root = base.resolve(folderEnd < 0 ? "" : pattern.substring(0, folderEnd + 1)).normalize();
        String rest = pattern.substring(folderEnd + 1);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        int depth = rest.contains("**") ? Integer.MAX_VALUE : rest.split("/").length;
        try (Stream<Path> files = Files.walk(root, depth)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> matcher.matches(root.relativize(file)))
                    .map(Path::toAbsolutePath)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the files matching " + glob, e);
        }
    }

    private static int indexOfWildcard(String glob) {
        for (int i = 0; i < glob.length(); i++) {
            if ("*?[{".indexOf(glob.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
