package org.tokendrift.cli;

import org.tokendrift.eval.SweepConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where evaluation commands write: the results table and the folder of sample files. */
final class ResultsOptions {

    @Option(names = "--results", defaultValue = "data/results/reproduction.csv",
            description = "Results CSV the rows are upserted into (default: ${DEFAULT-VALUE}).")
    Path results = SweepConfig.DEFAULT_RESULTS_CSV;

    @Option(names = "--samples-dir", defaultValue = "data/results/samples",
            description = "Folder of the samples JSONL files (default: ${DEFAULT-VALUE}).")
    Path samplesDir = SweepConfig.DEFAULT_SAMPLES_DIR;
}
