package org.tokendrift.kernel;

import com.google.gson.GsonBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Jupyter kernel spec (kernel.json) that starts this kernel. environment/setup.sh and the
 * notebook test harness both write it through this class, so there is one definition.
 *
 * <p>Run as {@code java -cp tokendrift-kernel.jar org.tokendrift.kernel.KernelSpec JUPYTER_DIR
 * [JVM_OPTION...]} to write {@code JUPYTER_DIR/kernels/tokendrift-java/kernel.json}; the kernel then
 * runs with the same {@code java} that ran this command.
 *
 * @param java       absolute path of the java launcher (a JDK: JShell needs jdk.jshell)
 * @param jvmOptions options placed before {@code -jar}, e.g. {@code -Xmx4g}
 * @param kernelJar  absolute path of the shaded kernel jar
 * @param env        environment for the kernel, e.g. {@code TOKENDRIFT_KERNEL_CLASSPATH}
 */
public record KernelSpec(Path java, List<String> jvmOptions, Path kernelJar, Map<String, String> env) {

    /** Not "java", so that it never replaces a real IJava installation's spec. */
    public static final String NAME = "tokendrift-java";

    /**
     * Environment every spec written by {@link #forThisJvm} gives the kernel.
     * {@code OMP_WAIT_POLICY=PASSIVE}: ND4J's OpenMP threads sleep instead of spinning between the
     * many tiny operations of a notebook cell; spinning threads took about half the CPU of a
     * 2-core machine (notebook 03 ran about twice as long without it).
     */
    public static final Map<String, String> DEFAULT_ENV = Map.of("OMP_WAIT_POLICY", "PASSIVE");

    /** Spec for the JVM running this code, with {@link #DEFAULT_ENV} under {@code env} (an entry of {@code env} wins). */
    public static KernelSpec forThisJvm(List<String> jvmOptions, Path kernelJar, Map<String, String> env) {
        Map<String, String> merged = new TreeMap<>(DEFAULT_ENV);
        merged.putAll(env);
        return new KernelSpec(Path.of(System.getProperty("java.home"), "bin", "java"), jvmOptions,
                kernelJar.toAbsolutePath().normalize(), merged);
    }

    /** kernel.json's content. */
    public String toJson() {
        List<String> argv = new ArrayList<>();
        argv.add(java.toString());
        argv.addAll(jvmOptions);
        argv.add("-Djava.awt.headless=true");
        argv.addAll(List.of("-jar", kernelJar.toString(), "{connection_file}"));

        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv);
        spec.put("display_name", "Java " + Runtime.version().feature() + " (TokenDrift)");
        spec.put("language", "java");
        // Interrupts arrive as interrupt_request messages; the kernel also handles SIGINT.
        spec.put("interrupt_mode", "message");
        spec.put("env", env);
        spec.put("metadata", Map.of("debugger", false));
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n";
    }

    /**
     * Writes kernel.json into {@code jupyterDir/kernels/tokendrift-java/}, a folder that Jupyter
     * searches when {@code jupyterDir} is on {@code JUPYTER_PATH} (or is Jupyter's user data folder).
     *
     * @return the file written
     */
    public Path installInto(Path jupyterDir) throws IOException {
        Path folder = Files.createDirectories(jupyterDir.resolve("kernels").resolve(NAME));
        return Files.writeString(folder.resolve("kernel.json"), toJson());
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("Usage: java -cp tokendrift-kernel.jar " + KernelSpec.class.getName()
                    + " JUPYTER_DIR [JVM_OPTION...]");
            System.exit(2);
        }
        Path kernelJar = Path.of(KernelSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> jvmOptions = List.of(args).subList(1, args.length);
        Path written = forThisJvm(jvmOptions, kernelJar, Map.of()).installInto(Path.of(args[0]));
        System.out.println(written);
    }
}
