package org.tokendrift.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * Learns byte-level BPE merges from text (Sennrich et al. 2016, with GPT-2's byte-level alphabet).
 *
 * <p>Algorithm: the texts are cut into pieces by {@link PreTokenizer} and the distinct pieces are
 * counted ("words"), so each distinct piece is processed once however often it occurs. Then, until
 * the vocabulary is full, the most frequent adjacent token pair is merged into a new token.
 *
 * <p>The pair counts are maintained incrementally rather than recounted after each merge: an index
 * from each pair to the words that contain it limits a merge's work to the words it changes; each
 * such word's pairs are subtracted, the merge is applied, and its new pairs added back. The most
 * frequent pair is found with a max-heap holding possibly stale counts: counts only fall, except
 * for the pairs that contain the merge result, which are pushed afresh after every merge; so a
 * popped entry whose count still matches is the true maximum, and a stale one is pushed back with
 * its current count ("lazy deletion").
 *
 * <p>A pair whose bytes are already spelled by an earlier token is skipped, so merge {@code k}
 * always creates token {@code FIRST_MERGE_ID + k}.
 *
 * <p>Determinism: ties between pairs of equal count go to the smaller pair of ids (left id first,
 * then right id), and no result depends on hash-map iteration order; the same texts always give
 * the same merges.
 */
public final class BpeTrainer {

    private final BpeTrainingConfig config;

    public BpeTrainer(BpeTrainingConfig config) {
        this.config = config;
    }

    /** Trains on the texts (each one pre-tokenised on its own, so no token spans two texts). */
    public BpeTokenizer train(Iterable<String> texts) {
        Words words = countWords(texts);
        List<byte[]> vocab = initialVocabulary();
        Map<String, Integer> idOfBytes = new HashMap<>();
        for (int id = BpeTokenizer.FIRST_BYTE_ID; id < vocab.size(); id++) {
            idOfBytes.put(ByteLevelAlphabet.toVisible(vocab.get(id)), id);
        }
        PairIndex index = new PairIndex(words);
        List<Merge> merges = new ArrayList<>();
        while (vocab.size() < config.vocabSize()) {
            long pair = index.popMostFrequent(config.minPairCount());
            if (pair < 0) {
                break;
            }
            byte[] joined = concat(vocab.get(PairMap.left(pair)), vocab.get(PairMap.right(pair)));
            String visible = ByteLevelAlphabet.toVisible(joined);
            if (idOfBytes.containsKey(visible)) {
                // Another pair already spells these bytes ("ab"+"c" vs "a"+"bc"): leave this pair
                // unmerged, so that every token has exactly one merge and no merge repeats.
                continue;
            }
            int result = vocab.size();
            vocab.add(joined);
            idOfBytes.put(visible, result);
            Merge merge = new Merge(PairMap.left(pair), PairMap.right(pair), result);
            merges.add(merge);
            index.apply(merge, merges.size());
        }
        return new BpeTokenizer(vocab, merges);
    }

    private static List<byte[]> initialVocabulary() {
        List<byte[]> vocab = new ArrayList<>();
        for (SpecialToken special : SpecialToken.values()) {
            vocab.add(special.literal().getBytes(StandardCharsets.UTF_8));
        }
        for (int b = 0; b < 256; b++) {
            vocab.add(new byte[] {(byte) b});
        }
        return vocab;
    }

    /** The distinct pieces of all texts, sorted (so ids of words do not depend on hashing), with counts. */
    private static Words countWords(Iterable<String> texts) {
        Map<String, int[]> counts = new HashMap<>();
        for (String text : texts) {
            BpeTokenizer.checkValidUnicode(text);
            Matcher m = PreTokenizer.matcher(text);
            while (m.find()) {
                counts.computeIfAbsent(m.group(), k -> new int[1])[0]++;
            }
        }
        String[] pieces = counts.keySet().toArray(String[]::new);
        Arrays.sort(pieces);
        int[][] symbols = new int[pieces.length][];
        int[] freq = new int[pieces.length];
        for (int w = 0; w < pieces.length; w++) {
            byte[] bytes = pieces[w].getBytes(StandardCharsets.UTF_8);
            symbols[w] = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                symbols[w][i] = BpeTokenizer.FIRST_BYTE_ID + (bytes[i] & 0xFF);
            }
            freq[w] = counts.get(pieces[w])[0];
        }
        return new Words(symbols, new int[pieces.length], freq);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    /** Distinct pieces as token-id sequences; {@code length[w]} is the live prefix of {@code symbols[w]}. */
    private record Words(int[][] symbols, int[] length, int[] freq) {
        Words {
            for (int w = 0; w < symbols.length; w++) {
                length[w] = symbols[w].length;
            }
        }
    }

    /** A heap entry: a pair and its count when pushed. Larger counts first, then smaller pairs. */
    private record Candidate(int count, long pair) implements Comparable<Candidate> {
        @Override
        public int compareTo(Candidate other) {
            return count != other.count ? Integer.compare(other.count, count) : Long.compare(pair, other.pair);
        }
    }

    /** Pair counts, the pair-to-words index and the max-heap, updated merge by merge. */
    private static final class PairIndex {
        private final Words words;
        private final PairMap counts = new PairMap(1 << 16);
        private final Map<Long, IntArrayBuilder> wordsWithPair = new HashMap<>();
        private final PriorityQueue<Candidate> heap = new PriorityQueue<>();
        private final int[] lastVisit;

        PairIndex(Words words) {
            this.words = words;
            this.lastVisit = new int[words.symbols().length];
            for (int w = 0; w < words.symbols().length; w++) {
                int[] s = words.symbols()[w];
                for (int i = 0; i + 1 < s.length; i++) {
                    long pair = PairMap.key(s[i], s[i + 1]);
                    counts.add(pair, words.freq()[w]);
                    wordsWithPair.computeIfAbsent(pair, k -> new IntArrayBuilder(4)).add(w);
                }
            }
            for (Long pair : new TreeSet<>(wordsWithPair.keySet())) {
                heap.add(new Candidate(counts.get(pair, 0), pair));
            }
        }

        /** The most frequent pair (ties: smallest ids), or -1 if none is seen at least {@code minCount} times. */
        long popMostFrequent(int minCount) {
            for (Candidate top; (top = heap.poll()) != null; ) {
                int current = counts.get(top.pair(), 0);
                if (current == top.count()) {
                    return current >= minCount ? top.pair() : -1;
                }
                if (current >= minCount) {
                    heap.add(new Candidate(current, top.pair()));
                }
            }
            return -1;
        }

        /** Applies {@code merge} to every word containing its pair and updates the counts; {@code step} is unique per merge. */
        void apply(Merge merge, int step) {
            long pair = PairMap.key(merge.left(), merge.right());
            IntArrayBuilder candidates = wordsWithPair.remove(pair);
            Set<Long> grown = new HashSet<>();
            for (int c = 0; c < candidates.size(); c++) {
                int w = candidates.get(c);
                if (lastVisit[w] == step) {
                    continue;
                }
                lastVisit[w] = step;
                int[] s = words.symbols()[w];
                int n = words.length()[w];
                int f = words.freq()[w];
                for (int i = 0; i + 1 < n; i++) {
                    counts.add(PairMap.key(s[i], s[i + 1]), -f);
                }
                n = BpeTokenizer.applyMerge(s, n, merge);
                words.length()[w] = n;
                for (int i = 0; i + 1 < n; i++) {
                    long p = PairMap.key(s[i], s[i + 1]);
                    counts.add(p, f);
                    if (s[i] == merge.result() || s[i + 1] == merge.result()) {
                        wordsWithPair.computeIfAbsent(p, k -> new IntArrayBuilder(4)).add(w);
                        grown.add(p);
                    }
                }
            }
            // Only pairs that contain the merge result can have grown: push their new counts.
            for (long p : grown) {
                heap.add(new Candidate(counts.get(p, 0), p));
            }
        }
    }
}
