package org.tokendrift.tokenizer;

import java.util.Arrays;

/**
 * A map from a pair of token ids to an {@code int}, for the hot loops of BPE training and
 * encoding. Keys are packed as {@code (left << 32) | right}; storage is one open-addressing table
 * with linear probing, which avoids boxing a {@code Long} and an {@code Integer} per lookup.
 * Entries are never removed (a training pair whose count drops to zero simply holds 0).
 */
final class PairMap {

    private static final long EMPTY = -1L;

    private long[] keys;
    private int[] values;
    private int size;

    PairMap(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(16, expectedSize * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(keys, EMPTY);
    }

    /** Packs two non-negative ids into one key; the key order is the lexicographic order of (left, right). */
    static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    static int left(long key) {
        return (int) (key >>> 32);
    }

    static int right(long key) {
        return (int) key;
    }

    int size() {
        return size;
    }

    /** The value stored for {@code key}, or {@code missing} if there is none. */
    int get(long key, int missing) {
        int slot = find(key);
        return keys[slot] == EMPTY ? missing : values[slot];
    }

    void put(long key, int value) {
        int slot = find(key);
        if (keys[slot] == EMPTY) {
            insertAt(slot, key, value);
        } else {
            values[slot] = value;
        }
    }

    /** Adds {@code delta} to the value of {@code key} (a missing key counts as 0) and returns the new value. */
    int add(long key, int delta) {
        int slot = find(key);
        if (keys[slot] == EMPTY) {
            insertAt(slot, key, delta);
            return delta;
        }
        return values[slot] += delta;
    }

    private void insertAt(int slot, long key, int value) {
        keys[slot] = key;
        values[slot] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    private int find(long key) {
        int mask = keys.length - 1;
        int slot = hash(key) & mask;
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = find(oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    /** The 64-bit finaliser of MurmurHash3: spreads both halves of the key over the low bits. */
    private static int hash(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe53ec8f9L;
        h ^= h >>> 33;
        return (int) h;
    }
}
