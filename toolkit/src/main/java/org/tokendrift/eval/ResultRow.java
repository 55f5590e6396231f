package org.tokendrift.eval;

/**
 * One row of {@code reproduction.csv} (see {@link ResultsSchema} for the meaning of each column).
 */
public record ResultRow(String backbone, String method, int trainSteps, long seed, int nfe, int numSamples,
                        double genPpl, double entropy, double distinct2, double distinct4, double selfBleu) {

    /** The columns that identify a row; a new row with the same key replaces the old one. */
    public record Key(String backbone, String method, int trainSteps, long seed, int nfe) {
    }

    public Key key() {
        return new Key(backbone, method, trainSteps, seed, nfe);
    }

    /** The row for a sample set and its metrics. */
    public static ResultRow of(SampleSet samples, SampleMetrics metrics) {
        SampleDescriptor d = samples.descriptor();
        return new ResultRow(d.backbone(), d.method(), d.trainSteps(), samples.seed(), samples.nfe(), samples.size(),
                metrics.genPpl(), metrics.entropy(), metrics.distinct2(), metrics.distinct4(), metrics.selfBleu());
    }
}
