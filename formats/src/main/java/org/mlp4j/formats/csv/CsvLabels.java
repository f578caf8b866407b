package org.mlp4j.formats.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlp4j.engine.data.ClassLabels;
import org.mlp4j.formats.DataFormatException;

/**
 * The label column's values, collected as distinct texts (few) plus one id per row, then mapped to classes:
 * <ul>
 *   <li>all labels non-negative integers ({@code 3}, {@code 03}, {@code 3.0}) and dense (as {@link ClassLabels}
 *       defines it): the integer is the class index, classes {@code "0"…"max"} (or up to the requested class
 *       count);</li>
 *   <li>all numeric otherwise (e.g. {@code -1}/{@code 1}): classes are the distinct values in ascending order;</li>
 *   <li>anything else ({@code setosa}, {@code cat}): classes are the distinct texts in sorted order.</li>
 * </ul>
 * A requested class count fixes the range of integer labels (so a test set lines up with its training set) and
 * caps the number of distinct labels otherwise.
 */
final class CsvLabels {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> texts = new ArrayList<>();
    /** Line and column of each distinct text's first occurrence, for error messages. */
    private final List<long[]> firstSeen = new ArrayList<>();
    private int[] rowIds = new int[1024];
    private int rows;

    void add(String text, long line, long column) {
        Integer id = ids.get(text);
        if (id == null) {
            id = texts.size();
            ids.put(text, id);
            texts.add(text);
            firstSeen.add(new long[] {line, column});
        }
        if (rows == rowIds.length) {
            rowIds = Arrays.copyOf(rowIds, rowIds.length * 2);
        }
        rowIds[rows++] = id;
    }

    /** The class index of every row and the class names. */
    static final class Classes {
        final int[] labels;
        final List<String> names;

        Classes(int[] labels, List<String> names) {
            this.labels = labels;
            this.names = names;
        }
    }

    Classes resolve(String file, Integer classCount) {
        int distinct = texts.size();
        double[] numbers = new double[distinct];
        boolean numeric = true;
        boolean indices = true;
        NumberScanner scanner = new NumberScanner();
        for (int i = 0; i < distinct && numeric; i++) {
            String t = texts.get(i);
            numeric = scanner.isNumber(t);
            if (numeric) {
                numbers[i] = Double.parseDouble(t.strip());
                indices &= numbers[i] >= 0 && numbers[i] == Math.rint(numbers[i]) && numbers[i] < Integer.MAX_VALUE;
            }
        }
        int[] classOfText = new int[distinct];
        List<String> names;
        double largest = -1;
        for (int i = 0; i < distinct && numeric && indices; i++) {
            largest = Math.max(largest, numbers[i]);
        }
        // A label's value never decides the class count by itself: 1000000000 alone is one class, not 1e9.
        boolean dense = largest < Math.max(ClassLabels.DENSE_FLOOR, 2.0 * distinct);
        if (numeric && indices && (classCount != null || dense)) {
            int max = -1;
            for (int i = 0; i < distinct; i++) {
                classOfText[i] = (int) numbers[i];
                max = Math.max(max, classOfText[i]);
            }
            int count = classCount != null ? classCount : max + 1;
            for (int i = 0; i < distinct; i++) {
                if (classOfText[i] >= count) {
                    throw outOfRange(file, i, count);
                }
            }
            names = numbered(count);
        } else {
            Integer[] order = new Integer[distinct];
            Arrays.setAll(order, i -> i);
            Comparator<Integer> byValue = numeric
                    ? Comparator.comparingDouble(i -> numbers[i])
                    : Comparator.comparing(texts::get);
            Arrays.sort(order, byValue);
            names = new ArrayList<>();
            for (int r = 0; r < distinct; r++) {
                int i = order[r];
                // Equal numbers written differently (1 and 1.0) are one class.
                boolean same = numeric && r > 0 && numbers[i] == numbers[order[r - 1]];
                if (!same) {
                    names.add(texts.get(i).strip());
                }
                classOfText[i] = names.size() - 1;
            }
            if (classCount != null && names.size() > classCount) {
                int firstBeyond = order[distinct - 1];
                throw outOfRange(file, firstBeyond, classCount);
            }
        }
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = classOfText[rowIds[r]];
        }
        return new Classes(labels, List.copyOf(names));
    }

    private DataFormatException outOfRange(String file, int text, int count) {
        long[] at = firstSeen.get(text);
        return new DataFormatException(file, DataFormatException.atLine(at[0], at[1]), "label '" + texts.get(text)
                + "' is outside the " + count + " classes (expected a class index in 0.." + (count - 1) + ")");
    }

    private static List<String> numbered(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }
}
