package org.tokendrift.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The three corpus splits and the rule that assigns a document to one of them.
 *
 * <p>Rule: the first 8 bytes of SHA-256 of the document id, read as an unsigned big-endian number,
 * modulo 100, give a bucket; buckets 0..89 are {@link #TRAIN}, 90..94 {@link #VALID}, 95..99
 * {@link #TEST}. The split depends on nothing but the id, so it is stable when the corpus grows or
 * its order changes, and whole documents (never parts of one) land in a split.
 */
public enum Split {
    TRAIN, VALID, TEST;

    /** Lower-case name used in file names: {@code train}, {@code valid}, {@code test}. */
    public String fileStem() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The split of a document id. */
    public static Split of(String documentId) {
        int bucket = bucket(documentId, 100);
        return bucket < 90 ? TRAIN : bucket < 95 ? VALID : TEST;
    }

    /** {@code SHA-256(key)}'s first 8 bytes as an unsigned number, modulo {@code buckets}. */
    static int bucket(String key, int buckets) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (hash[i] & 0xFF);
            }
            return (int) Long.remainderUnsigned(value, buckets);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The split named {@code train}, {@code valid} or {@code test}; fails clearly otherwise. */
    public static Split parse(String name) {
        for (Split split : values()) {
            if (split.fileStem().equals(name.toLowerCase(Locale.ROOT))) {
                return split;
            }
        }
        throw new IllegalArgumentException("unknown split \"" + name + "\"; expected train, valid or test");
    }
}
