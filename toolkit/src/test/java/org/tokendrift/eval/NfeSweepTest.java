package org.tokendrift.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NfeSweepTest {

    private static final WordCodec CODEC = new WordCodec(
            List.of("[PAD]", "[BOS]", "[EOS]", "[MASK]", "a", "b", "c", "d", "e", "f"), "[EOS]");

    /** Reproducible fake sampler: more NFE, fewer distinct words (so metrics differ per cell). */
    private static final class FakeSampler implements SampleSource {
        final List<String> calls = new ArrayList<>();
        int extraSamples;

        @Override
        public int[][] generate(int numSamples, int nfe, long seed) {
            calls.add(numSamples + "x nfe" + nfe + " seed" + seed);
            Random random = new Random(seed * 1_000 + nfe);
            int words = nfe >= 8 ? 2 : 6;
            int[][] ids = new int[numSamples + extraSamples][10];
            for (int[] row : ids) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = 4 + random.nextInt(words);
                }
            }
            return ids;
        }

        @Override
        public SampleDescriptor descriptor() {
            return new SampleDescriptor("mdlm", "tokendrift", "ckpt-13k", 13000);
        }
    }

    private static SampleEvaluator evaluator() {
        return new SampleEvaluator(new GenerativePerplexity(CODEC,
                new FunctionScorer(16, (previous, current) -> 1.0 + (current % 3) / 10.0 + (previous == current ? 0.5 : 0)), 2));
    }

    private static SweepConfig config(Path dir, boolean progress) {
        return SweepConfig.builder().nfes(List.of(4, 8)).seeds(List.of(0L, 1L)).numSamples(3)
                .samplesDir(dir.resolve("samples")).resultsCsv(dir.resolve("reproduction.csv")).showProgress(progress).build();
    }

    @Test
    void writesSamplesAndOneRowPerSeedAndNfeThatRescoreIdenticallyFromDisk(@TempDir Path dir) throws IOException {
        FakeSampler sampler = new FakeSampler();
        List<ResultRow> rows = new NfeSweep(config(dir, true), CODEC, evaluator()).run(sampler);

        assertEquals(List.of("3x nfe4 seed0", "3x nfe8 seed0", "3x nfe4 seed1", "3x nfe8 seed1"), sampler.calls);
        assertEquals(rows, ResultsTable.rows(ResultsTable.load(dir.resolve("reproduction.csv"))));
        ResultRow first = rows.get(0);
        assertEquals(new ResultRow.Key("mdlm", "tokendrift", 13000, 0, 4), first.key());
        assertEquals(3, first.numSamples());
        assertEquals(UnigramEntropy.meanOverSamples(sampler.generate(3, 4, 0)), first.entropy(), 1e-12);
        assertTrue(rows.get(1).distinct2() < first.distinct2(), "2-word samples are less diverse than 6-word ones");

        for (ResultRow row : rows) {
            Path file = dir.resolve("samples").resolve(SampleFiles.defaultFileName(sampler.descriptor(), row.nfe(), row.seed()));
            assertTrue(Files.exists(file), file.toString());
            assertEquals(row, evaluator().evaluateFile(file));
        }
    }

    @Test
    void rerunReplacesRowsInsteadOfDuplicatingThem(@TempDir Path dir) throws IOException {
        ResultsTable.upsert(dir.resolve("reproduction.csv"),
                List.of(new ResultRow("duo", "pretrained", 0, 0, 4, 64, 500, 5.5, 0.5, 0.9, 0.1)));
        NfeSweep sweep = new NfeSweep(config(dir, false), CODEC, evaluator());
        sweep.run(new FakeSampler());
        List<ResultRow> afterSecondRun = sweep.run(new FakeSampler());
        List<ResultRow> stored = ResultsTable.rows(ResultsTable.load(dir.resolve("reproduction.csv")));
        assertEquals(5, stored.size());
        assertEquals("duo", stored.get(0).backbone());
        assertEquals(afterSecondRun, stored.subList(1, 5));
    }

    @Test
    void skipExistingLeavesCellsWhoseRowIsThereWithTheSameSampleCount(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("reproduction.csv");
        ResultRow done = new ResultRow("mdlm", "tokendrift", 13000, 0, 4, 3, 123.0, 5.0, 0.5, 0.9, 0.1);
        ResultRow otherSampleCount = new ResultRow("mdlm", "tokendrift", 13000, 1, 8, 64, 456.0, 5.0, 0.5, 0.9, 0.1);
        ResultRow otherMethod = new ResultRow("mdlm", "continuation", 13000, 0, 8, 3, 789.0, 5.0, 0.5, 0.9, 0.1);
        ResultsTable.upsert(csv, List.of(done, otherSampleCount, otherMethod));
        SweepConfig skipping = SweepConfig.builder().nfes(List.of(4, 8)).seeds(List.of(0L, 1L)).numSamples(3)
                .samplesDir(dir.resolve("samples")).resultsCsv(csv).showProgress(false).skipExisting(true).build();
        FakeSampler sampler = new FakeSampler();

        assertEquals(List.of(new SweepCell(0, 4)), NfeSweep.finishedCells(skipping, sampler.descriptor()));
        assertEquals(List.of(), NfeSweep.finishedCells(config(dir, false), sampler.descriptor()), "only when asked to skip");
        List<ResultRow> written = new NfeSweep(skipping, CODEC, evaluator()).run(sampler);

        assertEquals(List.of("3x nfe8 seed0", "3x nfe4 seed1", "3x nfe8 seed1"), sampler.calls);
        assertEquals(3, written.size());
        List<ResultRow> stored = ResultsTable.rows(ResultsTable.load(csv));
        assertTrue(stored.contains(done), "the finished row is kept as it was");
        assertTrue(stored.contains(otherMethod), "another method's row is not this sweep's");
        assertTrue(stored.stream().anyMatch(r -> r.key().equals(otherSampleCount.key()) && r.numSamples() == 3),
                "a row scored on another number of samples is redone and replaced");
        assertEquals(5, stored.size());

        FakeSampler again = new FakeSampler();
        assertEquals(List.of(), new NfeSweep(skipping, CODEC, evaluator()).run(again));
        assertEquals(List.of(), again.calls, "a second rerun samples nothing");
    }

    @Test
    void samplerReturningTheWrongNumberOfSamplesIsReported(@TempDir Path dir) {
        FakeSampler sampler = new FakeSampler();
        sampler.extraSamples = 1;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new NfeSweep(config(dir, false), CODEC, evaluator()).run(sampler));
        assertTrue(e.getMessage().contains("returned 4 samples for nfe=4 seed=0; expected 3"), e.getMessage());
    }

    @Test
    void configRejectsSettingsThatCannotProduceAllMetrics() {
        assertThrows(IllegalArgumentException.class, () -> SweepConfig.builder().numSamples(1).build());
        assertThrows(IllegalArgumentException.class, () -> SweepConfig.builder().nfes(List.of(0)).build());
        assertEquals(List.of(4, 8, 16, 32, 64, 128, 256), SweepConfig.builder().build().nfes());
    }
}
