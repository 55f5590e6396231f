package org.tokendrift.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiversityMetricsTest {

    @Test
    void unigramEntropyOfHandCountedSequences() {
        assertEquals(Math.log(2), UnigramEntropy.ofSequence(new int[]{1, 1, 2, 2}), 1e-12);
        assertEquals(Math.log(4), UnigramEntropy.ofSequence(new int[]{1, 2, 3, 4}), 1e-12);
        assertEquals(0.0, UnigramEntropy.ofSequence(new int[]{7, 7, 7, 7}), 1e-12);
        // p = (3/4, 1/4): -(0.75 ln 0.75 + 0.25 ln 0.25)
        assertEquals(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)),
                UnigramEntropy.ofSequence(new int[]{3, 3, 3, 9}), 1e-12);
        assertEquals(Math.log(2) / 2, UnigramEntropy.meanOverSamples(new int[][]{{1, 1, 2, 2}, {7, 7, 7, 7}}), 1e-12);
    }

    @Test
    void distinctNCountsUniqueNGramsOverTheWholeSet() {
        int[][] samples = {{1, 2, 1, 2}, {1, 2, 3}};
        // bigrams: (1,2) (2,1) (1,2) | (1,2) (2,3): 3 unique of 5
        assertEquals(3.0 / 5, DistinctN.of(samples, 2), 1e-12);
        // unigrams: 7 tokens, 3 unique
        assertEquals(3.0 / 7, DistinctN.of(samples, 1), 1e-12);
        // identical samples halve distinct-n although each sample alone is fully distinct
        assertEquals(0.5, DistinctN.of(new int[][]{{1, 2, 3, 4}, {1, 2, 3, 4}}, 4), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> DistinctN.of(new int[][]{{1, 2}}, 4));
    }

    @Test
    void nGramsOfLargeIdsStayDistinctAndIdsBeyond16BitsAreRejected() {
        // (65535, 1) and (1, 65535) must not be confused; nor (4095, 0, 7) and (0, 4095, 7)
        assertEquals(1.0, DistinctN.of(new int[][]{{65535, 1, 65535}}, 2), 1e-12);
        assertEquals(1.0, DistinctN.of(new int[][]{{4095, 0, 7}, {0, 4095, 7}}, 3), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DistinctN.of(new int[][]{{1, 70000}}, 2));
        assertTrue(e.getMessage().contains("token id 70000 at position 1"), e.getMessage());
    }

    @Test
    void selfBleuOfNearDuplicatesAndAnUnrelatedSample() {
        int[][] samples = {{1, 2, 3, 4, 5}, {1, 2, 3, 4, 6}, {7, 8, 9, 10, 11}};
        // sample 0 vs {1, 2}: p1 = 4/5, p2 = 3/4, p3 = 2/3, p4 = 1/2, equal lengths so BP = 1;
        // sample 1 is symmetric; sample 2 shares no unigram with the others and scores 0.
        double nearDuplicate = Math.pow(4.0 / 5 * 3.0 / 4 * 2.0 / 3 * 1.0 / 2, 0.25);
        assertEquals(2 * nearDuplicate / 3, SelfBleu.of(samples), 1e-12);
    }

    @Test
    void selfBleuSmoothsOrdersWithoutMatches() {
        int[][] samples = {{1, 2, 3, 4}, {1, 2, 4, 3}};
        // p1 = 4/4, p2 = 1/3, p3 = 0 -> 0.1/2, p4 = 0 -> 0.1/1; both directions are the same.
        double expected = Math.pow(1.0 * (1.0 / 3) * (0.1 / 2) * (0.1 / 1), 0.25);
        assertEquals(expected, SelfBleu.of(samples), 1e-12);
    }

    @Test
    void selfBleuAppliesTheBrevityPenaltyToShortHypotheses() {
        int[][] samples = {{1, 2, 3}, {1, 2, 3, 4, 5}};
        // short vs long: p = 1, 1, 1, 0.1/1 (no 4-gram), BP = exp(1 - 5/3)
        double shortScore = Math.exp(1 - 5.0 / 3) * Math.pow(0.1, 0.25);
        // long vs short: p = 3/5, 2/4, 1/3, 0.1/2, BP = 1 (5 > 3)
        double longScore = Math.pow(3.0 / 5 * 2.0 / 4 * 1.0 / 3 * 0.1 / 2, 0.25);
        assertEquals((shortScore + longScore) / 2, SelfBleu.of(samples), 1e-12);
    }

    @Test
    void selfBleuEqualsTheMeanOfSentenceBleuAgainstTheOthers() {
        Random random = new Random(7);
        int[][] samples = new int[6][];
        for (int s = 0; s < samples.length; s++) {
            samples[s] = random.ints(10 + s, 0, 5).toArray();
        }
        double sum = 0;
        for (int h = 0; h < samples.length; h++) {
            List<int[]> others = new ArrayList<>();
            for (int r = 0; r < samples.length; r++) {
                if (r != h) {
                    others.add(samples[r]);
                }
            }
            sum += SelfBleu.bleu(samples[h], others);
        }
        assertEquals(sum / samples.length, SelfBleu.of(samples), 1e-12);
        assertEquals(1.0, SelfBleu.bleu(new int[]{1, 2, 3, 4, 5}, List.of(new int[]{1, 2, 3, 4, 5})), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> SelfBleu.of(new int[][]{{1, 2, 3, 4}}));
    }

    @Test
    void selfBleuMatchesAnIndependentNltkComputation() {
        int[][] samples = {{4, 4, 1, 2, 4, 3}, {4, 0, 4, 0, 6, 3, 2, 4, 1, 1, 5, 3, 4}, {3, 3, 5, 6, 1, 1, 5, 1, 6, 4, 3},
                {0, 5, 6, 0, 1, 6, 4, 0, 2, 6, 0, 6, 6, 2}, {4, 5, 3, 5, 6, 3, 3, 5, 6, 4}, {1, 2, 0, 0, 1, 3, 1, 2, 5, 3},
                {6, 2, 3, 4, 6, 3, 4, 2, 4, 4, 3, 4, 1}};
        // Mean over h of nltk.translate.bleu_score.sentence_bleu(others, h, weights=(0.25,)*4,
        // smoothing_function=SmoothingFunction().method1), computed once with NLTK 3.x.
        assertEquals(0.19847305150983333, SelfBleu.of(samples), 1e-12);
    }

    @Test
    void validationPerplexityPoolsNelboOverTokens() {
        // (10 + 20) / (4 + 6) = 3 nats per token
        assertEquals(Math.exp(3), ValidationPerplexity.of(new double[]{10, 20}, new long[]{4, 6}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ValidationPerplexity.of(new double[]{1}, new long[]{1, 2}));
        assertThrows(IllegalArgumentException.class, () -> ValidationPerplexity.of(0.0, 0));
    }
}
