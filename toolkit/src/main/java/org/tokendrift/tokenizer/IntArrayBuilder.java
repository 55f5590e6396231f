package org.tokendrift.tokenizer;

import java.util.Arrays;

/** A growable {@code int[]} (the JDK has none without boxing). */
final class IntArrayBuilder {

    private int[] values;
    private int size;

    IntArrayBuilder(int initialCapacity) {
        values = new int[Math.max(4, initialCapacity)];
    }

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    void addAll(int[] more) {
        if (size + more.length > values.length) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, size + more.length));
        }
        System.arraycopy(more, 0, values, size, more.length);
        size += more.length;
    }

    int get(int index) {
        return values[index];
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
