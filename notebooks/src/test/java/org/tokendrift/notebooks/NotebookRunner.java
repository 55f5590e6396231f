package org.tokendrift.notebooks;

import org.tokendrift.kernel.KernelSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Executes notebooks the way CI does: {@code jupyter nbconvert --execute} on the tokendrift-java
 * kernel, with {@code TOKENDRIFT_QUICK=1}. The kernel spec is written under
 * {@code notebooks/target/jupyter} and found through {@code JUPYTER_PATH}, so no prior
 * environment/setup.sh run is needed, only jupyter-nbconvert (apt) and the packaged jars.
 */
public final class NotebookRunner {

    /** Extra time nbconvert gets beyond the notebook's limit to report a cell timeout itself. */
    private static final Duration GRACE = Duration.ofSeconds(60);

    private final Path root;
    private final Path jupyterDir;

    private NotebookRunner(Path root, Path jupyterDir) {
        this.root = root;
        this.jupyterDir = jupyterDir;
    }

    /**
     * The runner for this checkout: checks that the jars are built and writes the kernel spec.
     *
     * @throws IllegalStateException naming what to build when a jar is missing
     */
    public static NotebookRunner forThisCheckout() throws IOException {
        Path root = Path.of(System.getProperty("tokendrift.root", "..")).toAbsolutePath().normalize();
        Path kernelJar = requireFile(root.resolve("environment/kernel/target/tokendrift-kernel.jar"));
        requireFile(root.resolve("toolkit/target/tokendrift-toolkit.jar"));
        Path jupyterDir = root.resolve("notebooks/target/jupyter");
        KernelSpec.forThisJvm(List.of("-Xmx4g"), kernelJar, Map.of()).installInto(jupyterDir);
        return new NotebookRunner(root, jupyterDir);
    }

    /** The checkout's root folder. */
    public Path root() {
        return root;
    }

    /** Default time limit of one notebook: system property {@code notebook.timeout.seconds}. */
    public static Duration defaultTimeout() {
        return Duration.ofSeconds(Long.getLong("notebook.timeout.seconds", 900));
    }

    /**
     * Executes {@code notebook} with every cell run even after a failure ({@code --allow-errors}),
     * writes the executed copy into {@code outputDir} and returns it.
     *
     * @param timeout      limit for the whole notebook, also nbconvert's limit per cell
     * @param extraOptions more nbconvert options, e.g. {@code --ExecutePreprocessor.interrupt_on_timeout=True}
     * @throws IllegalStateException if nbconvert fails (kernel died, cell timed out...) or is missing
     */
    public Notebook execute(Path notebook, Path outputDir, Duration timeout, String... extraOptions)
            throws IOException, InterruptedException {
        Files.createDirectories(outputDir);
        String name = notebook.getFileName().toString();
        Path log = outputDir.resolve(name.replaceFirst("\\.ipynb$", ".log"));

        List<String> command = new ArrayList<>(List.of("jupyter", "nbconvert", "--to", "notebook", "--execute",
                "--allow-errors", "--ExecutePreprocessor.kernel_name=" + KernelSpec.NAME,
                "--ExecutePreprocessor.timeout=" + timeout.toSeconds(), "--output-dir", outputDir.toString()));
        command.addAll(List.of(extraOptions));
        command.add(notebook.toString());

        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JUPYTER_PATH", jupyterDir.toString());
        builder.environment().put("TOKENDRIFT_QUICK", "1");
        builder.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        Process process = start(builder);
        if (!process.waitFor(timeout.plus(GRACE).toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(name + " did not finish within " + timeout.plus(GRACE).toSeconds()
                    + " s and was killed; log: " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("nbconvert failed on " + name + " (exit code " + process.exitValue()
                    + "); last lines of " + log + ":\n" + tail(log, 15));
        }
        return Notebook.read(outputDir.resolve(name));
    }

    private static Process start(ProcessBuilder builder) throws IOException {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run 'jupyter nbconvert': install it with "
                    + "'apt-get install --no-install-recommends jupyter-nbconvert' (environment/setup.sh does)", e);
        }
    }

    private static Path requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Missing " + file + ": build the jars first with 'mvn verify' "
                    + "from the project root (or 'mvn package -DskipTests -pl toolkit,environment/kernel')");
        }
        return file;
    }

    private static String tail(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
