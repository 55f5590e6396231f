package org.tokendrift.kernel.magic;

import io.github.spencerpark.jupyter.kernel.magic.common.Load;
import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The line magic {@code %load PATH}: runs a script ({@code .jsh}, {@code .jshell}, {@code .java},
 * {@code .ijava}) or every code cell of a notebook ({@code .ipynb}), with basekernel's {@link Load}.
 * A relative path starts from the kernel's working folder (the notebook's), like the other magics.
 */
public final class LoadMagic {

    private static final List<String> EXTENSIONS = List.of(".jsh", ".jshell", ".java", ".ijava");

    private final Load load;
    private final Path workingDirectory;

    /** @param evaluate evaluates one script, or one notebook cell, as a cell (magics included) */
    public LoadMagic(Load.Executor evaluate, Path workingDirectory) {
        this.load = new Load(EXTENSIONS, evaluate);
        this.workingDirectory = workingDirectory;
    }

    @LineMagic("load")
    public void load(List<String> arguments) throws Exception {
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("%load needs a file, e.g. %load 00-setup.ipynb");
        }
        List<String> resolved = new ArrayList<>(arguments);
        resolved.set(0, workingDirectory.resolve(arguments.get(0)).toString());
        load.load(resolved);
    }
}
