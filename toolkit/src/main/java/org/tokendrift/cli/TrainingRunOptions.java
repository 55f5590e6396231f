package org.tokendrift.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The options every training command shares (a picocli mixin): where the run lives, how long this
 * invocation may train, a step override for smoke runs, and whether to draw a progress bar.
 */
public final class TrainingRunOptions {

    @Option(names = "--run-dir", description = "run folder (default: runs/<run name>)")
    Path runDir;

    @Option(names = "--max-minutes", defaultValue = "0", description = "stop (with a checkpoint) after this much wall time; 0 = no limit")
    double maxMinutes;

    @Option(names = "--steps", defaultValue = "0", description = "override the config's total steps (e.g. a short smoke run)")
    long steps;

    @Option(names = "--no-progress", description = "no progress bar (for logs)")
    boolean noProgress;

    /** The run folder: {@code --run-dir}, or {@code runs/<name>}. */
    Path runDir(String name) {
        return runDir != null ? runDir : Path.of("runs", name);
    }

    /** The wall-time budget of this invocation. */
    Duration budget() {
        return maxMinutes > 0 ? Duration.ofMillis((long) (maxMinutes * 60_000)) : Duration.ofDays(365);
    }

    boolean progress() {
        return !noProgress;
    }

    /** How a run ended, for the one-line summary. */
    static String ending(boolean finished) {
        return finished ? " (finished)" : " (stopped by the time budget; run again to resume)";
    }
}
