package org.mlp4j.formats.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.ReadOptions;
import org.mlp4j.formats.io.Gzip;

/**
 * Reads numeric CSV files (plain or gzip, recognised by magic bytes) into a {@link Dataset}.
 *
 * <ul>
 *   <li>A header is detected when the first row has a cell that is not a number (or forced with
 *       {@link ReadOptions#header()}).</li>
 *   <li>The label column is {@link ReadOptions#labelColumn()}: a header name, a 0-based index, {@code last}/{@code -1},
 *       or {@code none}. By default it is the header column named {@code label} (case-insensitive) — a header
 *       without one means the file holds features only, like Kaggle's {@code test.csv} — and column 0 when there
 *       is no header (MNIST as CSV).</li>
 *   <li>With {@link ReadOptions#targetColumns()} the result is a regression set with those columns as targets.</li>
 *   <li>Labels that are all non-negative integers are class indices {@code 0..max}; other labels become classes in
 *       sorted order (numerically when all are numbers).</li>
 *   <li>Cells: integers and decimals with optional sign and exponent, optionally in double quotes, spaces around
 *       them ignored; lines end with {@code \n} or {@code \r\n}; the final newline is optional and blank lines are
 *       skipped; a UTF-8 byte order mark is skipped.</li>
 * </ul>
 * Every row must have as many fields as the first; any cell in a feature or target column must be a number.
 * Errors name the file, the line and the column (bytes from 1).
 */
public final class CsvReader {
    private CsvReader() {
    }

    /** Reads {@code file} with {@code options}. */
    public static Dataset read(Path file, ReadOptions options) throws IOException {
        return read(file.toString(), Gzip.open(file), options);
    }

    /** Reads CSV from a stream (closed when done); {@code name} is used in error messages. */
    public static Dataset read(String name, InputStream in, ReadOptions options) throws IOException {
        try (CsvParser parser = new CsvParser(name, in)) {
            List<String> first = parser.peekRow();
            if (first == null) {
                throw new DataFormatException(name, DataFormatException.atLine(1, 1),
                        "empty file: expected a header or a row of numbers");
            }
            long firstLine = parser.nextLine();
            boolean header = options.header() != null ? options.header() : hasNonNumericCell(first);
            List<String> names = header ? first : null;
            CsvColumns columns = CsvColumns.resolve(name, names, first.size(), firstLine, options);
            if (header) {
                parser.skipRow();
            }
            RowStore features = new RowStore(columns.featureCount);
            RowStore targets = columns.targetCount > 0 ? new RowStore(columns.targetCount) : null;
            CsvLabels labels = columns.labelColumn >= 0 ? new CsvLabels() : null;
            long rows = parser.readRows(columns.roles, columns.targetSlot, names, features, targets, labels);
            if (rows == 0) {
                throw new DataFormatException(name, DataFormatException.atLine(parser.nextLine(), 1),
                        "no data rows" + (header ? " after the header" : ""));
            }
            int n = (int) rows;
            float[] x = features.toArray();
            if (targets != null) {
                return Dataset.regression(x, n, columns.featureCount, targets.toArray(), columns.targetCount);
            }
            if (labels != null) {
                CsvLabels.Classes classes = labels.resolve(name, options.classCount());
                return Dataset.classification(x, n, columns.featureCount, classes.labels, classes.names);
            }
            return Dataset.unlabeled(x, n, columns.featureCount);
        }
    }

    /**
     * The header's names of a CSV file, or null when its first row is data (detected as {@link #read} does, or as
     * {@code options.header()} says). Reads only the first row.
     */
    public static List<String> header(Path file, ReadOptions options) throws IOException {
        try (CsvParser parser = new CsvParser(file.toString(), Gzip.open(file))) {
            List<String> first = parser.peekRow();
            if (first == null) {
                return null;
            }
            boolean header = options.header() != null ? options.header() : hasNonNumericCell(first);
            return header ? List.copyOf(first) : null;
        }
    }

    private static boolean hasNonNumericCell(List<String> cells) {
        NumberScanner scanner = new NumberScanner();
        for (String c : cells) {
            if (!scanner.isNumber(c)) {
                return true;
            }
        }
        return false;
    }
}
