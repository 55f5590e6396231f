package org.tokendrift.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test codec: one token per whitespace-separated word; the vocabulary list gives the ids. */
final class WordCodec implements TextCodec {

    private final List<String> vocabulary;
    private final Map<String, Integer> ids = new HashMap<>();
    private final int eosId;

    WordCodec(List<String> vocabulary, String eosWord) {
        this.vocabulary = List.copyOf(vocabulary);
        for (int i = 0; i < vocabulary.size(); i++) {
            ids.put(vocabulary.get(i), i);
        }
        this.eosId = ids.get(eosWord);
    }

    @Override
    public String decode(int[] tokenIds) {
        return String.join(" ", Arrays.stream(tokenIds).mapToObj(vocabulary::get).toList());
    }

    @Override
    public int[] encode(String text) {
        if (text.isBlank()) {
            return new int[0];
        }
        return Arrays.stream(text.strip().split("\\s+")).mapToInt(word -> {
            Integer id = ids.get(word);
            if (id == null) {
                throw new IllegalArgumentException("word not in the test vocabulary: " + word);
            }
            return id;
        }).toArray();
    }

    @Override
    public int eosId() {
        return eosId;
    }
}
