/**
 * Comma-separated values: a fast byte-level reader (no {@code String} per cell, no regular expressions) that
 * turns numeric CSV into a {@link org.mlp4j.engine.data.Dataset}, and a writer for features with an optional
 * label column.
 */
package org.mlp4j.formats.csv;
