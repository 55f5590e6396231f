package org.tokendrift.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The rows a results CSV already holds, so that a rerun can skip finished evaluations
 * ({@code --skip-existing}). A row counts as finished only with the same key
 * ({@link ResultRow.Key}: backbone, method, train_steps, seed, nfe) <em>and</em> the same
 * {@code num_samples}: a row scored on another number of samples is a different measurement, which
 * the rerun replaces.
 */
public final class ExistingRows {

    private final Map<ResultRow.Key, Integer> samplesByKey;

    private ExistingRows(Map<ResultRow.Key, Integer> samplesByKey) {
        this.samplesByKey = samplesByKey;
    }

    /** The rows of {@code csv}; none if the file does not exist yet. */
    public static ExistingRows read(Path csv) throws IOException {
        Map<ResultRow.Key, Integer> samples = new HashMap<>();
        if (Files.exists(csv)) {
            for (ResultRow row : ResultsTable.rows(ResultsTable.load(csv))) {
                samples.put(row.key(), row.numSamples());
            }
        }
        return new ExistingRows(samples);
    }

    /** True if a row with this key and this number of samples is present. */
    public boolean contains(ResultRow.Key key, int numSamples) {
        Integer stored = samplesByKey.get(key);
        return stored != null && stored == numSamples;
    }
}
