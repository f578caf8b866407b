/**
 * The IDX format of MNIST and Fashion-MNIST: a big-endian header ({@code 00 00}, a type code, the rank, then one
 * 32-bit size per dimension) followed by the elements in row-major order, often gzip-compressed. Image files pair
 * with label files ({@code train-images-idx3-ubyte} ↔ {@code train-labels-idx1-ubyte}).
 */
package org.mlp4j.formats.idx;
