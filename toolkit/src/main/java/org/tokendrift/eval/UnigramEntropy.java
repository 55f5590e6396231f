package org.tokendrift.eval;

import java.util.HashMap;
import java.util.Map;

/**
 * Unigram entropy of generated token ids, the diversity diagnostic reported next to Gen-PPL (DUO
 * {@code Metrics.record_entropy}).
 *
 * <p>For one sequence of length {@code L}: {@code H = -sum_v p_v ln p_v} with
 * {@code p_v = count(v) / L}, counted over all {@code L} raw generator ids (special tokens
 * included, before any decoding), in nats. A sample set reports the mean of {@code H} over its
 * sequences. Low values mean repetitive text within a sample; it cannot see samples that are all
 * alike (use {@link DistinctN} and {@link SelfBleu} for that).
 */
public final class UnigramEntropy {

    private UnigramEntropy() {
    }

    /** Entropy in nats of the id histogram of one sequence. */
    public static double ofSequence(int[] ids) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("entropy of an empty sequence is undefined");
        }
        Map<Integer, Integer> counts = new HashMap<>();
        for (int id : ids) {
            counts.merge(id, 1, Integer::sum);
        }
        double entropy = 0;
        for (int count : counts.values()) {
            double p = (double) count / ids.length;
            entropy -= p * Math.log(p);
        }
        return entropy;
    }

    /** Mean per-sequence entropy over a sample set. */
    public static double meanOverSamples(int[][] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("mean entropy needs at least one sample");
        }
        double sum = 0;
        for (int[] ids : samples) {
            sum += ofSequence(ids);
        }
        return sum / samples.length;
    }
}
