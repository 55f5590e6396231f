package org.tokendrift.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of one training run:
 * <pre>
 *   RUN/config.json              the configuration the run was started with
 *   RUN/log.csv                  one row per logged step
 *   RUN/diagnostics.csv          objective-specific quantities, one row per log.csv row (if any)
 *   RUN/checkpoints/step-0001200.ckpt
 *   RUN/checkpoints/step-0001200.state  an objective's own state at that step (if it has any)
 * </pre>
 * Checkpoints are named by step so that the newest one is found by listing, with no separate
 * "latest" pointer that could disagree with the files after a crash.
 */
public final class RunDirectory {

    private static final Pattern CHECKPOINT = Pattern.compile("step-(\\d{7,})\\.ckpt");

    private final Path root;

    public RunDirectory(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path configFile() {
        return root.resolve("config.json");
    }

    public Path logFile() {
        return root.resolve("log.csv");
    }

    /** Written only for a {@link DiagnosedObjective}. */
    public Path diagnosticsFile() {
        return root.resolve("diagnostics.csv");
    }

    public Path checkpointDir() {
        return root.resolve("checkpoints");
    }

    public Path checkpoint(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("checkpoint step must be >= 0, got " + step);
        }
        return checkpointDir().resolve(String.format("step-%07d.ckpt", step));
    }

    /** The {@link StatefulObjective} state saved with checkpoint {@code step}. */
    public Path stateFile(long step) {
        return stateFileOf(checkpoint(step));
    }

    /** The state file beside a checkpoint file: {@code step-N.ckpt} -> {@code step-N.state}. */
    public static Path stateFileOf(Path checkpoint) {
        String name = checkpoint.getFileName().toString();
        if (!name.endsWith(".ckpt")) {
            throw new IllegalArgumentException(checkpoint + " is not a checkpoint file (*.ckpt)");
        }
        return checkpoint.resolveSibling(name.substring(0, name.length() - ".ckpt".length()) + ".state");
    }

    /** Steps of all checkpoint files present, ascending. */
    public List<Long> checkpointSteps() {
        if (!Files.isDirectory(checkpointDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(checkpointDir())) {
            return files.map(p -> CHECKPOINT.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Long.parseLong(m.group(1)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + checkpointDir(), e);
        }
    }

    /**
     * The newest checkpoint that passes {@code isValid} (e.g. its checksum verifies). A checkpoint
     * that fails is reported on stderr and skipped, so a run killed while one was being written
     * resumes from the one before.
     */
    public Optional<Path> latestValidCheckpoint(Predicate<Path> isValid) {
        List<Long> steps = new ArrayList<>(checkpointSteps());
        for (int i = steps.size() - 1; i >= 0; i--) {
            Path p = checkpoint(steps.get(i));
            if (isValid.test(p)) {
                return Optional.of(p);
            }
            System.err.println("skipping checkpoint " + p + ": it does not verify");
        }
        return Optional.empty();
    }

    /**
     * Deletes old checkpoints, keeping the newest {@code keepLast} and every checkpoint whose step
     * is a multiple of {@code keepEvery} (those trace the training dynamics; 0 keeps none extra).
     */
    public void prune(int keepLast, long keepEvery) {
        if (keepLast < 1) {
            throw new IllegalArgumentException("keepLast must be >= 1, got " + keepLast);
        }
        List<Long> steps = checkpointSteps();
        for (int i = 0; i < steps.size() - keepLast; i++) {
            long step = steps.get(i);
            if (keepEvery > 0 && step % keepEvery == 0) {
                continue;
            }
            try {
                Files.deleteIfExists(checkpoint(step));
                Files.deleteIfExists(stateFile(step));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete old checkpoint " + checkpoint(step), e);
            }
        }
    }
}
