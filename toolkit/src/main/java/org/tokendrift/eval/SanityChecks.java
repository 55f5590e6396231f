package org.tokendrift.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Checks that the judge and the Gen-PPL pipeline measure what they should, to run once a judge
 * exists:
 * <ul>
 *   <li>{@link #realVsShuffled}: held-out real text must score far better than the same tokens in
 *       random order; if not, the judge learned unigram statistics only (or the pipeline is broken);</li>
 *   <li>{@link #realTextRow}: Gen-PPL and diversity of held-out real text, scored exactly like
 *       samples, recorded as the {@code real_text} reference row ({@code nfe = 0}).</li>
 * </ul>
 */
public final class SanityChecks {

    /**
     * Gen-PPL of real text and of its shuffled version; {@code ratio = shuffled / real}.
     */
    public record ShuffleCheck(GenPplResult real, GenPplResult shuffled) {

        public double ratio() {
            return shuffled.genPpl() / real.genPpl();
        }

        /** True if shuffling made Gen-PPL at least {@code minRatio} times worse. */
        public boolean passes(double minRatio) {
            return ratio() >= minRatio;
        }
    }

    private SanityChecks() {
    }

    /**
     * Scores real texts and the same judge tokens shuffled within each sequence. Only non-EOS
     * positions are permuted (EOS tokens stay where they are), so both versions have the same tokens
     * and the same scored positions under the first-EOS rule; only the order differs.
     */
    public static ShuffleCheck realVsShuffled(List<String> realTexts, GenerativePerplexity genPpl, long seed) {
        Random random = new Random(seed);
        List<int[]> real = new ArrayList<>(realTexts.size());
        List<int[]> shuffled = new ArrayList<>(realTexts.size());
        for (String text : realTexts) {
            int[] ids = genPpl.judgeTokens(text);
            real.add(ids);
            shuffled.add(shuffleNonEos(ids, genPpl.judgeEosId(), random));
        }
        return new ShuffleCheck(genPpl.scoreJudgeTokens(real), genPpl.scoreJudgeTokens(shuffled));
    }

    /**
     * The {@code real_text} reference row: held-out sequences (generator ids, for example validation
     * blocks of the sample length) decoded and scored like samples.
     *
     * @param seed seed that selected the held-out sequences, recorded in the row
     */
    public static ResultRow realTextRow(String backbone, int[][] heldOutIds, long seed, TextCodec generatorCodec,
                                        SampleEvaluator evaluator) {
        SampleSet realText = realTextSamples(backbone, heldOutIds, seed, generatorCodec);
        return ResultRow.of(realText, evaluator.evaluate(realText));
    }

    /** Held-out sequences as a sample set with method {@code real_text}, {@code nfe = 0}, {@code train_steps = 0}. */
    public static SampleSet realTextSamples(String backbone, int[][] heldOutIds, long seed, TextCodec generatorCodec) {
        return SampleSet.decode(realTextDescriptor(backbone), 0, seed, heldOutIds, generatorCodec);
    }

    /** What the {@code real_text} reference rows of a backbone are: method {@code real_text}, {@code train_steps = 0}. */
    public static SampleDescriptor realTextDescriptor(String backbone) {
        return new SampleDescriptor(backbone, Methods.REAL_TEXT, "held-out", 0);
    }

    private static int[] shuffleNonEos(int[] ids, int eosId, Random random) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != eosId) {
                positions.add(i);
            }
        }
        int[] shuffled = ids.clone();
        // Fisher-Yates over the non-EOS positions.
        for (int k = positions.size() - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int a = positions.get(k);
            int b = positions.get(j);
            int tmp = shuffled[a];
            shuffled[a] = shuffled[b];
            shuffled[b] = tmp;
        }
        return shuffled;
    }
}
