package org.mlp4j.formats.numpy;

import java.util.ArrayList;
import java.util.List;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.Split;

/**
 * Which arrays of a keyed container (an {@code .npz} archive, a pickled dict) are a split's features and labels,
 * by the key names tutorials and dataset downloads use: {@code inputs/labels}, {@code x/y}, {@code X/Y},
 * {@code X/y}, {@code data/target}, {@code images/labels}, {@code features/targets}, {@code x_train/y_train}
 * (and {@code x_test/y_test}, {@code x_valid/y_valid} for the other splits), {@code np.savez(f, x, y)}'s
 * positional {@code arr_0/arr_1}; or the keys the caller names. Decides on names alone, so a container reads only
 * the arrays it is asked for.
 */
public final class KeyPairs {
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

    /**
     * The chosen keys.
     *
     * @param x the features' key
     * @param y the labels' key, or null: unlabelled
     */
    public record Pick(String x, String y) {
    }

    private KeyPairs() {
    }

    /**
     * The keys of {@code split} among {@code keys}, or those the caller names.
     *
     * @param keys  the container's keys, in its order
     * @param file  the file's name, for errors
     * @param xKey  the features' key, or null for the known pairs; when given, {@code split} is not consulted
     * @param yKey  the labels' key, or null for the partner of {@code xKey} (none: unlabelled)
     * @return the pick, or null when the container has no such split (never null for {@link Split#TRAIN}: a
     *         container without training keys is an error)
     * @throws DataFormatException when a named key is missing, or no training keys are found
     */
    public static Pick select(List<String> keys, String file, String xKey, String yKey, Split split) {
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
            return new Pick(xKey, y);
        }
        if (yKey != null) {
            throw new IllegalArgumentException("a label key needs a feature key too");
        }
        String[][] table = split == Split.TRAIN ? TRAIN_PAIRS : split == Split.VALID ? VALID_PAIRS : TEST_PAIRS;
        for (String[] p : table) {
            if (keys.contains(p[0]) && keys.contains(p[1])) {
                return new Pick(p[0], p[1]);
            }
        }
        for (String[] p : table) {
            if (keys.contains(p[0])) {
                return new Pick(p[0], null);
            }
        }
        if (split == Split.TRAIN && keys.size() == 1) {
            return new Pick(keys.get(0), null);
        }
        if (split != Split.TRAIN) {
            return null;
        }
        throw new DataFormatException(file, "top level", "found none of the key pairs inputs/labels, x/y, X/Y, data/target,"
                + " images/labels, features/targets, x_train/y_train among the keys " + keys + "; name the keys to use");
    }

    /** The splits whose keys {@code keys} hold, in {@code TRAIN, VALID, TEST} order. */
    public static List<Split> splits(List<String> keys) {
        List<Split> found = new ArrayList<>();
        for (Split s : Split.values()) {
            try {
                if (select(keys, "", null, null, s) != null) {
                    found.add(s);
                }
            } catch (DataFormatException e) {
                // no training keys: the container has no training split
            }
        }
        return found;
    }
}
