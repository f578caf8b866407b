package org.mlp4j.formats.numpy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlp4j.engine.data.ClassLabels;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.io.MemoryBudget;

/**
 * Turns the arrays found in a pickle, {@code .npy} or {@code .npz} file into a {@link Dataset}. The shapes
 * understood are those the tutorials and dataset downloads use:
 * <ul>
 *   <li>a dict (or {@code .npz}) with a known key pair — {@code inputs/labels}, {@code x/y}, {@code X/Y},
 *       {@code X/y}, {@code data/target}, {@code images/labels}, {@code features/targets},
 *       {@code x_train/y_train} (and {@code x_test/y_test}, {@code x_valid/y_valid} for the other splits) — or the
 *       keys the caller names; {@code np.savez(f, x, y)}'s positional {@code arr_0/arr_1} too;</li>
 *   <li>an {@code (x, y)} pair; a {@code (train, valid, test)} triple of pairs ({@code mnist.pkl.gz}); a
 *       {@code (train, test)} pair of pairs ({@code keras.datasets.mnist.load_data()});</li>
 *   <li>a lone array: features without labels.</li>
 * </ul>
 * Features are flattened per row ({@code (N, 784, 1)} and {@code (N, 28, 28)} both become {@code N × 784}) and
 * converted to float32. Labels become class indices when they are whole numbers in
 * {@code [0, MAX_CLASSES)} or one-hot rows ({@code (N, 10)} or {@code (N, 10, 1)}), and regression targets
 * otherwise or when {@link LabelKind#REGRESSION} is asked for.
 */
public final class ArrayDatasets {
    /** Label values at or above this are taken as regression targets, not class indices. */
    public static final int MAX_CLASSES = 4096;

    private static final String[][] TRAIN_PAIRS = {
        {"inputs", "labels"}, {"x", "y"}, {"X", "Y"}, {"X", "y"}, {"data", "target"}, {"images", "labels"},
        {"features", "targets"}, {"x_train", "y_train"}, {"X_train", "y_train"}, {"train_x", "train_y"},
        {"arr_0", "arr_1"},
    };
    private static final String[][] VALID_PAIRS = {
        {"x_valid", "y_valid"}, {"x_val", "y_val"}, {"X_valid", "y_valid"}, {"X_val", "y_val"}, {"valid_x", "valid_y"},
    };
    private static final String[][] TEST_PAIRS = {
        {"x_test", "y_test"}, {"X_test", "y_test"}, {"test_x", "test_y"},
    };

    /** Which part of a file: the training rows (the default), the validation rows or the test rows. */
    public enum Split {
        TRAIN, VALID, TEST;

        /** {@code null}/{@code train}, {@code valid}/{@code validation}/{@code val}, {@code test}. */
        public static Split parse(String name) {
            if (name == null || name.isEmpty()) {
                return TRAIN;
            }
            switch (name.toLowerCase(Locale.ROOT)) {
                case "train": case "training": return TRAIN;
                case "valid": case "validation": case "val": return VALID;
                case "test": return TEST;
                default:
                    throw new IllegalArgumentException("unknown split '" + name + "': expected train, valid or test");
            }
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Named values loaded on demand (an {@code .npz} archive, whose arrays are read only when used). */
    interface Keyed {
        List<String> keys();

        Object get(String key) throws IOException;
    }

    private ArrayDatasets() {
    }

    /** What a split resolved to: the x value and, when labelled, the y value, with their names for errors. */
    private static final class Selection {
        final Object x;
        final String xName;
        final Object y;
        final String yName;

        Selection(Object x, String xName, Object y, String yName) {
            this.x = x;
            this.xName = xName;
            this.y = y;
            this.yName = yName;
        }
    }

    /**
     * The dataset in {@code root}, as the class comment describes.
     *
     * @param root  what the file holds: a {@code Map} (a pickled dict), a {@code List} (a tuple or list; several
     *              concatenated pickles), an {@link NdArray}, or an {@code .npz} archive
     * @param file  the file's name, for errors
     * @param xKey  the features' key in a dict, or null for the known pairs
     * @param yKey  the labels' key, or null for the partner of {@code xKey} (none: unlabelled)
     * @param split {@code train} (null), {@code valid} or {@code test}; ignored when {@code xKey} is given
     * @param kind  how labels become targets (null: {@link LabelKind#AUTO})
     */
    public static Dataset toDataset(Object root, String file, String xKey, String yKey, String split, LabelKind kind)
            throws IOException {
        Split s = Split.parse(split);
        Selection sel = select(root, file, xKey, yKey, s);
        if (sel == null) {
            throw new DataFormatException(file, "split " + s.label(), "the file has no " + s.label()
                    + " split: it holds " + describe(root));
        }
        return build(sel, file, kind == null ? LabelKind.AUTO : kind);
    }

    /** True when {@code root} holds the given split (the training split of anything readable). */
    public static boolean hasSplit(Object root, String split) {
        try {
            return select(root, "", null, null, Split.parse(split)) != null;
        } catch (DataFormatException | IOException e) {
            return false;
        }
    }

    private static Selection select(Object root, String file, String xKey, String yKey, Split split) throws IOException {
        Keyed keyed = root instanceof Keyed ? (Keyed) root : root instanceof Map ? new MapKeyed((Map<?, ?>) root) : null;
        if (keyed != null) {
            return selectKeyed(keyed, file, xKey, yKey, split);
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

    private static Selection selectKeyed(Keyed keyed, String file, String xKey, String yKey, Split split) throws IOException {
        List<String> keys = keyed.keys();
        if (xKey != null) {
            if (!keys.contains(xKey)) {
                throw new DataFormatException(file, "key '" + xKey + "'", "no key '" + xKey + "'; the file holds keys " + keys);
            }
            String y = yKey;
            if (y == null) {
                for (String[][] table : new String[][][] {TRAIN_PAIRS, VALID_PAIRS, TEST_PAIRS}) {
                    for (String[] p : table) {
                        if (y == null && p[0].equals(xKey) && keys.contains(p[1])) {
                            y = p[1];
                        }
                    }
                }
            } else if (!keys.contains(y)) {
                throw new DataFormatException(file, "key '" + y + "'", "no key '" + y + "'; the file holds keys " + keys);
            }
            return new Selection(keyed.get(xKey), "key '" + xKey + "'", y == null ? null : keyed.get(y),
                    y == null ? null : "key '" + y + "'");
        }
        if (yKey != null) {
            throw new IllegalArgumentException("a label key needs a feature key too");
        }
        String[][] table = split == Split.TRAIN ? TRAIN_PAIRS : split == Split.VALID ? VALID_PAIRS : TEST_PAIRS;
        for (String[] p : table) {
            if (keys.contains(p[0]) && keys.contains(p[1])) {
                return new Selection(keyed.get(p[0]), "key '" + p[0] + "'", keyed.get(p[1]), "key '" + p[1] + "'");
            }
        }
        for (String[] p : table) {
            if (keys.contains(p[0])) {
                return new Selection(keyed.get(p[0]), "key '" + p[0] + "'", null, null);
            }
        }
        if (split == Split.TRAIN && keys.size() == 1) {
            return new Selection(keyed.get(keys.get(0)), "key '" + keys.get(0) + "'", null, null);
        }
        if (split != Split.TRAIN) {
            return null;
        }
        throw new DataFormatException(file, "top level", "found none of the key pairs inputs/labels, x/y, X/Y, data/target,"
                + " images/labels, features/targets, x_train/y_train among the keys " + keys + "; name the keys to use");
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

    private static Dataset build(Selection sel, String file, LabelKind kind) {
        NdArray x = toArray(sel.x, file, sel.xName);
        if (x.rank() == 0) {
            throw new DataFormatException(file, sel.xName, "features must have a row axis; found the scalar " + x);
        }
        int rows = (int) x.dim(0);
        int featureCount = rowWidth(x, file, sel.xName);
        MemoryBudget.check(file, sel.xName, 4.0 * x.size(), NdArray.shapeString(x.shape()) + " features as float32");
        float[] features = x.toFloatArray();
        if (sel.y == null) {
            return Dataset.unlabeled(features, rows, featureCount);
        }
        NdArray y = toArray(sel.y, file, sel.yName);
        if (y.rank() == 0 || y.dim(0) != rows) {
            throw new DataFormatException(file, sel.yName, "expected labels for the " + rows + " rows of "
                    + sel.xName + " " + NdArray.shapeString(x.shape()) + "; found " + y);
        }
        int width = rowWidth(y, file, sel.yName);
        if (kind != LabelKind.REGRESSION) {
            // One-hot rows wider than MAX_CLASSES are not taken as classes: (0, 2e9) would name 2e9 classes.
            int[] labels = width == 1 ? indices(y) : width <= MAX_CLASSES ? oneHot(y, rows, width) : null;
            if (labels != null && width == 1) {
                ClassLabels classes = ClassLabels.of(labels);
                return Dataset.classification(features, rows, featureCount, classes.labels(), classes.names());
            }
            if (labels != null) {
                return Dataset.classification(features, rows, featureCount, labels, width);
            }
            if (kind == LabelKind.CLASSIFICATION) {
                throw new DataFormatException(file, sel.yName, width == 1
                        ? "class labels must be whole numbers in [0, " + MAX_CLASSES + "); found " + firstNonClass(y)
                        : "class labels of shape " + NdArray.shapeString(y.shape()) + " must be one-hot rows");
            }
        }
        MemoryBudget.check(file, sel.yName, 4.0 * y.size(), NdArray.shapeString(y.shape()) + " targets as float32");
        return Dataset.regression(features, rows, featureCount, y.toFloatArray(), width);
    }

    /** Values per row: the product of all but the first dimension (which may be 0 rows of a huge shape). */
    private static int rowWidth(NdArray a, String file, String name) {
        long p = 1;
        for (int i = 1; i < a.rank(); i++) {
            p *= a.dim(i); // each dimension is below 2^31: checked per step, so no overflow
            if (p > Integer.MAX_VALUE) {
                throw new DataFormatException(file, name, "rows of " + NdArray.shapeString(a.shape())
                        + " hold more values than one row can");
            }
        }
        return (int) p;
    }

    private static boolean isClass(double v) {
        return v >= 0 && v < MAX_CLASSES && v == Math.rint(v);
    }

    private static int[] indices(NdArray y) {
        int[] out = new int[y.size()];
        for (int i = 0; i < out.length; i++) {
            double v = y.getDouble(i);
            if (!isClass(v)) {
                return null;
            }
            out[i] = (int) v;
        }
        return out;
    }

    private static String firstNonClass(NdArray y) {
        for (int i = 0; i < y.size(); i++) {
            if (!isClass(y.getDouble(i))) {
                return y.getDouble(i) + " at index " + i;
            }
        }
        return "nothing";
    }

    private static int[] oneHot(NdArray y, int rows, int width) {
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            int hot = -1;
            for (int c = 0; c < width; c++) {
                double v = y.getDouble(r * width + c);
                if (v == 1 && hot < 0) {
                    hot = c;
                } else if (v != 0) {
                    return null;
                }
            }
            if (hot < 0) {
                return null;
            }
            out[r] = hot;
        }
        return out;
    }

    /** An array, or a Python list of numbers (1-D) or of equal-length lists of numbers (2-D) as float64. */
    private static NdArray toArray(Object o, String file, String name) {
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
        if (o instanceof Keyed) {
            return "an archive with keys " + ((Keyed) o).keys();
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
    private static final class MapKeyed implements Keyed {
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

        @Override
        public List<String> keys() {
            return keys;
        }

        @Override
        public Object get(String key) {
            return map.get(rawKeys.get(keys.indexOf(key)));
        }
    }
}
