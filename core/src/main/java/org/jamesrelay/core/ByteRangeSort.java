package org.jamesrelay.core;

import java.util.Arrays;

/**
 * Sorts indexes of byte ranges ({@code bytes[starts[i], starts[i + 1])}) by the unsigned order of their bytes, with a
 * merge sort over {@code int}s: {@code java.util} sorts primitives only by their own value.
 */
final class ByteRangeSort {
    private static final int INSERTION_SORT_BELOW = 16;

    private final byte[] bytes;
    private final int[] starts;

    ByteRangeSort(byte[] bytes, int[] starts) {
        this.bytes = bytes;
        this.starts = starts;
    }

    void sort(int[] indexes) {
        int[] buffer = indexes.clone();
        mergeSort(buffer, indexes, 0, indexes.length);
    }

    /** Sorts {@code target[from, to)}, with {@code source[from, to)} holding the same indexes as scratch. */
    private void mergeSort(int[] source, int[] target, int from, int to) {
        if (to - from < INSERTION_SORT_BELOW) {
            insertionSort(target, from, to);
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(target, source, from, middle);
        mergeSort(target, source, middle, to);
        if (compare(source[middle - 1], source[middle]) <= 0) {
            System.arraycopy(source, from, target, from, to - from);
            return;
        }
        int left = from;
        int right = middle;
        for (int i = from; i < to; i++) {
            if (right >= to || left < middle && compare(source[left], source[right]) <= 0) {
                target[i] = source[left++];
            } else {
                target[i] = source[right++];
            }
        }
    }

    private void insertionSort(int[] indexes, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int index = indexes[i];
            int j = i - 1;
            while (j >= from && compare(indexes[j], index) > 0) {
                indexes[j + 1] = indexes[j];
                j--;
            }
            indexes[j + 1] = index;
        }
    }

    private int compare(int a, int b) {
        return Arrays.compareUnsigned(bytes, starts[a], starts[a + 1], bytes, starts[b], starts[b + 1]);
    }
}
