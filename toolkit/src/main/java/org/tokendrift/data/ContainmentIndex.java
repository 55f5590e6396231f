package org.tokendrift.data;

import java.util.Arrays;
import java.util.List;

/**
 * Answers "does this text occur inside one of the indexed texts?" (on {@link NormalizedText} keys),
 * used to drop nlp-corpus sentences that are copies of Brown text.
 *
 * <p>Every window of {@link #WINDOW} key characters of the indexed texts is hashed into a sorted
 * array. A query key's first and last windows must both be present (a quick filter that can only
 * err towards "maybe"), and a maybe is confirmed by a real substring search. Keys shorter than a
 * window are never reported: short sentences ("Good luck.") recur in any large corpus and are not
 * evidence of copying.
 */
final class ContainmentIndex {

    static final int WINDOW = 40;

    private final String[] keys;
    private final long[] windowHashes;

    ContainmentIndex(List<String> texts) {
        this.keys = texts.stream().map(NormalizedText::key).toArray(String[]::new);
        int total = Arrays.stream(keys).mapToInt(k -> Math.max(0, k.length() - WINDOW + 1)).sum();
        long[] hashes = new long[total];
        int n = 0;
        for (String key : keys) {
            for (int start = 0; start + WINDOW <= key.length(); start++) {
                hashes[n++] = hash(key, start);
            }
        }
        Arrays.sort(hashes);
        this.windowHashes = hashes;
    }

    /** True if the normalised {@code text} has at least {@link #WINDOW} characters and occurs in an indexed text. */
    boolean containsCopyOf(String text) {
        String key = NormalizedText.key(text);
        if (key.length() < WINDOW
                || Arrays.binarySearch(windowHashes, hash(key, 0)) < 0
                || Arrays.binarySearch(windowHashes, hash(key, key.length() - WINDOW)) < 0) {
            return false;
        }
        for (String indexed : keys) {
            if (indexed.contains(key)) {
                return true;
            }
        }
        return false;
    }

    private static long hash(String key, int start) {
        long h = 1125899906842597L;
        for (int i = start; i < start + WINDOW; i++) {
            h = 31 * h + key.charAt(i);
        }
        return h;
    }
}
