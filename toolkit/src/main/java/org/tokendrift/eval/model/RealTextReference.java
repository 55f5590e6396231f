package org.tokendrift.eval.model;

import org.tokendrift.data.TokenDataset;
import org.tokendrift.eval.GenerativePerplexity;
import org.tokendrift.eval.ResultRow;
import org.tokendrift.eval.ResultsTable;
import org.tokendrift.eval.SampleEvaluator;
import org.tokendrift.eval.SampleFiles;
import org.tokendrift.eval.SampleMetrics;
import org.tokendrift.eval.SampleSet;
import org.tokendrift.eval.SanityChecks;
import org.tokendrift.eval.TextCodec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code real_text} reference rows and the judge's real-vs-shuffled sanity check, on held-out
 * validation blocks ({@link HeldOutBlocks}) scored exactly like samples.
 *
 * <p><b>Sanity threshold.</b> Shuffling keeps every token and every scored position and changes only
 * the order, so {@code ratio = GenPPL(shuffled) / GenPPL(real) = exp(mean NLL gain per token from
 * word order)}. A judge that learned only unigram frequencies scores both alike (ratio ≈ 1), and so
 * does a pipeline that scores the wrong positions or misaligns targets. The default minimum
 * {@value #DEFAULT_MIN_SHUFFLE_RATIO} asks for at least {@code ln 2 ≈ 0.69} nats per token from
 * context, which even a bigram model of English reaches (bigram perplexity is several times lower
 * than unigram perplexity); a judge fit to measure fluency should be far above it. The command
 * line can raise it ({@code --min-shuffle-ratio}).
 */
public final class RealTextReference {

    /** Minimum Gen-PPL ratio shuffled / real a judge must reach (see the class comment). */
    public static final double DEFAULT_MIN_SHUFFLE_RATIO = 2.0;

    private final TextCodec generatorCodec;
    private final GenerativePerplexity genPpl;
    private final double minShuffleRatio;

    public RealTextReference(TextCodec generatorCodec, GenerativePerplexity genPpl, double minShuffleRatio) {
        this.generatorCodec = Objects.requireNonNull(generatorCodec, "generatorCodec");
        this.genPpl = Objects.requireNonNull(genPpl, "genPpl");
        if (!(minShuffleRatio >= 1.0)) {
            throw new IllegalArgumentException("the minimum shuffle ratio must be >= 1, got " + minShuffleRatio);
        }
        this.minShuffleRatio = minShuffleRatio;
    }

    /** Real vs shuffled on {@code blocks} (generator ids); the shuffle is seeded with {@code seed}. */
    public SanityChecks.ShuffleCheck shuffleCheck(int[][] blocks, long seed) {
        List<String> texts = new ArrayList<>(blocks.length);
        for (int[] ids : blocks) {
            texts.add(generatorCodec.decode(ids));
        }
        return SanityChecks.realVsShuffled(texts, genPpl, seed);
    }

    /** Fails with the numbers and the likely causes if the check is below the minimum ratio. */
    public void requirePassing(SanityChecks.ShuffleCheck check) {
        if (!check.passes(minShuffleRatio)) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                    "judge sanity check failed: real text Gen-PPL %.2f, shuffled %.2f, ratio %.3f < %.2f. The judge "
                            + "barely prefers real word order, so it has learned little more than token frequencies "
                            + "(train it longer) or the scoring pipeline is broken; Gen-PPL under this judge would not "
                            + "measure text quality", check.real().genPpl(), check.shuffled().genPpl(), check.ratio(),
                    minShuffleRatio));
        }
    }

    public double minShuffleRatio() {
        return minShuffleRatio;
    }

    /**
     * For every seed: draws {@code numSamples} held-out blocks cut to {@code length}, scores them like
     * samples, writes one samples file per backbone label to {@code samplesDir} and upserts one
     * {@code real_text} row per backbone label ({@code nfe = 0}, {@code train_steps = 0}) into
     * {@code resultsCsv}. The same text is the reference of every backbone, so it is scored once per seed.
     *
     * @return the rows written, seed-major
     */
    public List<ResultRow> writeRows(List<String> backbones, TokenDataset heldOut, int numSamples, int length,
                                     List<Long> seeds, Path samplesDir, Path resultsCsv) throws IOException {
        SampleEvaluator evaluator = new SampleEvaluator(genPpl);
        List<ResultRow> rows = new ArrayList<>();
        for (long seed : seeds) {
            int[][] blocks = HeldOutBlocks.select(heldOut, numSamples, seed, length);
            SampleMetrics metrics = null;
            for (String backbone : backbones) {
                SampleSet samples = SanityChecks.realTextSamples(backbone, blocks, seed, generatorCodec);
                if (metrics == null) {
                    metrics = evaluator.evaluate(samples);
                }
                SampleFiles.write(samplesDir.resolve(SampleFiles.defaultFileName(samples.descriptor(), 0, seed)), samples);
                rows.add(ResultRow.of(samples, metrics));
            }
        }
        ResultsTable.upsert(resultsCsv, rows);
        return rows;
    }
}
