package org.mlp4j.engine.graph;

import org.mlp4j.engine.kernel.Kernels;

/**
 * Element-wise binary operations with NumPy-style broadcasting over two dimensions: each operand is
 * {@code rows × cols}, {@code 1 × cols} (a row vector repeated down the rows), {@code rows × 1} (a column repeated
 * across) or {@code 1 × 1}. Rows of operands that match the output's columns (same shape, or a row vector) go
 * through the {@link Kernels} element-wise loops (products and sums; the rest, and division, are plain loops here).
 */
final class Broadcast {
    private Broadcast() {
    }

    static int size(String what, int a, int b) {
        if (a == b || b == 1) {
            return a;
        }
        if (a == 1) {
            return b;
        }
        throw new IllegalArgumentException("cannot broadcast " + what + " " + a + " against " + b);
    }

    /** {@code out = a OP b} over {@code rows × cols}. */
    static void forward(Kernels k, Op op, Tensor a, Tensor b, float[] out, int rows, int cols) {
        float[] x = a.value;
        float[] y = b.value;
        boolean xr = a.rows == rows;
        boolean xc = a.cols == cols;
        boolean yr = b.rows == rows;
        boolean yc = b.cols == cols;
        // no broadcast: one row of rows·cols elements (the same operations; a column of 64 is one call, not 64)
        boolean flat = xr && xc && yr && yc;
        int n = flat ? rows * cols : cols;
        for (int i = 0, m = flat ? 1 : rows; i < m; i++) {
            int xo = xr ? i * a.cols : 0;
            int yo = yr ? i * b.cols : 0;
            int o = i * cols;
            if (xc && yc) {
                switch (op) {
                    case ADD -> { for (int j = 0; j < n; j++) out[o + j] = x[xo + j] + y[yo + j]; }
                    case SUB -> { for (int j = 0; j < n; j++) out[o + j] = x[xo + j] - y[yo + j]; }
                    case MUL -> k.multiplyInto(n, x, xo, y, yo, out, o);
                    default -> { for (int j = 0; j < n; j++) out[o + j] = x[xo + j] / y[yo + j]; }
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    float u = x[xo + (xc ? j : 0)];
                    float v = y[yo + (yc ? j : 0)];
                    out[o + j] = switch (op) {
                        case ADD -> u + v;
                        case SUB -> u - v;
                        case MUL -> u * v;
                        default -> u / v;
                    };
                }
            }
        }
    }

    /**
     * Adds {@code ∂out/∂a ⊙ g} into {@code ga} (when not null) and {@code ∂out/∂b ⊙ g} into {@code gb}, summed over
     * the dimensions each operand was broadcast along; with {@code assignA} ({@code assignB}) the terms are stored
     * instead, overwriting what {@code ga} ({@code gb}) held: only for an operand of the output's shape beside one
     * that spans its columns (the row loops), whose every element receives exactly one term.
     */
    static void backward(Kernels k, Op op, Tensor a, Tensor b, float[] g, float[] ga, boolean assignA,
                         float[] gb, boolean assignB, int rows, int cols) {
        if ((assignA || assignB) && !(a.cols == cols && b.cols == cols)) {
            throw new IllegalArgumentException("assigning a broadcast gradient needs the row loops");
        }
        float[] x = a.value;
        float[] y = b.value;
        boolean xr = a.rows == rows;
        boolean xc = a.cols == cols;
        boolean yr = b.rows == rows;
        boolean yc = b.cols == cols;
        boolean flat = xr && xc && yr && yc; // no broadcast: one row, as in forward
        int n = flat ? rows * cols : cols;
        for (int i = 0, m = flat ? 1 : rows; i < m; i++) {
            int xo = xr ? i * a.cols : 0;
            int yo = yr ? i * b.cols : 0;
            int o = i * cols;
            if (xc && yc) {
                switch (op) {
                    case ADD -> {
                        if (ga != null) copyOrAdd(k, n, g, o, ga, xo, assignA);
                        if (gb != null) copyOrAdd(k, n, g, o, gb, yo, assignB);
                    }
                    case SUB -> {
                        if (ga != null) copyOrAdd(k, n, g, o, ga, xo, assignA);
                        if (gb != null) {
                            for (int j = 0; j < n; j++) gb[yo + j] = assignB ? -g[o + j] : gb[yo + j] - g[o + j];
                        }
                    }
                    case MUL -> {
                        if (ga != null) productOrAdd(k, n, g, o, y, yo, ga, xo, assignA);
                        if (gb != null) productOrAdd(k, n, g, o, x, xo, gb, yo, assignB);
                    }
                    default -> {
                        if (ga != null) {
                            for (int j = 0; j < n; j++) {
                                float d = g[o + j] / y[yo + j];
                                ga[xo + j] = assignA ? d : ga[xo + j] + d;
                            }
                        }
                        if (gb != null) {
                            for (int j = 0; j < n; j++) {
                                float v = y[yo + j];
                                float d = g[o + j] * x[xo + j] / (v * v);
                                gb[yo + j] = assignB ? -d : gb[yo + j] - d;
                            }
                        }
                    }
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    int xi = xo + (xc ? j : 0);
                    int yi = yo + (yc ? j : 0);
                    float gj = g[o + j];
                    float u = x[xi];
                    float v = y[yi];
                    switch (op) {
                        case ADD -> {
                            if (ga != null) ga[xi] += gj;
                            if (gb != null) gb[yi] += gj;
                        }
                        case SUB -> {
                            if (ga != null) ga[xi] += gj;
                            if (gb != null) gb[yi] -= gj;
                        }
                        case MUL -> {
                            if (ga != null) ga[xi] += gj * v;
                            if (gb != null) gb[yi] += gj * u;
                        }
                        default -> {
                            if (ga != null) ga[xi] += gj / v;
                            if (gb != null) gb[yi] -= gj * u / (v * v);
                        }
                    }
                }
            }
        }
    }

    private static void copyOrAdd(Kernels k, int n, float[] g, int o, float[] dst, int off, boolean assign) {
        if (assign) {
            System.arraycopy(g, o, dst, off, n);
        } else {
            k.addScaled(n, 1f, g, o, dst, off);
        }
    }

    private static void productOrAdd(Kernels k, int n, float[] g, int o, float[] y, int yo, float[] dst, int off,
                                     boolean assign) {
        if (assign) {
            k.multiplyInto(n, g, o, y, yo, dst, off);
        } else {
            k.addProduct(n, g, o, y, yo, dst, off);
        }
    }
}
