package org.mlp4j.formats.numpy;

/** How a label array becomes targets. */
public enum LabelKind {
    /**
     * Class indices when the labels are whole numbers in {@code [0, }{@value ArrayDatasets#MAX_CLASSES}{@code )}
     * (one per row, or one-hot rows), regression targets otherwise.
     */
    AUTO,
    /** Class indices, or an error naming the first value that is not one. */
    CLASSIFICATION,
    /** Regression targets, whatever the values. */
    REGRESSION
}
