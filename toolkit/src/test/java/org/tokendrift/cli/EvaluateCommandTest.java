package org.tokendrift.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tokendrift.data.DataPaths;
import org.tokendrift.eval.GenerativePerplexity;
import org.tokendrift.eval.ResultRow;
import org.tokendrift.eval.ResultsSchema;
import org.tokendrift.eval.ResultsTable;
import org.tokendrift.eval.SampleDescriptor;
import org.tokendrift.eval.SampleEvaluator;
import org.tokendrift.eval.SampleFiles;
import org.tokendrift.eval.SampleSet;
import org.tokendrift.eval.model.EvaluationWeights;
import org.tokendrift.eval.model.JudgeScorer;
import org.tokendrift.eval.model.TinyModels;
import org.tokendrift.eval.model.TokenizerCodec;
import org.tokendrift.tokenizer.BpeTokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end on a mini sweep: a tiny random MDLM and a tiny random causal judge over the sample
 * data's 1024-token tokenizer, through the {@code tokendrift evaluate} command line.
 */
class EvaluateCommandTest {

    private static final int VOCAB = 1024;
    private static final int LENGTH = 16;

    private static Path tokenizer() {
        return DataPaths.sampleDir().resolve("tokenizer-1024.json");
    }

    private static Path saveMdlm(Path dir) throws IOException {
        Path file = dir.resolve("mdlm.ckpt");
        TinyModels.saveWithEma(TinyModels.randomised(TinyModels.config(VOCAB, LENGTH, false, false), 11, 0.3), file);
        return file;
    }

    private static Path saveJudge(Path dir) throws IOException {
        Path file = dir.resolve("judge.ckpt");
        TinyModels.saveWithEma(TinyModels.randomised(TinyModels.config(VOCAB, LENGTH, true, false), 12, 0.3), file);
        return file;
    }

    @Test
    void miniSweepWritesSamplesAndRowsThatRescoreIdenticallyFromDisk(@TempDir Path dir) throws IOException {
        Path mdlm = saveMdlm(dir);
        Path judge = saveJudge(dir);
        Path csv = dir.resolve("results").resolve("reproduction.csv");
        Path samplesDir = dir.resolve("samples");

        CliRun run = CliRun.of("evaluate", "--checkpoint", mdlm.toString(), "--backbone", "mdlm", "--method", "continuation",
                "--train-steps", "250", "--judge", judge.toString(), "--tokenizer", tokenizer().toString(),
                "--nfe", "4,8", "--seeds", "0,1", "--samples", "3", "--batch-size", "3",
                "--results", csv.toString(), "--samples-dir", samplesDir.toString(), "--no-progress");

        assertEquals(0, run.exit(), run.err() + run.out());
        assertEquals(String.join(",", ResultsSchema.COLUMNS), Files.readAllLines(csv).get(0));
        List<ResultRow> rows = ResultsTable.rows(ResultsTable.load(csv));
        List<ResultRow.Key> keys = rows.stream().map(ResultRow::key).toList();
        assertEquals(List.of(new ResultRow.Key("mdlm", "continuation", 250, 0, 4), new ResultRow.Key("mdlm", "continuation", 250, 0, 8),
                new ResultRow.Key("mdlm", "continuation", 250, 1, 4), new ResultRow.Key("mdlm", "continuation", 250, 1, 8)), keys);
        assertTrue(run.out().contains("[4]") && run.out().contains("[8]"), "counted NFE per batch is printed: " + run.out());

        TokenizerCodec codec = new TokenizerCodec(BpeTokenizer.load(tokenizer()));
        SampleEvaluator rescoring = new SampleEvaluator(new GenerativePerplexity(codec,
                new JudgeScorer(EvaluationWeights.loadJudge(judge, VOCAB), codec.eosId(), GenerativePerplexity.DEFAULT_BATCH_SIZE)));
        for (ResultRow row : rows) {
            assertEquals(3, row.numSamples());
            assertTrue(row.genPpl() > 1 && Double.isFinite(row.genPpl()), "gen_ppl " + row.genPpl());
            SampleDescriptor descriptor = new SampleDescriptor("mdlm", "continuation", mdlm.toString(), 250);
            Path file = samplesDir.resolve(SampleFiles.defaultFileName(descriptor, row.nfe(), row.seed()));
            SampleSet samples = SampleFiles.read(file);
            assertEquals(descriptor, samples.descriptor());
            for (int[] ids : samples.tokenIds()) {
                assertEquals(LENGTH, ids.length);
            }
            ResultRow rescored = rescoring.evaluateFile(file);
            assertEquals(row.key(), rescored.key());
            assertEquals(row.genPpl(), rescored.genPpl(), 1e-9 * row.genPpl(), "gen_ppl re-scored from " + file);
            assertEquals(row.entropy(), rescored.entropy(), 1e-12);
            assertEquals(row.distinct2(), rescored.distinct2(), 1e-12);
            assertEquals(row.distinct4(), rescored.distinct4(), 1e-12);
            assertEquals(row.selfBleu(), rescored.selfBleu(), 1e-12);
        }
    }

    @Test
    void skipExistingEvaluatesOnlyMissingCellsAndLoadsNothingWhenAllAreDone(@TempDir Path dir) throws IOException {
        Path mdlm = saveMdlm(dir);
        Path judge = saveJudge(dir);
        Path csv = dir.resolve("reproduction.csv");
        List<String> common = List.of("evaluate", "--checkpoint", mdlm.toString(), "--backbone", "mdlm", "--method", "tokendrift",
                "--train-steps", "100", "--judge", judge.toString(), "--tokenizer", tokenizer().toString(), "--seeds", "0",
                "--samples", "2", "--results", csv.toString(), "--samples-dir", dir.resolve("samples").toString(),
                "--no-progress", "--skip-existing");
        CliRun first = CliRun.of(concat(common, List.of("--nfe", "4")));
        assertEquals(0, first.exit(), first.err() + first.out());
        String firstRow = Files.readAllLines(csv).get(1);

        CliRun second = CliRun.of(concat(common, List.of("--nfe", "4,8")));
        assertEquals(0, second.exit(), second.err() + second.out());
        assertTrue(second.out().contains("skip mdlm/tokendrift at 100 steps, seed 0 NFE 4: a row with 2 samples is already in"),
                second.out());
        assertTrue(second.out().contains("(1 of 2 cells to do)"), second.out());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(firstRow, lines.get(1), "the finished row is not recomputed");
        assertEquals(List.of(new ResultRow.Key("mdlm", "tokendrift", 100, 0, 4), new ResultRow.Key("mdlm", "tokendrift", 100, 0, 8)),
                ResultsTable.rows(ResultsTable.load(csv)).stream().map(ResultRow::key).toList());

        // Everything done: nothing is loaded, so even a deleted checkpoint and judge cost nothing.
        Files.delete(mdlm);
        Files.delete(judge);
        CliRun third = CliRun.of(concat(common, List.of("--nfe", "4,8")));
        assertEquals(0, third.exit(), third.err() + third.out());
        assertTrue(third.out().contains("all 2 cells of " + mdlm + " are already in"), third.out());
    }

    @Test
    void realTextWithSkipExistingDoesNothingWhenEveryReferenceRowIsThere(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("reproduction.csv");
        ResultsTable.upsert(csv, List.of(new ResultRow("mdlm", "real_text", 0, 0, 0, 5, 20.0, 4.0, 0.9, 0.99, 0.05),
                new ResultRow("mdlm", "real_text", 0, 1, 0, 5, 21.0, 4.0, 0.9, 0.99, 0.05)));
        // The shipped tokenizer and held-out blocks (vocabulary 4096), so the only thing missing is the judge.
        List<String> args = List.of("evaluate", "real-text", "--judge", dir.resolve("no-judge.ckpt").toString(),
                "--backbone", "mdlm", "--samples", "5", "--results", csv.toString(), "--skip-existing");
        CliRun done = CliRun.of(concat(args, List.of("--seeds", "0,1")));
        assertEquals(0, done.exit(), done.err() + done.out());
        assertTrue(done.out().contains("nothing to do"), done.out());

        CliRun missingSeed = CliRun.of(concat(args, List.of("--seeds", "0,1,2")));
        assertEquals(1, missingSeed.exit(), "seed 2 is missing, so the (absent) judge is needed: " + missingSeed.out());
        assertTrue(missingSeed.err().contains("no-judge.ckpt"), missingSeed.err());
    }

    @Test
    void duoWithTheGreedyTailIsEvaluatedToo(@TempDir Path dir) throws IOException {
        Path duo = dir.resolve("duo.ckpt");
        TinyModels.saveWithEma(TinyModels.randomised(TinyModels.config(VOCAB, LENGTH, false, true), 13, 0.3), duo);
        Path csv = dir.resolve("reproduction.csv");
        CliRun run = CliRun.of("evaluate", "--checkpoint", duo.toString(), "--backbone", "duo", "--method", "pretrained",
                "--train-steps", "0", "--judge", saveJudge(dir).toString(), "--tokenizer", tokenizer().toString(),
                "--nfe", "4", "--seeds", "3", "--samples", "2", "--duo-final-step", "greedy",
                "--results", csv.toString(), "--samples-dir", dir.resolve("samples").toString(), "--no-progress");
        assertEquals(0, run.exit(), run.err() + run.out());
        assertTrue(run.out().contains("final step greedy"), run.out());
        assertTrue(run.out().contains("'pretrained-greedy'"), "rows of the greedy tail would replace the ancestral ones: "
                + run.out());
        assertEquals(List.of(new ResultRow.Key("duo", "pretrained", 0, 3, 4)),
                ResultsTable.rows(ResultsTable.load(csv)).stream().map(ResultRow::key).toList());
    }

    @Test
    void wrongInputsAreNamedWithoutAStackTrace(@TempDir Path dir) throws IOException {
        Path mdlm = saveMdlm(dir);
        Path judge = saveJudge(dir);
        List<String> common = List.of("--train-steps", "0", "--tokenizer", tokenizer().toString(), "--nfe", "4",
                "--samples", "2", "--results", dir.resolve("r.csv").toString(), "--no-progress");

        CliRun judgeAsModel = CliRun.of(concat(List.of("evaluate", "--checkpoint", judge.toString(), "--backbone", "mdlm",
                "--method", "pretrained", "--judge", judge.toString()), common));
        assertEquals(1, judgeAsModel.exit());
        assertTrue(judgeAsModel.err().contains("causal network"), judgeAsModel.err());

        CliRun modelAsJudge = CliRun.of(concat(List.of("evaluate", "--checkpoint", mdlm.toString(), "--backbone", "mdlm",
                "--method", "pretrained", "--judge", mdlm.toString()), common));
        assertEquals(1, modelAsJudge.exit());
        assertTrue(modelAsJudge.err().contains("is not a judge"), modelAsJudge.err());

        CliRun defaultTokenizer = CliRun.of("evaluate", "--checkpoint", mdlm.toString(), "--backbone", "mdlm", "--method", "pretrained",
                "--train-steps", "0", "--judge", judge.toString(), "--results", dir.resolve("r.csv").toString());
        assertEquals(1, defaultTokenizer.exit());
        assertTrue(defaultTokenizer.err().contains("vocabulary of 1024 ids but the tokenizer has 4096"), defaultTokenizer.err());

        CliRun missing = CliRun.of("evaluate", "--checkpoint", mdlm.toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("missing --backbone, --method, --train-steps"), missing.err());
        assertTrue(Files.notExists(dir.resolve("r.csv")), "nothing is written when the inputs are wrong");
    }

    private static String[] concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }
}
