package org.mlp4j.formats.csv;

import java.util.ArrayList;
import java.util.List;
import org.mlp4j.formats.io.MemoryBudget;

/**
 * Rows of floats of a fixed width, appended without knowing the final count: filled block by block so that
 * growing never copies what was read, then joined once into one exact-size array.
 */
final class RowStore {
    /** About 4 MB per block: few blocks for big files, little waste for small ones. */
    private static final int BLOCK_VALUES = 1 << 20;

    private final int width;
    private final int rowsPerBlock;
    private final List<float[]> full = new ArrayList<>();
    /** The block being filled and the next free index in it; callers write there directly. */
    float[] block;
    int at;
    private long rows;

    RowStore(int width) {
        this.width = width;
        this.rowsPerBlock = Math.max(1, BLOCK_VALUES / Math.max(1, width));
        this.block = new float[rowsPerBlock * width];
    }

    /** Makes room for one more row in {@link #block} at {@link #at}; call before writing the row's values. */
    void startRow() {
        if (at + width > block.length) {
            // The blocks, then one array as large again in toArray: both must fit before the next block is taken.
            double joined = 4.0 * ((double) rows * width + block.length);
            if (joined + 4.0 * block.length > MemoryBudget.available()) {
                throw new BudgetExceeded(rows, joined);
            }
            full.add(block);
            block = new float[rowsPerBlock * width];
            at = 0;
        }
        rows++;
    }

    /** Thrown by {@link #startRow} when more rows would not fit the memory budget; the parser adds the position. */
    static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long rows;
        final double bytes;

        BudgetExceeded(long rows, double bytes) {
            super(null, null, false, false);
            this.rows = rows;
            this.bytes = bytes;
        }
    }

    int width() {
        return width;
    }

    long rows() {
        return rows;
    }

    /** All rows, in order, in one array of exactly {@code rows × width} values. */
    float[] toArray() {
        float[] out = new float[Math.toIntExact(rows * width)];
        int o = 0;
        for (float[] b : full) {
            System.arraycopy(b, 0, out, o, b.length);
            o += b.length;
        }
        System.arraycopy(block, 0, out, o, at);
        return out;
    }
}
