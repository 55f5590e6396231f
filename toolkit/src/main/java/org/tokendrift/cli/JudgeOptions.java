package org.tokendrift.cli;

import org.tokendrift.data.DataPaths;
import org.tokendrift.eval.GenerativePerplexity;
import org.tokendrift.eval.model.EvaluationWeights;
import org.tokendrift.eval.model.JudgeScorer;
import org.tokendrift.eval.model.TokenizerCodec;
import org.tokendrift.nn.DiT;
import org.tokendrift.tokenizer.BpeTokenizer;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Command-line options shared by the commands that score text with the judge: the judge checkpoint,
 * its batch size and the tokenizer, and the Gen-PPL pipeline they make.
 */
final class JudgeOptions {

    @Option(names = "--judge", description = "Judge checkpoint (a causal DiT trained with data/configs/judge.json); "
            + "its EMA weights are used (an EMA-only export works as well).")
    Path judge;

    @Option(names = "--judge-batch-size", defaultValue = "" + GenerativePerplexity.DEFAULT_BATCH_SIZE,
            description = "Sequences per judge forward pass (default: ${DEFAULT-VALUE}).")
    int judgeBatchSize;

    private int judgeContext;

    @Option(names = "--tokenizer", description = "tokenizer.json of the models (default: data/tokenizer/tokenizer.json).")
    Path tokenizer;

    /** The tokenizer as evaluation's codec. */
    TokenizerCodec codec() throws IOException {
        return new TokenizerCodec(BpeTokenizer.load(tokenizer != null ? tokenizer : DataPaths.tokenizerFile()));
    }

    /**
     * Gen-PPL under the judge's evaluation weights (EMA weights, or an export's weights); fails if no
     * judge was given or it is not a causal judge.
     */
    GenerativePerplexity genPpl(TokenizerCodec codec) throws IOException {
        if (judge == null) {
            throw new IllegalArgumentException("--judge <checkpoint> is required");
        }
        DiT model = EvaluationWeights.loadJudge(judge, codec.vocabSize());
        judgeContext = model.config().seqLen();
        return new GenerativePerplexity(codec, new JudgeScorer(model, codec.eosId(), judgeBatchSize), judgeBatchSize);
    }

    /** Context length of the judge loaded by {@link #genPpl}. */
    int judgeContext() {
        return judgeContext;
    }
}
