package org.mlp4j.engine.graph;

/**
 * Element-wise binary operations with NumPy-style broadcasting over two dimensions: each operand is
 * {@code rows × cols}, {@code 1 × cols} (a row vector repeated down the rows), {@code rows × 1} (a column repeated
 * across) or {@code 1 × 1}. The inner loops run over contiguous columns so that C2 vectorises the common cases
 * (same shape, row vector); they should move behind the {@code Kernels} seam once it has element-wise primitives.
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
    static void forward(Op op, Tensor a, Tensor b, float[] out, int rows, int cols) {
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
                    case MUL -> { for (int j = 0; j < cols; j++) out[o + j] = x[xo + j] * y[yo + j]; }
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
    static void backward(Op op, Tensor a, Tensor b, float[] g, float[] ga, float[] gb, int rows, int cols) {
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
                        if (ga != null) for (int j = 0; j < cols; j++) ga[xo + j] += g[o + j];
                        if (gb != null) for (int j = 0; j < cols; j++) gb[yo + j] += g[o + j];
                    }
                    case SUB -> {
                        if (ga != null) for (int j = 0; j < cols; j++) ga[xo + j] += g[o + j];
                        if (gb != null) for (int j = 0; j < cols; j++) gb[yo + j] -= g[o + j];
                    }
                    case MUL -> {
                        if (ga != null) for (int j = 0; j < cols; j++) ga[xo + j] += g[o + j] * y[yo + j];
                        if (gb != null) for (int j = 0; j < cols; j++) gb[yo + j] += g[o + j] * x[xo + j];
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
