package org.tokendrift.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {

    private static final int A = BpeTokenizer.FIRST_BYTE_ID + 'a';
    private static final int B = BpeTokenizer.FIRST_BYTE_ID + 'b';
    private static final int C = BpeTokenizer.FIRST_BYTE_ID + 'c';
    private static final int SPACE = BpeTokenizer.FIRST_BYTE_ID + ' ';

    @Test
    void mergesMostFrequentPairFirstAndBreaksTiesBySmallerIds() {
        // Pieces: "ab", " ab", " ab", " cd". Pairs: ab x3, Ġa x2, Ġc x1, cd x1.
        BpeTokenizer tokenizer = new BpeTrainer(new BpeTrainingConfig(BpeTokenizer.FIRST_MERGE_ID + 4, 1))
                .train(List.of("ab ab ab cd"));
        int ab = BpeTokenizer.FIRST_MERGE_ID;
        int spaceAb = ab + 1;
        int spaceC = ab + 2;
        assertEquals(List.of(
                new Merge(A, B, ab),
                new Merge(SPACE, ab, spaceAb),
                new Merge(SPACE, C, spaceC),              // ties with "cd": (Ġ, c) has the smaller left id
                new Merge(spaceC, C + 1, spaceC + 1)), tokenizer.merges());
        assertEquals(" cd", tokenizer.decode(new int[] {spaceC + 1}));
    }

    @Test
    void stopsEarlyWhenNoPairIsFrequentEnough() {
        BpeTokenizer tokenizer = new BpeTrainer(BpeTrainingConfig.builder().vocabSize(1000).build())
                .train(List.of("ab ab cd"));
        // Only "ab" occurs twice; after it, every pair is seen once, below minPairCount = 2.
        assertEquals(List.of(new Merge(A, B, BpeTokenizer.FIRST_MERGE_ID)), tokenizer.merges());
        assertEquals(BpeTokenizer.FIRST_MERGE_ID + 1, tokenizer.vocabSize());
    }

    @Test
    void incrementalCountsGiveTheSameMergesAsRecountingEveryStep() {
        List<String> docs = TestTexts.englishDocuments();
        BpeTrainingConfig config = new BpeTrainingConfig(520, 2);
        BpeTokenizer fast = new BpeTrainer(config).train(docs);
        List<Merge> reference = naiveMerges(docs, config);
        assertEquals(520 - BpeTokenizer.FIRST_MERGE_ID, reference.size());
        assertEquals(reference, fast.merges());
    }

    @Test
    void trainingIsDeterministic() {
        List<String> docs = TestTexts.englishDocuments();
        BpeTrainingConfig config = new BpeTrainingConfig(500, 2);
        assertEquals(new BpeTrainer(config).train(docs).merges(), new BpeTrainer(config).train(docs).merges());
    }

    @Test
    void compressesTheTrainingText() {
        List<String> docs = TestTexts.englishDocuments();
        BpeTokenizer tokenizer = new BpeTrainer(new BpeTrainingConfig(500, 2)).train(docs);
        String text = String.join("\n", docs);
        int tokens = tokenizer.encode(text).length;
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(tokens * 3 < bytes, "expected > 3 bytes per token on the training text, got " + bytes + "/" + tokens);
    }

    @Test
    void rejectsTooSmallVocabulary() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BpeTrainingConfig(100, 2));
        assertTrue(e.getMessage().startsWith("vocabSize 100 is too small"), e.getMessage());
    }

    /** Reference trainer: recounts all pairs from scratch before every merge (slow but obviously right). */
    private static List<Merge> naiveMerges(List<String> docs, BpeTrainingConfig config) {
        Map<String, Integer> counts = new HashMap<>();
        for (String doc : docs) {
            for (String piece : PreTokenizer.split(doc)) {
                counts.merge(piece, 1, Integer::sum);
            }
        }
        List<int[]> words = new ArrayList<>();
        List<Integer> freqs = new ArrayList<>();
        counts.forEach((piece, count) -> {
            byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
            int[] symbols = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                symbols[i] = BpeTokenizer.FIRST_BYTE_ID + (bytes[i] & 0xFF);
            }
            words.add(symbols);
            freqs.add(count);
        });
        List<byte[]> vocab = new ArrayList<>();
        for (int id = 0; id < BpeTokenizer.FIRST_MERGE_ID; id++) {
            vocab.add(id < BpeTokenizer.FIRST_BYTE_ID
                    ? SpecialToken.ofId(id).literal().getBytes(StandardCharsets.UTF_8)
                    : new byte[] {(byte) (id - BpeTokenizer.FIRST_BYTE_ID)});
        }
        Set<String> spelled = new HashSet<>();
        vocab.subList(BpeTokenizer.FIRST_BYTE_ID, vocab.size()).forEach(v -> spelled.add(Arrays.toString(v)));
        List<Merge> merges = new ArrayList<>();
        while (vocab.size() < config.vocabSize()) {
            Map<List<Integer>, Integer> pairCounts = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                int[] s = words.get(w);
                for (int i = 0; i + 1 < s.length; i++) {
                    pairCounts.merge(List.of(s[i], s[i + 1]), freqs.get(w), Integer::sum);
                }
            }
            List<Map.Entry<List<Integer>, Integer>> ranked = new ArrayList<>(pairCounts.entrySet());
            ranked.sort((x, y) -> !x.getValue().equals(y.getValue()) ? y.getValue() - x.getValue()
                    : !x.getKey().get(0).equals(y.getKey().get(0)) ? x.getKey().get(0) - y.getKey().get(0)
                    : x.getKey().get(1) - y.getKey().get(1));
            Merge chosen = null;
            for (Map.Entry<List<Integer>, Integer> entry : ranked) {
                if (entry.getValue() < config.minPairCount()) {
                    break;
                }
                byte[] left = vocab.get(entry.getKey().get(0));
                byte[] right = vocab.get(entry.getKey().get(1));
                byte[] joined = Arrays.copyOf(left, left.length + right.length);
                System.arraycopy(right, 0, joined, left.length, right.length);
                if (spelled.add(Arrays.toString(joined))) {
                    vocab.add(joined);
                    chosen = new Merge(entry.getKey().get(0), entry.getKey().get(1), vocab.size() - 1);
                    break;
                }
            }
            if (chosen == null) {
                break;
            }
            merges.add(chosen);
            for (int w = 0; w < words.size(); w++) {
                int[] s = words.get(w);
                int n = BpeTokenizer.applyMerge(s, s.length, chosen);
                words.set(w, Arrays.copyOf(s, n));
            }
        }
        return merges;
    }
}
