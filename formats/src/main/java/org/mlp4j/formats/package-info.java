/** Readers and writers for the files users have (IDX, CSV, pickles, NumPy) and for JSON model files. */
package org.mlp4j.formats;
