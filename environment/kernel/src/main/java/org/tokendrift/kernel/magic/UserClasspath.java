package org.tokendrift.kernel.magic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The jars and class folders added to the kernel at run time, in the order they were added.
 * Adding an entry twice (a setup notebook loaded again, say) is a no-op.
 */
public final class UserClasspath {

    private final Consumer<String> addToShell;
    private final Set<Path> entries = new LinkedHashSet<>();

    /** @param addToShell adds one path to both JShell's compiler class path and its class loader */
    public UserClasspath(Consumer<String> addToShell) {
        this.addToShell = addToShell;
    }

    /** Adds each path not added before; returns the paths that were new, as absolute strings. */
    public synchronized List<String> addAll(List<Path> paths) {
        List<String> added = new ArrayList<>();
        for (Path path : paths) {
            Path absolute = path.toAbsolutePath().normalize();
            if (entries.add(absolute)) {
                addToShell.accept(absolute.toString());
                added.add(absolute.toString());
            }
        }
        return added;
    }

    public synchronized List<Path> entries() {
        return List.copyOf(entries);
    }
}
