package org.mlp4j.formats;

import java.util.Locale;

/** Which part of a data file: the training rows (the default), the validation rows or the test rows. */
public enum Split {
    TRAIN, VALID, TEST;

    /**
     * The split a name says: {@code null}, empty, {@code train}, {@code training}; {@code valid},
     * {@code validation}, {@code val}; {@code test} (in any case).
     *
     * @throws IllegalArgumentException for any other name
     */
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

    /** The split's name as the command line spells it: {@code train}, {@code valid}, {@code test}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
