package org.mlp4j.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mlp4j.engine.train.EpochStats;
import org.mlp4j.formats.DataFormatException;

/**
 * Reads the history CSV that {@code train --history} writes ({@code epoch,loss,accuracy,val_loss,val_accuracy,lr,
 * seconds}; columns found by name, so Keras's {@code CSVLogger} files with {@code epoch,loss,accuracy,…} read too,
 * and an empty cell is a missing value). {@code epoch} and {@code loss} are required.
 */
public final class HistoryCsv {
    /** A history larger than this is refused before it is read (a million epochs are about 60 MB). */
    static final long MAX_BYTES = 64L << 20;

    private HistoryCsv() {
    }

    /**
     * The epochs in {@code file}, in file order.
     *
     * @throws org.mlp4j.formats.DataFormatException naming the file, line and column of a bad cell, a missing
     *                                               column or a file over {@link #MAX_BYTES}
     */
    public static List<EpochStats> read(Path file) throws IOException {
        String name = file.toString();
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new DataFormatException(name, "byte 0", "a history CSV of " + size + " bytes is larger than the "
                    + MAX_BYTES + " bytes it may have");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new DataFormatException(name, DataFormatException.atLine(1, 1), "empty file; expected a header "
                    + "epoch,loss,…");
        }
        String[] header = lines.get(0).trim().split(",", -1);
        Map<String, Integer> at = new java.util.HashMap<>();
        for (int i = 0; i < header.length; i++) {
            at.put(header[i].trim().toLowerCase(java.util.Locale.ROOT), i);
        }
        int epoch = column(at, name, "epoch");
        int loss = column(at, name, "loss");
        Integer acc = at.get("accuracy");
        Integer valLoss = at.get("val_loss");
        Integer valAcc = at.get("val_accuracy");
        Integer lr = at.containsKey("lr") ? at.get("lr") : at.get("learning_rate");
        Integer seconds = at.get("seconds");
        List<EpochStats> out = new ArrayList<>();
        for (int l = 1; l < lines.size(); l++) {
            if (lines.get(l).isBlank()) {
                continue;
            }
            String[] cells = lines.get(l).split(",", -1);
            if (cells.length != header.length) {
                throw new DataFormatException(name, DataFormatException.atLine(l + 1, 1), "expected " + header.length
                        + " fields as in the header, found " + cells.length);
            }
            double e = number(name, l, cells, epoch, false);
            if (e != Math.rint(e) || e < 0 || e > Integer.MAX_VALUE) {
                throw new DataFormatException(name, DataFormatException.atLine(l + 1, epoch + 1),
                        "expected a whole epoch number, found '" + cells[epoch] + "'");
            }
            out.add(new EpochStats((int) e, number(name, l, cells, loss, false), number(name, l, cells, acc, true),
                    number(name, l, cells, valLoss, true), number(name, l, cells, valAcc, true),
                    number(name, l, cells, seconds, true), Double.NaN, number(name, l, cells, lr, true)));
        }
        return out;
    }

    private static int column(Map<String, Integer> at, String file, String column) {
        Integer i = at.get(column);
        if (i == null) {
            throw new DataFormatException(file, DataFormatException.atLine(1, 1), "the header has no '" + column
                    + "' column (expected epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds)");
        }
        return i;
    }

    private static double number(String file, int line, String[] cells, Integer column, boolean optional) {
        if (column == null) {
            return Double.NaN;
        }
        String s = cells[column].trim();
        if (s.isEmpty() && optional) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, DataFormatException.atLine(line + 1, column + 1),
                    "expected a number, found '" + s + "' (fields count from 1)");
        }
    }
}
