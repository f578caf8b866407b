package org.mlp4j.formats.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlp4j.engine.train.EpochStats;
import org.mlp4j.formats.DataFormatException;

/**
 * A training run's per-epoch history as the model file's optional {@code history} field: one array per column,
 * {@code {"epoch": [1, 2], "loss": [...], "accuracy": [...], "valLoss": [...], "valAccuracy": [...],
 * "learningRate": [...], "seconds": [...], "samplesPerSecond": [...]}}, all of the same length. A column that would
 * hold no number at all (no validation data; accuracy of a regression) is left out; a missing value is {@code null}.
 * Only {@code epoch} and {@code loss} are required. Column arrays keep the file compact (2,000 epochs are a few
 * kilobytes per column) and read like a pandas {@code DataFrame.to_dict("list")}.
 */
public final class ModelHistory {
    /** Column names in file order; {@code epoch} and {@code loss} are required. */
    public static final List<String> COLUMNS = List.of("epoch", "loss", "accuracy", "valLoss", "valAccuracy",
            "learningRate", "seconds", "samplesPerSecond");

    private ModelHistory() {
    }

    /** The column map for {@code epochs} (empty for no epochs). */
    public static Map<String, Object> toColumns(List<EpochStats> epochs) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (epochs.isEmpty()) {
            return m;
        }
        List<Object> epoch = new ArrayList<>();
        for (EpochStats s : epochs) {
            epoch.add(s.epoch());
        }
        m.put("epoch", epoch);
        for (int c = 1; c < COLUMNS.size(); c++) {
            List<Object> column = new ArrayList<>();
            boolean any = false;
            for (EpochStats s : epochs) {
                double v = value(s, c);
                any |= Double.isFinite(v);
                column.add(Double.isFinite(v) ? (Object) v : null);
            }
            if (any || c == 1) {
                m.put(COLUMNS.get(c), column);
            }
        }
        return m;
    }

    /**
     * The epochs recorded in a model file's {@code history} (empty when it has none).
     *
     * @throws DataFormatException naming the field ({@code history.loss[3]}) when a column is not an array of
     *                             numbers or nulls, or its length differs from {@code epoch}'s
     */
    public static List<EpochStats> fromColumns(String file, Map<String, Object> columns) {
        List<EpochStats> out = new ArrayList<>();
        if (columns.isEmpty()) {
            return out;
        }
        double[][] values = new double[COLUMNS.size()][];
        for (int c = 0; c < COLUMNS.size(); c++) {
            String name = COLUMNS.get(c);
            Object col = columns.get(name);
            if (col == null) {
                if (c < 2) {
                    throw new DataFormatException(file, "field history." + name, "missing (history needs epoch and loss)");
                }
                continue;
            }
            if (!(col instanceof List)) {
                throw new DataFormatException(file, "field history." + name, "expected an array of numbers");
            }
            List<?> list = (List<?>) col;
            if (c > 0 && list.size() != values[0].length) {
                throw new DataFormatException(file, "field history." + name, "holds " + list.size()
                        + " values, but history.epoch holds " + values[0].length);
            }
            double[] v = new double[list.size()];
            for (int i = 0; i < v.length; i++) {
                Object o = list.get(i);
                if (o == null && c > 0) {
                    v[i] = Double.NaN;
                } else if (o instanceof Number) {
                    v[i] = ((Number) o).doubleValue();
                } else {
                    throw new DataFormatException(file, "field history." + name + "[" + i + "]",
                            "expected a number" + (c > 0 ? " or null" : "") + ", found " + (o == null ? "null" : o));
                }
            }
            values[c] = v;
        }
        for (int i = 0; i < values[0].length; i++) {
            out.add(new EpochStats((int) values[0][i], values[1][i], at(values[2], i), at(values[3], i), at(values[4], i),
                    at(values[6], i), at(values[7], i), at(values[5], i)));
        }
        return out;
    }

    private static double at(double[] column, int i) {
        return column == null ? Double.NaN : column[i];
    }

    private static double value(EpochStats s, int column) {
        switch (COLUMNS.get(column)) {
            case "loss": return s.loss();
            case "accuracy": return s.accuracy();
            case "valLoss": return s.valLoss();
            case "valAccuracy": return s.valAccuracy();
            case "learningRate": return s.learningRate();
            case "seconds": return s.seconds();
            case "samplesPerSecond": return s.samplesPerSecond();
            default: throw new IllegalArgumentException(COLUMNS.get(column));
        }
    }
}
