package org.mlp4j.formats.pickle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.Split;
import org.mlp4j.formats.io.MemoryBudget;
import org.mlp4j.formats.numpy.ArrayDatasets;
import org.mlp4j.formats.numpy.KeyPairs;
import org.mlp4j.formats.numpy.LabelKind;
import org.mlp4j.formats.numpy.NdArray;
import org.mlp4j.formats.numpy.SourceBytes;

/**
 * Finds a dataset in the object graph a pickle holds. The layouts understood are those the tutorials and dataset
 * downloads use:
 * <ul>
 *   <li>a dict with a known key pair ({@link KeyPairs}) or the keys the caller names;</li>
 *   <li>an {@code (x, y)} pair; a {@code (train, valid, test)} triple of pairs ({@code mnist.pkl.gz}); a
 *       {@code (train, test)} pair of pairs ({@code keras.datasets.mnist.load_data()});</li>
 *   <li>a lone array: features without labels.</li>
 * </ul>
 * Arrays are NumPy arrays or plain Python lists of numbers (1-D) or of equal-length lists of numbers (2-D); they
 * become a dataset as {@link ArrayDatasets} says.
 */
public final class PickleArrays {
    private PickleArrays() {
    }

    /** What a split resolved to: the x value and, when labelled, the y value, with their names for errors. */
    private record Selection(Object x, String xName, Object y, String yName) {
    }

    /**
     * The dataset in {@code root}, as the class comment describes.
     *
     * @param root  what the file holds: a {@code Map} (a pickled dict), a {@code List} (a tuple or list; several
     *              concatenated pickles) or an {@link NdArray}
     * @param file  the file's name, for errors
     * @param xKey  the features' key in a dict, or null for the known pairs
     * @param yKey  the labels' key, or null for the partner of {@code xKey} (none: unlabelled)
     * @param split which rows; not consulted when {@code xKey} is given
     * @param kind  how labels become targets (null: {@link LabelKind#AUTO})
     * @throws DataFormatException when the graph holds no such split or no layout understood, naming what it holds
     */
    public static Dataset toDataset(Object root, String file, String xKey, String yKey, Split split, LabelKind kind) {
        Selection sel = select(root, file, xKey, yKey, split);
        if (sel == null) {
            throw new DataFormatException(file, "split " + split.label(), "the file has no " + split.label()
                    + " split: it holds " + describe(root));
        }
        NdArray x = toArray(sel.x(), file, sel.xName());
        NdArray y = sel.y() == null ? null : toArray(sel.y(), file, sel.yName());
        return ArrayDatasets.build(x, sel.xName(), y, sel.yName(), file, kind);
    }

    /** The splits {@code root} holds, in {@code TRAIN, VALID, TEST} order; empty for a layout not understood. */
    public static List<Split> splits(Object root) {
        List<Split> found = new ArrayList<>();
        for (Split s : Split.values()) {
            try {
                if (select(root, "", null, null, s) != null) {
                    found.add(s);
                }
            } catch (DataFormatException e) {
                // a layout without this split
            }
        }
        return found;
    }

    private static Selection select(Object root, String file, String xKey, String yKey, Split split) {
        if (root instanceof Map) {
            MapKeyed dict = new MapKeyed((Map<?, ?>) root);
            KeyPairs.Pick pick = KeyPairs.select(dict.keys(), file, xKey, yKey, split);
            return pick == null ? null : new Selection(dict.get(pick.x()), "key '" + pick.x() + "'",
                    pick.y() == null ? null : dict.get(pick.y()), pick.y() == null ? null : "key '" + pick.y() + "'");
        }
        if (xKey != null || yKey != null) {
            throw new DataFormatException(file, "top level", "keys were given but the file holds " + describe(root)
                    + ", not a dict");
        }
        if (root instanceof NdArray) {
            return split == Split.TRAIN ? new Selection(root, "the array", null, null) : null;
        }
        if (root instanceof List) {
            List<?> list = (List<?>) root;
            if (list.size() == 2 && isArrayLike(list.get(0)) && isArrayLike(list.get(1))) {
                return split == Split.TRAIN ? new Selection(list.get(0), "element [0]", list.get(1), "element [1]") : null;
            }
            boolean allPairs = !list.isEmpty();
            for (Object o : list) {
                allPairs &= isPair(o);
            }
            if (allPairs && (list.size() == 2 || list.size() == 3)) {
                int index = split == Split.TRAIN ? 0 : split == Split.TEST ? list.size() - 1 : list.size() == 3 ? 1 : -1;
                if (index < 0) {
                    return null;
                }
                List<?> pair = (List<?>) list.get(index);
                return new Selection(pair.get(0), "element [" + index + "][0]", pair.get(1), "element [" + index + "][1]");
            }
            if (list.size() == 1 && isArrayLike(list.get(0)) && !(list.get(0) instanceof List)) {
                return split == Split.TRAIN ? new Selection(list.get(0), "element [0]", null, null) : null;
            }
        }
        throw new DataFormatException(file, "top level", "expected a dict of arrays, an (x, y) pair, (train, valid, test)"
                + " pairs or an array; found " + describe(root));
    }

    private static boolean isPair(Object o) {
        return o instanceof List && ((List<?>) o).size() == 2 && isArrayLike(((List<?>) o).get(0))
                && isArrayLike(((List<?>) o).get(1));
    }

    private static boolean isArrayLike(Object o) {
        if (o instanceof NdArray) {
            return true;
        }
        if (!(o instanceof List) || ((List<?>) o).isEmpty()) {
            return false;
        }
        Object first = ((List<?>) o).get(0);
        return first instanceof Number || first instanceof Boolean
                || (first instanceof List && !((List<?>) first).isEmpty()
                    && (((List<?>) first).get(0) instanceof Number || ((List<?>) first).get(0) instanceof Boolean));
    }

    /** An array, or a Python list of numbers (1-D) or of equal-length lists of numbers (2-D) as float64. */
    static NdArray toArray(Object o, String file, String name) {
        if (o instanceof NdArray) {
            return (NdArray) o;
        }
        if (o instanceof List && !((List<?>) o).isEmpty()) {
            List<?> list = (List<?>) o;
            if (list.get(0) instanceof List) {
                int cols = ((List<?>) list.get(0)).size();
                // A pickle's memo lets 280 bytes name one row 40000 times: the list's shape, not its file size,
                // says what this costs, so the budget is checked before the product can even overflow.
                MemoryBudget.check(file, name, 8.0 * list.size() * cols,
                        "a list of " + list.size() + " rows × " + cols + " numbers");
                if ((long) list.size() * cols > SourceBytes.MAX_BYTES) {
                    throw new DataFormatException(file, name, "a list of " + list.size() + " rows × " + cols
                            + " numbers holds more values than one Java array can");
                }
                double[] v = new double[list.size() * cols];
                for (int r = 0; r < list.size(); r++) {
                    if (!(list.get(r) instanceof List) || ((List<?>) list.get(r)).size() != cols) {
                        throw new DataFormatException(file, name, "row " + r + " is not a list of " + cols + " numbers");
                    }
                    List<?> row = (List<?>) list.get(r);
                    for (int c = 0; c < cols; c++) {
                        v[r * cols + c] = number(row.get(c), file, name);
                    }
                }
                return NdArray.ofDoubles(v, list.size(), cols);
            }
            double[] v = new double[list.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = number(list.get(i), file, name);
            }
            return NdArray.ofDoubles(v, v.length);
        }
        throw new DataFormatException(file, name, "expected a NumPy array; found " + describe(o));
    }

    private static double number(Object o, String file, String name) {
        if (o instanceof Number) {
            return ((Number) o).doubleValue();
        }
        if (o instanceof Boolean) {
            return (Boolean) o ? 1 : 0;
        }
        throw new DataFormatException(file, name, "expected numbers; found " + describe(o));
    }

    /** A one-line, non-recursive description of a value for error messages. */
    public static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof NdArray) {
            return o.toString();
        }
        if (o instanceof Map) {
            List<String> keys = new ArrayList<>();
            for (Object k : ((Map<?, ?>) o).keySet()) {
                keys.add(keyName(k));
                if (keys.size() == 20) {
                    keys.add("…");
                    break;
                }
            }
            return "a dict with keys " + keys;
        }
        if (o instanceof List) {
            List<?> l = (List<?>) o;
            StringBuilder s = new StringBuilder("a sequence of " + l.size() + " (");
            for (int i = 0; i < Math.min(l.size(), 5); i++) {
                Object e = l.get(i);
                s.append(i > 0 ? ", " : "").append(e instanceof NdArray ? e.toString()
                        : e instanceof List ? "sequence of " + ((List<?>) e).size() : e == null ? "None" : e.getClass().getSimpleName());
            }
            return s.append(l.size() > 5 ? ", …)" : ")").toString();
        }
        if (o instanceof String) {
            return "a str";
        }
        return "a " + o.getClass().getSimpleName();
    }

    /** A dict key as a name: str as is, bytes (Python 2 str) as latin-1, anything else as text. */
    static String keyName(Object k) {
        if (k instanceof CharSequence) {
            return k.toString();
        }
        if (k instanceof byte[]) {
            return new String((byte[]) k, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        return String.valueOf(k instanceof List ? "(tuple)" : k);
    }

    /** A pickled dict seen as named values; keys that are not strings are not addressable by name. */
    private static final class MapKeyed {
        private final Map<?, ?> map;
        private final List<String> keys = new ArrayList<>();
        private final List<Object> rawKeys = new ArrayList<>();

        MapKeyed(Map<?, ?> map) {
            this.map = map;
            for (Object k : map.keySet()) {
                keys.add(keyName(k));
                rawKeys.add(k);
            }
        }

        List<String> keys() {
            return keys;
        }

        Object get(String key) {
            return map.get(rawKeys.get(keys.indexOf(key)));
        }
    }
}
