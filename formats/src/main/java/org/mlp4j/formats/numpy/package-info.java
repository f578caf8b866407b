/**
 * NumPy arrays: {@link org.mlp4j.formats.numpy.NdArray} and {@link org.mlp4j.formats.numpy.DType}, the
 * {@code .npy} and {@code .npz} readers and writers, {@link org.mlp4j.formats.numpy.KeyPairs}, the key-name
 * conventions that say which arrays of an archive (or a pickled dict) are a split's features and labels, and
 * {@link org.mlp4j.formats.numpy.ArrayDatasets}, which turns a feature and a label array into an engine
 * {@link org.mlp4j.engine.data.Dataset}. {@link org.mlp4j.formats.numpy.NumpySource} and
 * {@link org.mlp4j.formats.numpy.NumpyDatasets} are the file-level entry points for {@code .npy}/{@code .npz}.
 */
package org.mlp4j.formats.numpy;
