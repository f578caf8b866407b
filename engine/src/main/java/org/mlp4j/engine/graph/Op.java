package org.mlp4j.engine.graph;

/** What a {@link Tensor} of a recording computes. */
enum Op {
    INPUT, PARAMETER, ADD, SUB, MUL, DIV, SCALE, SHIFT, SQUARE, ROW_SUMS, ROW_MEANS, ROW_DOT, SUM, MEAN, ACTIVATION,
    MAP, MATMUL, NETWORK, NETWORKS, PART
}
