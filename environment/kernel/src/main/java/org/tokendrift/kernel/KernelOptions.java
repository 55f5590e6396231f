package org.tokendrift.kernel;

import org.tokendrift.kernel.magic.ClasspathGlobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

/**
 * The kernel's settings, read from environment variables (set them in kernel.json's {@code env}).
 * They mirror IJava's {@code IJAVA_*} options under this kernel's own prefix.
 *
 * @param classpath            {@code TOKENDRIFT_KERNEL_CLASSPATH}: globs added to the class path at start
 * @param startupScripts       {@code TOKENDRIFT_KERNEL_STARTUP_SCRIPTS_PATH}: globs of scripts run at start
 * @param startupScript        {@code TOKENDRIFT_KERNEL_STARTUP_SCRIPT}: code run at start, after the scripts
 * @param timeout              {@code TOKENDRIFT_KERNEL_TIMEOUT}: longest run of one top-level statement;
 *                             zero means no limit
 * @param compilerOptions      {@code TOKENDRIFT_KERNEL_COMPILER_OPTS}: extra javac options
 * @param mavenCache           {@code TOKENDRIFT_KERNEL_MAVEN_CACHE}: where {@code %maven} keeps downloads
 * @param logLevel             {@code TOKENDRIFT_KERNEL_LOG_LEVEL}: level of the kernel's own log (stderr)
 */
public record KernelOptions(List<String> classpath, List<String> startupScripts, String startupScript,
                            Duration timeout, List<String> compilerOptions, Path mavenCache, Level logLevel) {

    public static final String PREFIX = "TOKENDRIFT_KERNEL_";

    /** Reads the options from {@code environment}; unset options take their defaults. */
    public static KernelOptions from(Map<String, String> environment) {
        String home = System.getProperty("user.home");
        return new KernelOptions(
                ClasspathGlobs.splitList(environment.getOrDefault(PREFIX + "CLASSPATH", "")),
                ClasspathGlobs.splitList(environment.getOrDefault(PREFIX + "STARTUP_SCRIPTS_PATH", "")),
                environment.getOrDefault(PREFIX + "STARTUP_SCRIPT", ""),
                parseTimeout(environment.getOrDefault(PREFIX + "TIMEOUT", "-1")),
                words(environment.getOrDefault(PREFIX + "COMPILER_OPTS", "")),
                Path.of(environment.getOrDefault(PREFIX + "MAVEN_CACHE", Path.of(home, ".ivy2", "cache").toString())),
                Level.parse(environment.getOrDefault(PREFIX + "LOG_LEVEL", "WARNING").strip().toUpperCase(Locale.ROOT)));
    }

    /**
     * Parses a timeout as IJava does: a number of milliseconds ({@code "30000"}) or a number and a
     * {@link TimeUnit} name ({@code "30 SECONDS"}, {@code "2 minutes"}). Zero or less means no limit.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Duration parseTimeout(String text) {
        String[] parts = text.strip().split("\\s+");
        try {
            long amount = Long.parseLong(parts[0]);
            if (amount <= 0) {
                return Duration.ZERO;
            }
            if (parts.length == 1) {
                return Duration.ofMillis(amount);
            }
            if (parts.length == 2) {
                return Duration.of(amount, TimeUnit.valueOf(parts[1].toUpperCase(Locale.ROOT)).toChronoUnit());
            }
        } catch (IllegalArgumentException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(PREFIX + "TIMEOUT='" + text + "' is not a timeout: use milliseconds "
                + "(\"30000\"), a number and a unit (\"30 SECONDS\", \"5 MINUTES\"), or -1 for none");
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
    }
}
