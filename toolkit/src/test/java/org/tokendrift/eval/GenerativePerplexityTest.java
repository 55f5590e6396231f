package org.tokendrift.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerativePerplexityTest {

    /** Judge vocabulary: id 0 is EOS, word "wK" has id K. */
    private static final WordCodec JUDGE_CODEC = new WordCodec(
            List.of("[EOS]", "w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8"), "[EOS]");

    /** NLL of a token is id/10, of EOS 2.0: easy to add up by hand. */
    private static FunctionScorer judge(int context) {
        return new FunctionScorer(context, (previous, current) -> current == 0 ? 2.0 : current / 10.0);
    }

    // A = [5,6,E,7,E,8] (+E appended): scored 6, E(first), 7, 8 -> 0.6 + 2.0 + 0.7 + 0.8 = 4.1 over 4.
    // B = [5,6,7] (+E appended):       scored 6, 7, E(first)   -> 0.6 + 0.7 + 2.0       = 3.3 over 3.
    private static final List<String> TEXTS = List.of("w5 w6 [EOS] w7 [EOS] w8", "w5 w6 w7");

    @Test
    void poolsNllOverAllScoredTokensOfAllSamples() {
        GenPplResult result = new GenerativePerplexity(JUDGE_CODEC, judge(16), 8).score(TEXTS);
        assertEquals(7.4, result.nllSum(), 1e-12);
        assertEquals(7, result.scoredTokens());
        assertEquals(2, result.numSequences());
        assertEquals(Math.exp(7.4 / 7), result.genPpl(), 1e-12);
        double meanOfPerSamplePpl = (Math.exp(4.1 / 4) + Math.exp(3.3 / 3)) / 2;
        assertNotEquals(meanOfPerSamplePpl, result.genPpl(), 1e-6);
    }

    @Test
    void resultDoesNotDependOnTheJudgeBatchSize() {
        GenPplResult batched = new GenerativePerplexity(JUDGE_CODEC, judge(16), 8).score(TEXTS);
        GenPplResult single = new GenerativePerplexity(JUDGE_CODEC, judge(16), 1).score(TEXTS);
        assertEquals(batched.genPpl(), single.genPpl(), 1e-12);
        assertEquals(batched.scoredTokens(), single.scoredTokens());
    }

    @Test
    void truncatesToTheJudgeContextAndPadsWithEos() {
        FunctionScorer scorer = judge(4);
        GenPplResult result = new GenerativePerplexity(JUDGE_CODEC, scorer, 8).score(TEXTS);
        // A -> [5,6,E,7] (full context, nothing appended): 0.6 + 2.0 + 0.7; B -> [5,6,7,E]: 0.6 + 0.7 + 2.0.
        assertArrayEquals(new int[]{5, 6, 0, 7}, scorer.batchesSeen.get(0)[0]);
        assertArrayEquals(new int[]{5, 6, 7, 0}, scorer.batchesSeen.get(0)[1]);
        assertEquals(6, result.scoredTokens());
        assertEquals(Math.exp(6.6 / 6), result.genPpl(), 1e-12);
    }

    @Test
    void scoresTheJudgeTokenisationOfTheDecodedTextNotTheGeneratorIds() {
        // The generator numbers the same words differently from the judge.
        WordCodec generator = new WordCodec(List.of("[PAD]", "[BOS]", "[EOS]", "[MASK]", "w8", "w7", "w6", "w5"), "[EOS]");
        SampleSet samples = SampleSet.decode(new SampleDescriptor("mdlm", "pretrained", "ckpt", 0), 4, 0,
                new int[][]{{7, 6, 5}, {4, 4, 2}}, generator);
        assertEquals(List.of("w5 w6 w7", "w8 w8 [EOS]"), samples.texts());
        FunctionScorer scorer = judge(3);
        new GenerativePerplexity(JUDGE_CODEC, scorer, 8).score(samples.texts());
        assertArrayEquals(new int[][]{{5, 6, 7}, {8, 8, 0}}, scorer.batchesSeen.get(0));
    }

    @Test
    void nonFiniteNllAtAScoredPositionIsReportedWithSampleAndPosition() {
        FunctionScorer broken = new FunctionScorer(16, (previous, current) -> current == 7 ? Double.NaN : 1.0);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new GenerativePerplexity(JUDGE_CODEC, broken, 8).score(List.of("w1 w2", "w5 w6 w7")));
        assertTrue(e.getMessage().contains("sample 1") && e.getMessage().contains("position 2"), e.getMessage());
    }
}
