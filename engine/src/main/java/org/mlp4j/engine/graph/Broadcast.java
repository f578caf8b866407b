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
        for (int i = 0; i < rows; i++) {
            int xo = xr ? i * a.cols : 0;
            int yo = yr ? i * b.cols : 0;
            int o = i * cols;
            if (xc && yc) {
                switch (op) {
                    case ADD -> { for (int j = 0; j < cols; j++) out[o + j] = x[xo + j] + y[yo + j]; }
                    case SUB -> { for (int j = 0; j < cols; j++) out[o + j] = x[xo + j] - y[yo + j]; }
                    case MUL -> k.multiplyInto(cols, x, xo, y, yo, out, o);
                    default -> { for (int j = 0; j < cols; j++) out[o + j] = x[xo + j] / y[yo + j]; }
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
     * the dimensions each operand was broadcast along.
     */
    static void backward(Kernels k, Op op, Tensor a, Tensor b, float[] g, float[] ga, float[] gb, int rows, int cols) {
        float[] x = a.value;
        float[] y = b.value;
        boolean xr = a.rows == rows;
        boolean xc = a.cols == cols;
        boolean yr = b.rows == rows;
        boolean yc = b.cols == cols;
        for (int i = 0; i < rows; i++) {
            int xo = xr ? i * a.cols : 0;
            int yo = yr ? i * b.cols : 0;
            int o = i * cols;
            if (xc && yc) {
                switch (op) {
                    case ADD -> {
                        if (ga != null) k.addScaled(cols, 1f, g, o, ga, xo);
                        if (gb != null) k.addScaled(cols, 1f, g, o, gb, yo);
                    }
                    case SUB -> {
                        if (ga != null) k.addScaled(cols, 1f, g, o, ga, xo);
                        if (gb != null) for (int j = 0; j < cols; j++) gb[yo + j] -= g[o + j];
                    }
                    case MUL -> {
                        if (ga != null) k.addProduct(cols, g, o, y, yo, ga, xo);
                        if (gb != null) k.addProduct(cols, g, o, x, xo, gb, yo);
                    }
                    default -> {
                        if (ga != null) for (int j = 0; j < cols; j++) ga[xo + j] += g[o + j] / y[yo + j];
                        if (gb != null) {
                            for (int j = 0; j < cols; j++) {
                                float v = y[yo + j];
                                gb[yo + j] -= g[o + j] * x[xo + j] / (v * v);
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
}
