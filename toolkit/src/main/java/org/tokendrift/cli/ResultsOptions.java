package org.tokendrift.cli;

import org.tokendrift.eval.SweepConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where evaluation commands write (the results table, the folder of sample files) and whether finished rows are redone. */
final class ResultsOptions {

    @Option(names = "--results", defaultValue = "data/results/reproduction.csv",
            description = "Results CSV the rows are upserted into (default: ${DEFAULT-VALUE}).")
    Path results = SweepConfig.DEFAULT_RESULTS_CSV;

    @Option(names = "--samples-dir", defaultValue = "data/results/samples",
            description = "Folder of the samples JSONL files (default: ${DEFAULT-VALUE}).")
    Path samplesDir = SweepConfig.DEFAULT_SAMPLES_DIR;

    @Option(names = "--skip-existing",
            description = "Skip every evaluation whose row (same backbone, method, train_steps, seed, nfe and num_samples) "
                    + "is already in the results CSV, and say so; without it such rows are recomputed and replaced.")
    boolean skipExisting;
}
