package org.tokendrift.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Computes all metrics of a {@link SampleSet}: Gen-PPL from its decoded texts (through the judge),
 * entropy, distinct-n and self-BLEU from its generator token ids. Works the same on fresh samples
 * and on samples read back from disk, which is what makes re-scoring reproducible.
 */
public final class SampleEvaluator {

    private final GenerativePerplexity genPpl;

    public SampleEvaluator(GenerativePerplexity genPpl) {
        this.genPpl = Objects.requireNonNull(genPpl, "genPpl");
    }

    /** Re-scores a samples file written by {@link SampleFiles#write}: the same numbers as when it was written. */
    public ResultRow evaluateFile(Path samplesFile) throws IOException {
        SampleSet samples = SampleFiles.read(samplesFile);
        return ResultRow.of(samples, evaluate(samples));
    }

    public SampleMetrics evaluate(SampleSet samples) {
        GenPplResult ppl = genPpl.score(samples.texts());
        int[][] ids = samples.tokenIds();
        return new SampleMetrics(
                ppl.genPpl(),
                ppl,
                UnigramEntropy.meanOverSamples(ids),
                DistinctN.of(ids, 2),
                DistinctN.of(ids, 3),
                DistinctN.of(ids, 4),
                SelfBleu.of(ids));
    }
}
