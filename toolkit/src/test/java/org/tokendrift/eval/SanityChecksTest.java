package org.tokendrift.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SanityChecksTest {

    private static final WordCodec CODEC = new WordCodec(
            List.of("[PAD]", "[BOS]", "[EOS]", "[MASK]", "w0", "w1", "w2", "w3", "w4", "w5"), "[EOS]");

    /** A judge that knows the "language": w0 w1 w2 ... w5 w0 ... (ids 4..9 in a cycle). */
    private static final FunctionScorer CYCLE_JUDGE = new FunctionScorer(12,
            (previous, current) -> current == 4 + (previous - 4 + 1) % 6 ? 0.1 : 3.0);

    /** Four real sequences of exactly the judge context (12 tokens), each following the cycle. */
    private static int[][] realIds() {
        int[][] ids = new int[4][12];
        for (int s = 0; s < ids.length; s++) {
            for (int i = 0; i < 12; i++) {
                ids[s][i] = 4 + (s + i) % 6;
            }
        }
        return ids;
    }

    @Test
    void realTextScoresFarBetterThanTheSameTokensShuffled() {
        List<String> texts = new ArrayList<>();
        for (int[] ids : realIds()) {
            texts.add(CODEC.decode(ids));
        }
        SanityChecks.ShuffleCheck check = SanityChecks.realVsShuffled(texts, new GenerativePerplexity(CODEC, CYCLE_JUDGE), 1);
        // every real transition is predicted: 11 scored positions per sequence, NLL 0.1 each
        assertEquals(44, check.real().scoredTokens());
        assertEquals(Math.exp(0.1), check.real().genPpl(), 1e-12);
        assertEquals(44, check.shuffled().scoredTokens());
        assertTrue(check.passes(5), "ratio " + check.ratio());
    }

    @Test
    void realTextRowIsScoredLikeSamplesWithNfeZero() {
        SampleEvaluator evaluator = new SampleEvaluator(new GenerativePerplexity(CODEC, CYCLE_JUDGE));
        ResultRow row = SanityChecks.realTextRow("mdlm", realIds(), 7, CODEC, evaluator);
        assertEquals(new ResultRow.Key("mdlm", "real_text", 0, 7, 0), row.key());
        assertEquals(4, row.numSamples());
        assertEquals(Math.exp(0.1), row.genPpl(), 1e-12);
        // 12 tokens over 6 ids, each twice: ln 6
        assertEquals(Math.log(6), row.entropy(), 1e-12);
        // all 4 sequences are shifts of one cycle: only 6 distinct bigrams among 44
        assertEquals(6.0 / 44, row.distinct2(), 1e-12);
    }
}
