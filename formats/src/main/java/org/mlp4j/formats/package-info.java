/**
 * Readers and writers for the files users have (IDX, CSV, pickles, NumPy) and for JSON model files.
 * {@link org.mlp4j.formats.DataReaders} recognises a file's {@link org.mlp4j.formats.DataFormat} and opens it as a
 * {@link org.mlp4j.formats.DataSource}, which lists the file's {@link org.mlp4j.formats.Split splits} and reads
 * them as {@link org.mlp4j.formats.ReadOptions} say.
 */
package org.mlp4j.formats;
