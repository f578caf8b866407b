package org.mlp4j.formats.csv;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipException;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.io.MemoryBudget;

/**
 * The byte-level CSV scanner: reads the input in large blocks and parses only complete lines, so the hot loop
 * never checks for the end of the buffer — every line in {@code [pos, parseLimit)} ends with {@code '\n'}
 * (a missing final newline is supplied at the end of input). Cells become floats in place; only label cells
 * become Strings.
 *
 * <p>Columns in error messages count bytes from 1 at the start of the line.
 */
final class CsvParser implements AutoCloseable {
    static final byte FEATURE = 0;
    static final byte LABEL = 1;
    static final byte TARGET = 2;

    private static final int INITIAL_BUFFER = 1 << 20;

    private final String file;
    private final InputStream in;
    private final NumberScanner numbers = new NumberScanner();
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int pos;
    private int limit;
    /** End of the last complete line in the buffer. */
    private int parseLimit;
    private boolean eof;
    private boolean started;
    /** Lines consumed so far (blank ones included), so the next line is {@code line + 1}. */
    private long line;

    CsvParser(String file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    /** Ensures {@code [pos, parseLimit)} holds at least one complete line; false at the end of the input. */
    private boolean fill() throws IOException {
        if (pos < parseLimit) {
            return true;
        }
        if (eof) {
            return false;
        }
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        limit -= pos;
        pos = 0;
        parseLimit = 0;
        while (true) {
            if (limit == buf.length) {
                // a line longer than the buffer; a gzip bomb without newlines must not grow it without bound
                MemoryBudget.check(file, DataFormatException.atLine(line + 1, 1), 2.0 * buf.length * 3,
                        "a line of more than " + buf.length + " bytes");
                buf = Arrays.copyOf(buf, Math.toIntExact(Math.min(Integer.MAX_VALUE - 16, buf.length * 2L)));
            }
            int want = buf.length - limit;
            int n;
            try {
                n = in.readNBytes(buf, limit, want);
            } catch (EOFException | ZipException e) {
                throw new DataFormatException(file, DataFormatException.atLine(line + 1, 1),
                        "the gzip stream is corrupt or truncated: " + e.getMessage(), e);
            }
            int from = limit;
            limit += n;
            if (!started) {
                started = true;
                if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
                    pos = 3; // a UTF-8 byte order mark, as spreadsheet programs write
                    from = 3;
                }
            }
            if (n < want) {
                eof = true;
                if (limit > pos && buf[limit - 1] != '\n') {
                    if (limit == buf.length) {
                        buf = Arrays.copyOf(buf, buf.length + 1);
                    }
                    buf[limit++] = '\n';
                }
                parseLimit = limit;
                return pos < parseLimit;
            }
            for (int i = limit - 1; i >= from; i--) {
                if (buf[i] == '\n') {
                    parseLimit = i + 1;
                    return true;
                }
            }
        }
    }

    /** Skips blank lines; false when the input has no more rows. */
    private boolean skipBlankLines() throws IOException {
        while (fill()) {
            int q = pos;
            while (buf[q] == ' ' || buf[q] == '\t' || buf[q] == '\r') {
                q++;
            }
            if (buf[q] != '\n') {
                return true;
            }
            pos = q + 1;
            line++;
        }
        return false;
    }

    /** The cells of the next non-blank line as Strings (quotes removed), without consuming it; null at the end. */
    List<String> peekRow() throws IOException {
        if (!skipBlankLines()) {
            return null;
        }
        List<String> cells = new ArrayList<>();
        int p = pos;
        while (true) {
            while (buf[p] == ' ' || buf[p] == '\t') {
                p++;
            }
            String cell;
            if (buf[p] == '"') {
                int[] end = new int[1];
                cell = quoted(p, pos, line + 1, end);
                p = end[0];
                while (buf[p] == ' ' || buf[p] == '\t') {
                    p++;
                }
            } else {
                int start = p;
                while (buf[p] != ',' && buf[p] != '\n') {
                    p++;
                }
                cell = new String(buf, start, trimEnd(start, p) - start, StandardCharsets.UTF_8);
            }
            cells.add(cell);
            if (buf[p] == ',') {
                p++;
            } else if (buf[p] == '\r' && buf[p + 1] == '\n' || buf[p] == '\n') {
                return cells;
            } else {
                throw new DataFormatException(file, DataFormatException.atLine(line + 1, p - pos + 1),
                        "expected a comma or the end of the line after a quoted cell, found '" + (char) buf[p] + "'");
            }
        }
    }

    /** The number the next line will have. */
    long nextLine() {
        return line + 1;
    }

    /** Consumes the line {@link #peekRow()} returned. */
    void skipRow() throws IOException {
        if (!skipBlankLines()) {
            return;
        }
        int p = pos;
        while (buf[p] != '\n') {
            p++;
        }
        pos = p + 1;
        line++;
    }

    /**
     * Parses every remaining row: {@code roles[c]} says what column {@code c} is, {@code targetSlot[c]} where a
     * target column goes in its row. Returns the number of rows read.
     */
    long readRows(byte[] roles, int[] targetSlot, List<String> header, RowStore features, RowStore targets,
                  CsvLabels labels) throws IOException {
        final int targetWidth = targets == null ? 0 : targets.width();
        final long maxRows = (Integer.MAX_VALUE - 8) / Math.max(1, Math.max(features.width(), targetWidth));
        long rows = 0;
        while (fill()) {
            final byte[] b = buf;
            final int end = parseLimit;
            int p = pos;
            while (p < end) {
                line++;
                int q = p;
                while (b[q] == ' ' || b[q] == '\t' || b[q] == '\r') {
                    q++;
                }
                if (b[q] == '\n') {
                    p = q + 1;
                    continue;
                }
                if (++rows > maxRows) {
                    throw new DataFormatException(file, DataFormatException.atLine(line, 1),
                            "too many rows: more values than one Java array holds");
                }
                try {
                    features.startRow();
                    if (targets != null) {
                        targets.startRow();
                    }
                } catch (RowStore.BudgetExceeded e) {
                    throw new DataFormatException(file, DataFormatException.atLine(line, 1), "the rows so far ("
                            + e.rows + ") and more would take " + MemoryBudget.human(e.bytes)
                            + " as floats, more than the memory budget (" + MemoryBudget.advice() + ")");
                }
                p = parseRow(p, roles, targetSlot, header, features, targets, labels);
            }
            pos = p;
        }
        return rows;
    }

    /**
     * Parses the row starting at {@code p} into the stores (whose rows are started); returns the start of the next
     * line. A method of its own, entered once per row, so the JIT compiles it early and whole rather than relying on
     * on-stack replacement of one long-running loop.
     */
    private int parseRow(int p, byte[] roles, int[] targetSlot, List<String> header, RowStore features,
                         RowStore targets, CsvLabels labels) {
        final byte[] b = buf;
        final NumberScanner ns = numbers;
        final int columns = roles.length;
        final int lineStart = p;
        final float[] fb = features.block;
        int fa = features.at;
        final float[] tb = targets == null ? null : targets.block;
        final int ta = targets == null ? 0 : targets.at;
        for (int c = 0; c < columns; c++) {
            while (b[p] == ' ' || b[p] == '\t') {
                p++;
            }
            final byte role = roles[c];
            if (role == LABEL) {
                p = label(p, lineStart, c, header, labels);
            } else {
                if (b[p] == '"') {
                    p = quotedNumber(p, lineStart, c, header);
                } else if (ns.scan(b, p)) {
                    p = ns.end;
                } else {
                    throw notANumber(p, lineStart, c, header);
                }
                if (role == FEATURE) {
                    fb[fa++] = ns.value;
                } else {
                    tb[ta + targetSlot[c]] = ns.value;
                }
            }
            while (b[p] == ' ' || b[p] == '\t') {
                p++;
            }
            byte d = b[p];
            if (d == ',') {
                if (c == columns - 1) {
                    throw tooManyFields(p, lineStart, columns);
                }
                p++;
            } else {
                if (d == '\r' && b[p + 1] == '\n') {
                    d = '\n';
                    p++;
                }
                if (d != '\n') {
                    throw notANumber(cellStart(p, lineStart), lineStart, c, header);
                }
                if (c != columns - 1) {
                    throw tooFewFields(p, lineStart, c + 1, columns);
                }
                p++;
            }
        }
        features.at = fa;
        if (targets != null) {
            targets.at = ta + targets.width();
        }
        return p;
    }

    /** Reads a label cell at {@code p} (quoted or not); returns the position after it. */
    private int label(int p, int lineStart, int column, List<String> header, CsvLabels labels) {
        String text;
        int end;
        if (buf[p] == '"') {
            int[] after = new int[1];
            text = quoted(p, lineStart, line, after);
            end = after[0];
        } else {
            end = p;
            while (buf[end] != ',' && buf[end] != '\n') {
                end++;
            }
            text = new String(buf, p, trimEnd(p, end) - p, StandardCharsets.UTF_8);
            if (buf[end] == '\n' && end > p && buf[end - 1] == '\r') {
                end--; // leave the CRLF for the caller's end-of-line check
            }
        }
        if (text.isBlank()) {
            throw new DataFormatException(file, DataFormatException.atLine(line, p - lineStart + 1),
                    "expected a label in " + field(header, column) + ", found an empty cell");
        }
        labels.add(text, line, p - lineStart + 1);
        return end;
    }

    /** A quoted number: the quotes may surround spaces and the number, nothing else. */
    private int quotedNumber(int p, int lineStart, int column, List<String> header) {
        int[] after = new int[1];
        String text = quoted(p, lineStart, line, after);
        byte[] bytes = (text.strip() + "\n").getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length == 1 || !numbers.scan(bytes, 0) || numbers.end != bytes.length - 1) {
            throw new DataFormatException(file, DataFormatException.atLine(line, p - lineStart + 1),
                    "expected a number in " + field(header, column) + ", found " + shown(text));
        }
        return after[0];
    }

    /** Unquotes the cell starting with {@code '"'} at {@code p} ({@code ""} is a quote); {@code after[0]} is set past it. */
    private String quoted(int p, int lineStart, long lineNumber, int[] after) {
        StringBuilder sb = null;
        int start = p + 1;
        int q = start;
        while (true) {
            byte c = buf[q];
            if (c == '\n') {
                throw new DataFormatException(file, DataFormatException.atLine(lineNumber, p - lineStart + 1),
                        "a quoted cell is not closed before the end of the line (cells spanning lines are not supported)");
            }
            if (c == '"') {
                if (buf[q + 1] == '"') {
                    if (sb == null) {
                        sb = new StringBuilder();
                    }
                    sb.append(new String(buf, start, q + 1 - start, StandardCharsets.UTF_8));
                    q += 2;
                    start = q;
                    continue;
                }
                String tail = new String(buf, start, q - start, StandardCharsets.UTF_8);
                after[0] = q + 1;
                return sb == null ? tail : sb.append(tail).toString();
            }
            q++;
        }
    }

    private int trimEnd(int start, int end) {
        while (end > start && (buf[end - 1] == ' ' || buf[end - 1] == '\t' || buf[end - 1] == '\r')) {
            end--;
        }
        return end;
    }

    /** The start of the cell containing {@code p}. */
    private int cellStart(int p, int lineStart) {
        while (p > lineStart && buf[p - 1] != ',') {
            p--;
        }
        while (buf[p] == ' ' || buf[p] == '\t') {
            p++;
        }
        return p;
    }

    private DataFormatException notANumber(int p, int lineStart, int column, List<String> header) {
        int end = p;
        while (buf[end] != ',' && buf[end] != '\n') {
            end++;
        }
        // An empty cell at the end of the line is an empty last field (a missing field is caught at its comma).
        int textEnd = trimEnd(p, end);
        String found = textEnd == p ? "an empty cell" : shown(new String(buf, p, textEnd - p, StandardCharsets.UTF_8));
        return new DataFormatException(file, DataFormatException.atLine(line, p - lineStart + 1),
                "expected a number in " + field(header, column) + ", found " + found);
    }

    private DataFormatException tooFewFields(int p, int lineStart, int found, int columns) {
        return new DataFormatException(file, DataFormatException.atLine(line, p - lineStart + 1),
                "expected " + columns + " fields, as in the first row, found " + found);
    }

    private DataFormatException tooManyFields(int p, int lineStart, int columns) {
        int found = columns;
        for (int q = p; buf[q] != '\n'; q++) {
            if (buf[q] == ',') {
                found++;
            }
        }
        return new DataFormatException(file, DataFormatException.atLine(line, p - lineStart + 1),
                "expected " + columns + " fields, as in the first row, found " + found);
    }

    /**
     * {@code column 2 (the 3rd field, 'price')}: the 0-based index, as {@code --label-column} and
     * {@code --target-columns} count, with the 1-based ordinal a person counts and the header's name.
     */
    static String field(List<String> header, int column) {
        return "column " + column + " (0-based; the " + ordinal(column + 1) + " field"
                + (header == null ? "" : ", '" + header.get(column) + "'") + ")";
    }

    private static String ordinal(int n) {
        int tens = n % 100;
        String suffix = tens >= 11 && tens <= 13 ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
        return n + suffix;
    }

    private static String shown(String text) {
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
