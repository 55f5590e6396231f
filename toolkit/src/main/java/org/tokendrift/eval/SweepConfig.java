package org.tokendrift.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an {@link NfeSweep} evaluates and where it writes. Build with {@link #builder()}; every field
 * has a documented default.
 *
 * @param nfes         NFE values to sample at; default {@link #DEFAULT_NFES} (the paper's Figure 2)
 * @param seeds        sampler seeds; default 0, 1, 2 (the paper reports mean ± SD over 3 seeds)
 * @param numSamples   samples per (seed, NFE); default 64 (the MDLM Gen-PPL script's count). At
 *                     least 2, since self-BLEU scores each sample against the others
 * @param samplesDir   where the JSONL sample files go; default {@code data/results/samples}
 * @param resultsCsv   results table to upsert into; default {@code data/results/reproduction.csv}
 * @param showProgress draw a console progress bar; default true
 * @param skipExisting skip every cell whose row is already in {@code resultsCsv} with the same key
 *                     and number of samples ({@link ExistingRows}); default false (re-evaluate and
 *                     replace)
 */
public record SweepConfig(List<Integer> nfes, List<Long> seeds, int numSamples, Path samplesDir, Path resultsCsv,
                          boolean showProgress, boolean skipExisting) {

    public static final List<Integer> DEFAULT_NFES = List.of(4, 8, 16, 32, 64, 128, 256);
    public static final List<Long> DEFAULT_SEEDS = List.of(0L, 1L, 2L);
    public static final int DEFAULT_NUM_SAMPLES = 64;
    public static final Path DEFAULT_SAMPLES_DIR = Path.of("data", "results", "samples");
    public static final Path DEFAULT_RESULTS_CSV = Path.of("data", "results", "reproduction.csv");

    public SweepConfig {
        nfes = List.copyOf(nfes);
        seeds = List.copyOf(seeds);
        Objects.requireNonNull(samplesDir, "samplesDir");
        Objects.requireNonNull(resultsCsv, "resultsCsv");
        if (nfes.isEmpty() || nfes.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("nfes must be a non-empty list of positive values, got " + nfes);
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("seeds must not be empty");
        }
        if (numSamples < 2) {
            throw new IllegalArgumentException("numSamples must be >= 2 (self-BLEU compares samples), got " + numSamples);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every (seed, NFE) cell, in the order a sweep runs them: seeds outer, NFEs inner. */
    public List<SweepCell> cells() {
        List<SweepCell> cells = new ArrayList<>();
        for (long seed : seeds) {
            for (int nfe : nfes) {
                cells.add(new SweepCell(seed, nfe));
            }
        }
        return cells;
    }

    /** Builder with the defaults above. */
    public static final class Builder {
        private List<Integer> nfes = DEFAULT_NFES;
        private List<Long> seeds = DEFAULT_SEEDS;
        private int numSamples = DEFAULT_NUM_SAMPLES;
        private Path samplesDir = DEFAULT_SAMPLES_DIR;
        private Path resultsCsv = DEFAULT_RESULTS_CSV;
        private boolean showProgress = true;
        private boolean skipExisting;

        private Builder() {
        }

        public Builder nfes(List<Integer> nfes) {
            this.nfes = nfes;
            return this;
        }

        public Builder seeds(List<Long> seeds) {
            this.seeds = seeds;
            return this;
        }

        public Builder numSamples(int numSamples) {
            this.numSamples = numSamples;
            return this;
        }

        public Builder samplesDir(Path samplesDir) {
            this.samplesDir = samplesDir;
            return this;
        }

        public Builder resultsCsv(Path resultsCsv) {
            this.resultsCsv = resultsCsv;
            return this;
        }

        public Builder showProgress(boolean showProgress) {
            this.showProgress = showProgress;
            return this;
        }

        public Builder skipExisting(boolean skipExisting) {
            this.skipExisting = skipExisting;
            return this;
        }

        public SweepConfig build() {
            return new SweepConfig(nfes, seeds, numSamples, samplesDir, resultsCsv, showProgress, skipExisting);
        }
    }
}
