package org.tokendrift.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tokendrift.data.DataPaths;
import org.tokendrift.data.Split;
import org.tokendrift.data.TokenDataset;
import org.tokendrift.eval.GenerativePerplexity;
import org.tokendrift.eval.ResultRow;
import org.tokendrift.eval.ResultsTable;
import org.tokendrift.eval.SampleFiles;
import org.tokendrift.eval.SanityChecks;
import org.tokendrift.eval.model.CycleLanguage;
import org.tokendrift.eval.model.EvaluationWeights;
import org.tokendrift.eval.model.HeldOutBlocks;
import org.tokendrift.eval.model.JudgeScorer;
import org.tokendrift.eval.model.RealTextReference;
import org.tokendrift.eval.model.TinyModels;
import org.tokendrift.eval.model.TokenizerCodec;
import org.tokendrift.nn.DiT;
import org.tokendrift.tokenizer.BpeTokenizer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The judge sanity check and the real_text rows with a genuinely trained judge: a small causal DiT
 * trained by the real {@code Trainer} on the {@link CycleLanguage} (word order is everything there),
 * against an untrained one that knows nothing about order.
 */
class RealTextCommandTest {

    private static final int LENGTH = 16;

    @TempDir
    static Path shared;
    static Path dataDir;
    static Path trainedJudge;
    static Path untrainedJudge;
    static TokenizerCodec codec;

    private static Path tokenizer() {
        return DataPaths.sampleDir().resolve("tokenizer-1024.json");
    }

    @BeforeAll
    static void trainJudge() throws IOException {
        BpeTokenizer bpe = BpeTokenizer.load(tokenizer());
        codec = new TokenizerCodec(bpe);
        dataDir = shared.resolve("data");
        trainedJudge = new CycleLanguage(bpe).trainJudge(dataDir, shared.resolve("run"), LENGTH, 60);
        untrainedJudge = shared.resolve("untrained.ckpt");
        TinyModels.saveWithEma(new DiT(TinyModels.config(bpe.vocabSize(), LENGTH, true, false), 5), untrainedJudge);
    }

    private static RealTextReference reference(Path judge) throws IOException {
        GenerativePerplexity genPpl = new GenerativePerplexity(codec,
                new JudgeScorer(EvaluationWeights.loadJudge(judge, codec.vocabSize()), codec.eosId(), 8));
        return new RealTextReference(codec, genPpl, RealTextReference.DEFAULT_MIN_SHUFFLE_RATIO);
    }

    @Test
    void aTrainedJudgePassesTheShuffleCheckAndAnUntrainedOneFailsIt() throws IOException {
        int[][] blocks = HeldOutBlocks.select(TokenDataset.open(dataDir, Split.VALID), 8, 0, LENGTH);

        RealTextReference trained = reference(trainedJudge);
        SanityChecks.ShuffleCheck check = trained.shuffleCheck(blocks, 0);
        assertTrue(check.ratio() > 2 * RealTextReference.DEFAULT_MIN_SHUFFLE_RATIO,
                "trained judge: real " + check.real().genPpl() + " shuffled " + check.shuffled().genPpl());
        trained.requirePassing(check);

        RealTextReference untrained = reference(untrainedJudge);
        SanityChecks.ShuffleCheck blind = untrained.shuffleCheck(blocks, 0);
        assertEquals(1.0, blind.ratio(), 1e-9, "a judge that predicts uniformly cannot tell the orders apart");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> untrained.requirePassing(blind));
        assertTrue(e.getMessage().startsWith("judge sanity check failed") && e.getMessage().contains("ratio 1.000 < 2.00"),
                e.getMessage());
    }

    @Test
    void realTextWritesOneReferenceRowPerBackboneAndSeedAfterTheCheck(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("reproduction.csv");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TokenDriftCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(
                "evaluate", "real-text", "--judge", trainedJudge.toString(), "--tokenizer", tokenizer().toString(),
                "--data-dir", dataDir.toString(), "--samples", "6", "--seeds", "0,1", "--results", csv.toString(),
                "--samples-dir", dir.resolve("samples").toString());

        assertEquals(0, exit, err.toString() + out);
        assertTrue(out.toString().contains("sanity check (6 held-out blocks of 16 tokens, seed 0)"), out.toString());
        List<ResultRow> rows = ResultsTable.rows(ResultsTable.load(csv));
        assertEquals(List.of(new ResultRow.Key("mdlm", "real_text", 0, 0, 0), new ResultRow.Key("duo", "real_text", 0, 0, 0),
                new ResultRow.Key("mdlm", "real_text", 0, 1, 0), new ResultRow.Key("duo", "real_text", 0, 1, 0)),
                rows.stream().map(ResultRow::key).toList());
        assertEquals(rows.get(0).genPpl(), rows.get(1).genPpl(), 0.0, "the same text is the reference of both backbones");
        assertTrue(rows.get(0).genPpl() < 3, "the trained judge predicts the cycle: Gen-PPL " + rows.get(0).genPpl());
        assertEquals(6, SampleFiles.read(dir.resolve("samples").resolve("mdlm_real_text_step0_nfe0_seed1.jsonl")).size());
    }

    @Test
    void nothingIsWrittenWhenTheJudgeFailsTheCheck(@TempDir Path dir) {
        Path csv = dir.resolve("reproduction.csv");
        StringWriter err = new StringWriter();
        int exit = TokenDriftCli.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                .execute("evaluate", "real-text", "--judge", untrainedJudge.toString(), "--tokenizer", tokenizer().toString(),
                        "--data-dir", dataDir.toString(), "--samples", "6", "--results", csv.toString(),
                        "--samples-dir", dir.resolve("samples").toString());
        assertEquals(1, exit);
        assertTrue(err.toString().startsWith("evaluate real-text: judge sanity check failed"), err.toString());
        assertTrue(Files.notExists(csv) && Files.notExists(dir.resolve("samples")));
    }
}
