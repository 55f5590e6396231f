package org.tokendrift.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Self-BLEU of a sample set (Zhu et al. 2018, Texygen): the BLEU-4 of each sample scored against
 * all other samples as references, averaged over samples. High self-BLEU means the samples copy each
 * other (cross-sample mode collapse); 0 means no shared tokens at all. Computed on generator token
 * ids, not words.
 *
 * <p>Sentence BLEU-4 of a hypothesis {@code h} against references {@code R} (Papineni et al. 2002):
 * <pre>
 *   p_n  = sum_g min(count_h(g), max_{x in R} count_x(g)) / max(1, #n-grams of h),   n = 1..4
 *   BP   = 1 if c > r, else exp(1 - r / c)     (c = |h|, r = reference length closest to c,
 *                                              ties broken towards the shorter one)
 *   BLEU = BP * exp( (1/4) * sum_n ln p_n )
 * </pre>
 *
 * <p><b>Smoothing.</b> Chen and Cherry (2014) method 1, the choice of Texygen via NLTK
 * {@code SmoothingFunction().method1}: an order {@code n >= 2} with no clipped match gets numerator
 * {@link #EPSILON} instead of 0, i.e. {@code p_n = 0.1 / max(1, #n-grams of h)}; without it one
 * empty order would zero the geometric mean for short or novel samples. A hypothesis that shares not
 * even one unigram with the references, or is empty, scores 0 (as in NLTK).
 */
public final class SelfBleu {

    /** Highest n-gram order: BLEU-4. */
    public static final int MAX_ORDER = 4;

    /** Numerator used for an n-gram order with no match (smoothing method 1). */
    public static final double EPSILON = 0.1;

    private SelfBleu() {
    }

    /** Mean over samples of the BLEU-4 of each sample against all the others. */
    public static double of(int[][] samples) {
        if (samples.length < 2) {
            throw new IllegalArgumentException("self-BLEU needs at least 2 samples (each is scored against the others), got "
                    + samples.length);
        }
        List<List<Map<NGram, Integer>>> countsByOrder = new ArrayList<>();
        List<Map<NGram, TopTwo>> topByOrder = new ArrayList<>();
        for (int n = 1; n <= MAX_ORDER; n++) {
            List<Map<NGram, Integer>> counts = new ArrayList<>(samples.length);
            Map<NGram, TopTwo> top = new HashMap<>();
            for (int s = 0; s < samples.length; s++) {
                Map<NGram, Integer> sampleCounts = NGram.counts(samples[s], n);
                counts.add(sampleCounts);
                for (Map.Entry<NGram, Integer> e : sampleCounts.entrySet()) {
                    top.computeIfAbsent(e.getKey(), g -> new TopTwo()).offer(e.getValue(), s);
                }
            }
            countsByOrder.add(counts);
            topByOrder.add(top);
        }
        double sum = 0;
        for (int h = 0; h < samples.length; h++) {
            final int hypothesis = h;
            List<Map<NGram, Integer>> hypothesisCounts = new ArrayList<>();
            List<ToIntFunction<NGram>> maxReferenceCount = new ArrayList<>();
            for (int n = 1; n <= MAX_ORDER; n++) {
                hypothesisCounts.add(countsByOrder.get(n - 1).get(h));
                Map<NGram, TopTwo> top = topByOrder.get(n - 1);
                maxReferenceCount.add(g -> top.get(g).maxExcluding(hypothesis));
            }
            sum += bleu(samples[h].length, hypothesisCounts, maxReferenceCount, closestLengthOfOthers(samples, h));
        }
        return sum / samples.length;
    }

    /** Sentence BLEU-4 of one hypothesis against references, with the smoothing above. */
    public static double bleu(int[] hypothesis, List<int[]> references) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("BLEU needs at least one reference");
        }
        List<Map<NGram, Integer>> hypothesisCounts = new ArrayList<>();
        List<ToIntFunction<NGram>> maxReferenceCount = new ArrayList<>();
        for (int n = 1; n <= MAX_ORDER; n++) {
            hypothesisCounts.add(NGram.counts(hypothesis, n));
            Map<NGram, Integer> max = new HashMap<>();
            for (int[] reference : references) {
                NGram.counts(reference, n).forEach((g, c) -> max.merge(g, c, Math::max));
            }
            maxReferenceCount.add(g -> max.getOrDefault(g, 0));
        }
        int[] lengths = references.stream().mapToInt(r -> r.length).toArray();
        return bleu(hypothesis.length, hypothesisCounts, maxReferenceCount, closestLength(hypothesis.length, lengths));
    }

    private static double bleu(int length, List<Map<NGram, Integer>> hypothesisCounts,
                               List<ToIntFunction<NGram>> maxReferenceCount, int closestReferenceLength) {
        if (length == 0) {
            return 0;
        }
        double logPrecisionSum = 0;
        for (int n = 1; n <= MAX_ORDER; n++) {
            long clipped = 0;
            for (Map.Entry<NGram, Integer> e : hypothesisCounts.get(n - 1).entrySet()) {
                clipped += Math.min(e.getValue(), maxReferenceCount.get(n - 1).applyAsInt(e.getKey()));
            }
            if (clipped == 0 && n == 1) {
                return 0;
            }
            double numerator = clipped == 0 ? EPSILON : clipped;
            logPrecisionSum += Math.log(numerator / Math.max(1, NGram.total(length, n)));
        }
        double brevityPenalty = length > closestReferenceLength ? 1 : Math.exp(1 - (double) closestReferenceLength / length);
        return brevityPenalty * Math.exp(logPrecisionSum / MAX_ORDER);
    }

    private static int closestLengthOfOthers(int[][] samples, int hypothesis) {
        int[] lengths = new int[samples.length - 1];
        for (int s = 0, k = 0; s < samples.length; s++) {
            if (s != hypothesis) {
                lengths[k++] = samples[s].length;
            }
        }
        return closestLength(samples[hypothesis].length, lengths);
    }

    /** Reference length closest to {@code length}; on a tie the shorter one. */
    private static int closestLength(int length, int[] referenceLengths) {
        int best = referenceLengths[0];
        for (int r : referenceLengths) {
            int d = Math.abs(r - length);
            int bestD = Math.abs(best - length);
            if (d < bestD || (d == bestD && r < best)) {
                best = r;
            }
        }
        return best;
    }

    /**
     * The two largest counts of one n-gram over all samples, so that the maximum over "all samples
     * but the hypothesis" is found in constant time instead of re-counting the references per
     * hypothesis (which would be quadratic in the number of samples times their length).
     */
    private static final class TopTwo {
        private int best;
        private int bestSample = -1;
        private int second;

        void offer(int count, int sample) {
            if (count > best) {
                second = best;
                best = count;
                bestSample = sample;
            } else if (count > second) {
                second = count;
            }
        }

        int maxExcluding(int sample) {
            return sample == bestSample ? second : best;
        }
    }
}
