package org.tokendrift.eval.model;

import org.junit.jupiter.api.Test;
import org.tokendrift.eval.GenerativePerplexity;
import org.tokendrift.eval.GenPplResult;
import org.tokendrift.eval.TextCodec;
import org.tokendrift.nn.DiT;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JudgeScorerTest {

    private static final int VOCAB = 11;
    private static final int CONTEXT = 6;
    private static final int EOS = 2;

    private static DiT judge() {
        return TinyModels.randomised(TinyModels.config(VOCAB, CONTEXT, true, false), 3, 0.5);
    }

    /** -log softmax(logits[row])[target], written out with no shift and no shared code. */
    private static double handNll(float[][] logits, int row, int target) {
        double sum = 0;
        for (float x : logits[row]) {
            sum += Math.exp(x);
        }
        return -Math.log(Math.exp(logits[row][target]) / sum);
    }

    @Test
    void nllIsTheSoftmaxOfTheLogitsAtThePreviousPosition() {
        DiT judge = judge();
        int[][] tokens = {{5, 9, 4, 2, 7, 10}, {1, 1, 8, 3, 6, 0}};
        float[][] logits = judge.infer(tokens, null).logits().dup().toFloatMatrix();

        double[][] nll = new JudgeScorer(judge, EOS, 8).nll(tokens);

        double spread = 0;
        for (int b = 0; b < tokens.length; b++) {
            assertTrue(Double.isNaN(nll[b][0]), "position 0 has no context and must be NaN");
            for (int i = 1; i < CONTEXT; i++) {
                double expected = handNll(logits, b * CONTEXT + i - 1, tokens[b][i]);
                assertEquals(expected, nll[b][i], 1e-5, "row " + b + " position " + i);
                spread = Math.max(spread, Math.abs(nll[b][i] - Math.log(VOCAB)));
            }
        }
        assertTrue(spread > 0.1, "the random judge should not predict uniformly; max |nll - ln V| = " + spread);
    }

    @Test
    void paddingToTheContextDoesNotChangeTheNllOfRealTokens() {
        JudgeScorer scorer = new JudgeScorer(judge(), EOS, 8);
        int[] prefix = {7, 4, 9};
        double[] shortRow = scorer.nll(new int[][]{prefix})[0];
        double[] longRow = scorer.nll(new int[][]{{7, 4, 9, 10, 1, 6}})[0];
        double[] eosPadded = scorer.nll(new int[][]{{7, 4, 9, EOS, EOS, EOS}})[0];

        assertEquals(prefix.length, shortRow.length, "one NLL per input token, not per context position");
        assertTrue(Double.isNaN(shortRow[0]) && Double.isNaN(longRow[0]));
        for (int i = 1; i < prefix.length; i++) {
            assertEquals(longRow[i], shortRow[i], 1e-5, "position " + i + " must not see the tokens after it");
            assertEquals(eosPadded[i], shortRow[i], 1e-5, "position " + i);
        }
        double[] otherFirstToken = scorer.nll(new int[][]{{8, 4, 9}})[0];
        assertNotEquals(shortRow[2], otherFirstToken[2], 1e-4, "the NLL of a token does depend on the tokens before it");
    }

    @Test
    void batchingDoesNotChangeTheScores() {
        int[][] tokens = {{5, 9, 4}, {1, 8, 3}, {6, 6, 6}};
        double[][] together = new JudgeScorer(judge(), EOS, 8).nll(tokens);
        double[][] oneByOne = new JudgeScorer(judge(), EOS, 1).nll(tokens);
        for (int b = 0; b < tokens.length; b++) {
            for (int i = 1; i < 3; i++) {
                assertEquals(together[b][i], oneByOne[b][i], 1e-5, Arrays.toString(tokens[b]) + " position " + i);
            }
        }
    }

    @Test
    void genPplOverTheScorerPoolsTheHandComputedNll() {
        DiT judge = judge();
        TextCodec codec = new TextCodec() {
            @Override
            public String decode(int[] ids) {
                return String.join(" ", Arrays.stream(ids).mapToObj(Integer::toString).toList());
            }

            @Override
            public int[] encode(String text) {
                return Arrays.stream(text.split(" ")).mapToInt(Integer::parseInt).toArray();
            }

            @Override
            public int eosId() {
                return EOS;
            }
        };
        // [5 9 4] is padded to [5 9 4 EOS EOS EOS]: scored 9, 4 and the first EOS.
        GenPplResult result = new GenerativePerplexity(codec, new JudgeScorer(judge, EOS, 8)).score(List.of("5 9 4"));
        float[][] logits = judge.infer(new int[][]{{5, 9, 4, EOS, EOS, EOS}}, null).logits().dup().toFloatMatrix();
        double expected = handNll(logits, 0, 9) + handNll(logits, 1, 4) + handNll(logits, 2, EOS);
        assertEquals(3, result.scoredTokens());
        assertEquals(expected, result.nllSum(), 1e-5);
    }

    @Test
    void logSumExpIsStableForLargeLogits() {
        double[] row = {1000.0, 1000.0, -1000.0};
        assertEquals(1000.0 + Math.log(2), JudgeScorer.logSumExp(row, 0, 3), 1e-12);
    }

    @Test
    void refusesJudgesThatCannotScoreAndRowsLongerThanTheContext() {
        IllegalArgumentException bidirectional = assertThrows(IllegalArgumentException.class,
                () -> new JudgeScorer(new DiT(TinyModels.config(VOCAB, CONTEXT, false, false), 1), EOS, 8));
        assertTrue(bidirectional.getMessage().contains("causal"), bidirectional.getMessage());
        IllegalArgumentException timed = assertThrows(IllegalArgumentException.class,
                () -> new JudgeScorer(new DiT(TinyModels.config(VOCAB, CONTEXT, true, true), 1), EOS, 8));
        assertTrue(timed.getMessage().contains("time-conditioned"), timed.getMessage());

        JudgeScorer scorer = new JudgeScorer(judge(), EOS, 8);
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> scorer.nll(new int[][]{{1, 2, 3, 4, 5, 6, 7}}));
        assertTrue(tooLong.getMessage().contains("7 tokens") && tooLong.getMessage().contains("context"), tooLong.getMessage());
        assertEquals(CONTEXT, scorer.maxLength());
    }
}
