package org.tokendrift.eval;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Evaluates a sampler across NFEs and seeds. For every (seed, NFE): generate, decode, write the
 * samples to {@code <samplesDir>/<name>.jsonl}, compute every metric, and upsert the row into the
 * results CSV straight away, so an interrupted sweep keeps what it finished and a re-run replaces
 * its rows instead of duplicating them. With {@link SweepConfig#skipExisting()} a re-run instead
 * skips every cell whose row is already there ({@link #finishedCells}), so finished work costs
 * nothing.
 */
public final class NfeSweep {

    private final SweepConfig config;
    private final TextCodec generatorCodec;
    private final SampleEvaluator evaluator;

    public NfeSweep(SweepConfig config, TextCodec generatorCodec, SampleEvaluator evaluator) {
        this.config = Objects.requireNonNull(config, "config");
        this.generatorCodec = Objects.requireNonNull(generatorCodec, "generatorCodec");
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    }

    /**
     * The cells a run skips because their row is already in the results CSV (same key and number of
     * samples), in run order; none unless {@link SweepConfig#skipExisting()}.
     */
    public static List<SweepCell> finishedCells(SweepConfig config, SampleDescriptor descriptor) throws IOException {
        if (!config.skipExisting()) {
            return List.of();
        }
        ExistingRows existing = ExistingRows.read(config.resultsCsv());
        return config.cells().stream().filter(c -> existing.contains(c.key(descriptor), config.numSamples())).toList();
    }

    /** Runs the sweep and returns the rows written, in (seed, NFE) order (skipped cells have none). */
    public List<ResultRow> run(SampleSource source) throws IOException {
        SampleDescriptor descriptor = source.descriptor();
        List<SweepCell> pending = new ArrayList<>(config.cells());
        pending.removeAll(finishedCells(config, descriptor));
        List<ResultRow> rows = new ArrayList<>();
        try (ProgressBar bar = config.showProgress() && !pending.isEmpty()
                ? new ProgressBarBuilder().setTaskName(descriptor.backbone() + "/" + descriptor.method()).setInitialMax(pending.size()).build()
                : null) {
            for (SweepCell cell : pending) {
                ResultRow row = evaluateCell(source, descriptor, cell.nfe(), cell.seed());
                rows.add(row);
                if (bar != null) {
                    bar.setExtraMessage(String.format(Locale.ROOT, " nfe=%d seed=%d gen_ppl=%.2f", cell.nfe(), cell.seed(), row.genPpl()));
                    bar.step();
                }
            }
        }
        return rows;
    }

    private ResultRow evaluateCell(SampleSource source, SampleDescriptor descriptor, int nfe, long seed) throws IOException {
        int[][] ids = source.generate(config.numSamples(), nfe, seed);
        if (ids == null || ids.length != config.numSamples()) {
            throw new IllegalStateException("sampler " + descriptor + " returned " + (ids == null ? "null" : ids.length + " samples")
                    + " for nfe=" + nfe + " seed=" + seed + "; expected " + config.numSamples());
        }
        SampleSet samples = SampleSet.decode(descriptor, nfe, seed, ids, generatorCodec);
        Path file = config.samplesDir().resolve(SampleFiles.defaultFileName(descriptor, nfe, seed));
        SampleFiles.write(file, samples);
        ResultRow row = ResultRow.of(samples, evaluator.evaluate(samples));
        ResultsTable.upsert(config.resultsCsv(), List.of(row));
        return row;
    }
}
