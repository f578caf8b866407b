package org.mlp4j.engine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Class indices and class names derived from integer labels, without ever letting a label's value decide how much
 * memory is allocated.
 *
 * <p>Labels are used as class indices as they are when they are <em>dense</em>: all non-negative and the largest
 * below {@code max(}{@value #DENSE_FLOOR}{@code , 2 × distinct values)} — MNIST's {@code 0..9}, or a small test
 * file that happens to miss a class. Anything else ({@code 1000000000}, {@code -1/1}, {@code 0, 5000, 70000}) is
 * <em>remapped</em>: the classes are the distinct values in ascending order, named by their value. Either way the
 * class count is at most the number of rows plus {@value #DENSE_FLOOR}, which the file's size already justified.
 *
 * @param labels the class index of every row
 * @param names  the class names, {@code labels[i]} indexes them
 */
public record ClassLabels(int[] labels, List<String> names) {
    /** Labels below this are always taken as class indices (a test file may lack some classes). */
    public static final int DENSE_FLOOR = 256;

    /** The classes of {@code values}, dense or remapped as the class comment says; {@code values} is not changed. */
    public static ClassLabels of(int[] values) {
        if (values.length == 0) {
            return new ClassLabels(values, Dataset.numberedClasses(1));
        }
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        int distinct = 1;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        int min = sorted[0];
        int max = sorted[sorted.length - 1];
        if (min >= 0 && max < Math.max(DENSE_FLOOR, 2L * distinct)) {
            return new ClassLabels(values, Dataset.numberedClasses(max + 1));
        }
        int[] keys = new int[distinct];
        List<String> names = new ArrayList<>(distinct);
        int k = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                keys[k++] = sorted[i];
                names.add(Integer.toString(sorted[i]));
            }
        }
        int[] remapped = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            remapped[i] = Arrays.binarySearch(keys, values[i]);
        }
        return new ClassLabels(remapped, List.copyOf(names));
    }
}
