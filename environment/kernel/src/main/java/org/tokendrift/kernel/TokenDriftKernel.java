package org.tokendrift.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.magic.common.DisplayMagics;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import org.tokendrift.kernel.errors.ThrownDescription;
import org.tokendrift.kernel.errors.TracebackFormatter;
import org.tokendrift.kernel.execution.CellEvaluator;
import org.tokendrift.kernel.execution.CompilationException;
import org.tokendrift.kernel.execution.Evaluation;
import org.tokendrift.kernel.execution.InProcessExecutionControl;
import org.tokendrift.kernel.execution.InProcessExecutionProvider;
import org.tokendrift.kernel.execution.StopCause;
import org.tokendrift.kernel.execution.UndeclaredReferenceException;
import org.tokendrift.kernel.magic.ClasspathGlobs;
import org.tokendrift.kernel.magic.ClasspathMagics;
import org.tokendrift.kernel.magic.LoadMagic;
import org.tokendrift.kernel.magic.MagicTranspiler;
import org.tokendrift.kernel.magic.MavenMagics;
import org.tokendrift.kernel.magic.MavenResolver;
import org.tokendrift.kernel.magic.UserClasspath;
import org.tokendrift.kernel.render.KernelRenderer;
import org.tokendrift.kernel.runtime.Kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The TokenDrift Java kernel: cells are Java code run by JShell inside this JVM, so their values are
 * live objects the kernel renders (charts as images, tables as HTML, see {@link KernelRenderer}).
 *
 * <p>IJava-compatible: the magics {@code %jars}, {@code %classpath}, {@code %maven},
 * {@code %mavenRepo}, {@code %load} (scripts and notebooks) and basekernel's {@code %%html}, {@code %%markdown},
 * {@code %%svg}, {@code %%latex}, {@code %%javascript}; and the statics {@code display},
 * {@code render}, {@code updateDisplay} and {@code getKernelInstance} in every cell.
 */
public final class TokenDriftKernel extends BaseKernel {

    private static final String STARTUP_RESOURCE = "startup.jshell";

    private final KernelOptions options;
    private final Path workingDirectory;
    private final InProcessExecutionControl control;
    private final JShell shell;
    private final CellEvaluator evaluator;
    private final MagicTranspiler transpiler = new MagicTranspiler();
    private final Magics magics = new Magics();
    private final UserClasspath classpath;
    /** Completes when the startup steps are done; cells wait for it (see {@link #startInBackground()}). */
    private volatile CompletableFuture<Void> startup = CompletableFuture.completedFuture(null);

    /** @param workingDirectory the folder relative paths in magics start from (the notebook's) */
    public TokenDriftKernel(KernelOptions options, Path workingDirectory) {
        super(StandardCharsets.UTF_8);
        this.options = options;
        this.workingDirectory = workingDirectory;
        this.renderer = KernelRenderer.withLibraryRenderers();
        this.control = new InProcessExecutionControl(options.timeout(), KernelLog::warn);
        this.shell = JShell.builder()
                .executionEngine(new InProcessExecutionProvider(control), Map.of())
                .compilerOptions(options.compilerOptions().toArray(String[]::new))
                .build();
        this.evaluator = new CellEvaluator(shell, control);
        this.classpath = new UserClasspath(shell::addToClasspath);

        Path localMavenRepository = Path.of(System.getProperty("user.home"), ".m2", "repository");
        magics.registerMagics(new ClasspathMagics(classpath, workingDirectory));
        magics.registerMagics(new MavenMagics(MavenResolver.localThenCentral(options.mavenCache(), localMavenRepository), classpath));
        magics.registerMagics(new LoadMagic(code -> evaluator.evaluate(transpiler.transpile(code)), workingDirectory));
        magics.registerMagics(new DisplayMagics(renderer, getIO().display));
        Kernel.attach(this);
    }

    /**
     * Runs the default imports, then the options' class path, startup scripts and startup code, in
     * that order. A failing step is logged (there is no cell to show it in) and the others still run.
     */
    public void runStartup() {
        long start = System.nanoTime();
        runStartupStep("default imports", this::defaultImports);
        for (String glob : options.classpath()) {
            runStartupStep(KernelOptions.PREFIX + "CLASSPATH entry " + glob,
                    () -> classpath.addAll(matchingFiles(glob)));
        }
        for (String glob : options.startupScripts()) {
            runStartupStep(KernelOptions.PREFIX + "STARTUP_SCRIPTS_PATH entry " + glob, () -> {
                for (Path script : matchingFiles(glob)) {
                    runStartupStep("startup script " + script, () -> evaluateAsCell(Files.readString(script)));
                }
            });
        }
        if (!options.startupScript().isBlank()) {
            runStartupStep(KernelOptions.PREFIX + "STARTUP_SCRIPT", () -> evaluateAsCell(options.startupScript()));
        }
        KernelLog.info("Startup took " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /**
     * Runs {@link #runStartup()} on another thread, so that JShell warms up while the kernel connects
     * to Jupyter; requests that need JShell wait for it.
     */
    public void startInBackground() {
        startup = CompletableFuture.runAsync(this::runStartup, runnable -> {
            Thread thread = new Thread(runnable, "tokendrift-startup");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** The magics registry that {@code lineMagic}/{@code cellMagic} calls in cells go through. */
    public Magics magics() {
        return magics;
    }

    /** The jars and folders added with magics or {@code TOKENDRIFT_KERNEL_CLASSPATH}. */
    public List<Path> userClasspath() {
        return classpath.entries();
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        startup.join();
        Evaluation result = evaluateAsCell(code);
        if (!result.hasValue()) {
            return null;
        }
        return result.value() instanceof DisplayData data ? data : renderer.render(result.value());
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return new LanguageInfo.Builder("Java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("java")
                .build();
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " (TokenDrift kernel, JShell in process)";
    }

    @Override
    public String isComplete(String code) {
        startup.join();
        Completeness completeness = shell.sourceCodeAnalysis().analyzeCompletion(transpiler.transpile(code)).completeness();
        return switch (completeness) {
            case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> "    ";
            case UNKNOWN -> IS_COMPLETE_BAD;
        };
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        startup.join();
        int[] anchor = new int[1];
        List<String> options = shell.sourceCodeAnalysis().completionSuggestions(code, at, anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .toList();
        return options.isEmpty() ? null : new ReplacementOptions(options, anchor[0], at);
    }

    @Override
    public List<String> formatError(Exception error) {
        if (error instanceof CompilationException compilation) {
            return TracebackFormatter.compileErrors(compilation);
        }
        Optional<ThrownDescription> thrown = evaluator.describeIfThrownByCell(error);
        if (thrown.isPresent()) {
            return TracebackFormatter.thrown(thrown.get(), evaluator);
        }
        if (error instanceof InterruptedException || error instanceof TimeoutException
                || error instanceof UndeclaredReferenceException) {
            return List.of(error.getClass().getName() + ": " + error.getMessage());
        }
        return TracebackFormatter.other(error);
    }

    /** Called on Jupyter's interrupt_request (and SIGINT): stops the running cell. */
    @Override
    public void interrupt() {
        control.stopAll(StopCause.INTERRUPTED);
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        shell.close();
    }

    private Evaluation evaluateAsCell(String code) throws Exception {
        control.beginCell();
        try {
            return evaluator.evaluate(transpiler.transpile(code));
        } finally {
            control.endCell();
        }
    }

    private List<Path> matchingFiles(String glob) {
        List<Path> files = ClasspathGlobs.expand(workingDirectory, glob);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no file matches '" + glob + "' (relative to " + workingDirectory + ")");
        }
        return files;
    }

    private void defaultImports() throws Exception {
        try (InputStream in = TokenDriftKernel.class.getResourceAsStream(STARTUP_RESOURCE)) {
            if (in == null) {
                throw new IOException("The kernel jar lacks its resource " + STARTUP_RESOURCE);
            }
            evaluateAsCell(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private void runStartupStep(String what, StartupStep step) {
        try {
            step.run();
        } catch (Exception e) {
            KernelLog.warn("Startup: " + what + " failed: " + String.join("\n", formatError(e)));
        }
    }

    @FunctionalInterface
    private interface StartupStep {
        void run() throws Exception;
    }
}
