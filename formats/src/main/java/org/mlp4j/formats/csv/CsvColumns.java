package org.mlp4j.formats.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.ReadOptions;

/**
 * What each column of a CSV file is — feature, class label or regression target — from the options and the
 * header. Column specs are a header name, a 0-based index (negative counts from the end), {@code last}, or
 * (for the label) {@code none}.
 */
final class CsvColumns {
    /** {@link CsvParser#FEATURE}, {@link CsvParser#LABEL} or {@link CsvParser#TARGET} per column. */
    final byte[] roles;
    /** For target columns, the index within the target row. */
    final int[] targetSlot;
    final int labelColumn;
    final int featureCount;
    final int targetCount;
    /** Header names of the feature columns (null without a header), e.g. for writing the file back. */
    final List<String> featureNames;

    private CsvColumns(byte[] roles, int[] targetSlot, int labelColumn, int targetCount, List<String> featureNames) {
        this.roles = roles;
        this.targetSlot = targetSlot;
        this.labelColumn = labelColumn;
        this.targetCount = targetCount;
        this.featureCount = roles.length - targetCount - (labelColumn >= 0 ? 1 : 0);
        this.featureNames = featureNames;
    }

    /**
     * @param header the header's names, or null when the file has none
     * @param columns fields per row
     * @param firstLine the line number of the first row (for messages)
     */
    static CsvColumns resolve(String file, List<String> header, int columns, long firstLine, ReadOptions options) {
        byte[] roles = new byte[columns];
        int[] targetSlot = new int[columns];
        List<String> targets = options.targetColumns();
        int label;
        if (!targets.isEmpty()) {
            String spec = options.labelColumn();
            if (spec != null && !spec.strip().equalsIgnoreCase("none")) {
                throw new IllegalArgumentException("give either a label column (classification) or target columns"
                        + " (regression), not both");
            }
            label = -1;
            for (int t = 0; t < targets.size(); t++) {
                int c = column(file, header, columns, firstLine, targets.get(t));
                if (roles[c] == CsvParser.TARGET) {
                    throw new IllegalArgumentException("target column '" + targets.get(t) + "' is given twice");
                }
                roles[c] = CsvParser.TARGET;
                targetSlot[c] = t;
            }
        } else {
            String spec = options.labelColumn();
            if (spec == null) {
                // A header without a "label" column is a file of features only (Kaggle's test.csv); without a
                // header, the MNIST-as-CSV convention puts the label first.
                label = header == null ? 0 : indexOfIgnoreCase(header, "label");
            } else if (spec.strip().equalsIgnoreCase("none")) {
                label = -1;
            } else {
                label = column(file, header, columns, firstLine, spec);
            }
            if (label >= 0) {
                roles[label] = CsvParser.LABEL;
            }
        }
        CsvColumns result = new CsvColumns(roles, targetSlot, label, targets.size(), featureNames(header, roles));
        if (result.featureCount < 1) {
            throw new DataFormatException(file, DataFormatException.atLine(firstLine, 1), "no feature columns: the rows"
                    + " have " + columns + " field" + (columns == 1 ? "" : "s") + ", all of them "
                    + (label >= 0 ? "label" : "targets"));
        }
        return result;
    }

    private static int column(String file, List<String> header, int columns, long firstLine, String spec) {
        String s = spec.strip();
        if (s.equalsIgnoreCase("last")) {
            return columns - 1;
        }
        if (s.matches("[+-]?\\d{1,9}")) {
            int i = Integer.parseInt(s);
            int c = i < 0 ? columns + i : i;
            if (c < 0 || c >= columns) {
                throw new DataFormatException(file, DataFormatException.atLine(firstLine, 1), "column index " + i
                        + " is out of range: the rows have " + columns + " fields (0.." + (columns - 1) + ")");
            }
            return c;
        }
        if (header == null) {
            throw new DataFormatException(file, DataFormatException.atLine(firstLine, 1), "no column named '" + s
                    + "': the file has no header (name columns by 0-based index or 'last')");
        }
        int c = header.indexOf(s);
        if (c < 0) {
            c = indexOfIgnoreCase(header, s);
        }
        if (c < 0) {
            throw new DataFormatException(file, DataFormatException.atLine(firstLine, 1), "no column named '" + s
                    + "' in the header (it has " + abbreviated(header) + ")");
        }
        return c;
    }

    private static int indexOfIgnoreCase(List<String> header, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().toLowerCase(Locale.ROOT).equals(n)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> featureNames(List<String> header, byte[] roles) {
        if (header == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < roles.length; c++) {
            if (roles[c] == CsvParser.FEATURE) {
                names.add(header.get(c));
            }
        }
        return List.copyOf(names);
    }

    private static String abbreviated(List<String> header) {
        if (header.size() <= 8) {
            return String.join(", ", header);
        }
        return String.join(", ", header.subList(0, 6)) + ", …, " + header.get(header.size() - 1);
    }
}
