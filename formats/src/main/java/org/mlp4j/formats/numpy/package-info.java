/**
 * NumPy arrays: {@link org.mlp4j.formats.numpy.NdArray} and {@link org.mlp4j.formats.numpy.DType}, the
 * {@code .npy} and {@code .npz} readers and writers, and {@link org.mlp4j.formats.numpy.ArrayDatasets}, which
 * turns arrays found in a file (a dict of arrays, an {@code (x, y)} pair, {@code (train, valid, test)} splits)
 * into an engine {@link org.mlp4j.engine.data.Dataset}. {@link org.mlp4j.formats.numpy.NumpyDatasets} is the
 * file-level entry point for {@code .npy}/{@code .npz}.
 */
package org.mlp4j.formats.numpy;
