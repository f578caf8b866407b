package org.mlp4j.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.Stream;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every element-wise loop the vector kernels have of their own agrees with the scalar reference on random shapes,
 * including widths and offsets that leave vector tails: bit for bit for the optimizer updates, the decay, the dropout
 * mask, the activation derivatives, column sums, batch normalisation's column loops and scaling; within 2 ulp-ish (4e-7·|x| + 4e-7) for the approximated
 * sigmoid and tanh; within a rounding for {@code axpy}, which the vector kernels fuse.
 *
 * <p>Not here, because {@code VectorKernels} hands them to a {@link ScalarKernels} instance (its Javadoc says so per
 * method), so a comparison would hold the reference against itself: {@code lossGradient}, {@code loss},
 * {@code sumOfSquares}, {@code l2Gradient}, and {@code biasActivation} for softmax or without a bias (and rows
 * narrower than one vector, which the shapes below include so that the dispatch is covered too).
 */
class ElementwiseKernelsTest {
    private final Kernels scalar = KernelsProvider.create("scalar", 1);
    private final Kernels vector = TestKernels.vector(1);
    private final Rng rng = new Rng(7);
    private static final int[][] SHAPES = {{1, 1}, {1, 7}, {3, 15}, {5, 16}, {2, 17}, {7, 33}, {4, 64}, {3, 129}, {2, 300}};

    private float[] random(int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rng.nextGaussian() * scale);
        }
        return a;
    }

    private static void assertClose(float[] expected, float[] actual, double rel, String what) {
        for (int i = 0; i < expected.length; i++) {
            double tol = rel * Math.abs(expected[i]) + rel;
            assertEquals(expected[i], actual[i], tol, what + " at " + i);
        }
    }

    private float[] positive(int n) {
        float[] a = random(n, 1);
        for (int i = 0; i < n; i++) {
            a[i] = Math.abs(a[i]);
        }
        return a;
    }

    private static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Float.floatToRawIntBits(a[i]);
        }
        return b;
    }

    /** Softmax is left out: the vector kernels hand it to the reference. */
    @ParameterizedTest
    @EnumSource(value = Activation.class, names = "SOFTMAX", mode = EnumSource.Mode.EXCLUDE)
    void biasActivationAgrees(Activation f) {
        for (int[] s : SHAPES) {
            float[] c = random(s[0] * s[1], 4);
            float[] bias = random(s[1], 1);
            float[] expected = c.clone();
            float[] actual = c.clone();
            scalar.biasActivation(expected, s[0], s[1], bias, f, 0.02f);
            vector.biasActivation(actual, s[0], s[1], bias, f, 0.02f);
            assertClose(expected, actual, 4e-7, f + " " + Arrays.toString(s));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = "SOFTMAX", mode = EnumSource.Mode.EXCLUDE)
    void activationBackwardAgrees(Activation f) {
        for (int[] s : SHAPES) {
            int n = s[0] * s[1];
            float[] a = random(n, 1);
            scalar.biasActivation(a, s[0], s[1], null, f, 0.02f);
            float[] d = random(n, 1);
            float[] expected = d.clone();
            float[] actual = d.clone();
            scalar.activationBackward(expected, a, n, f, 0.02f);
            vector.activationBackward(actual, a, n, f, 0.02f);
            assertClose(expected, actual, 0, f + " " + Arrays.toString(s));
        }
    }

    /**
     * Shapes on both sides of the vector kernels' choice between row-by-row and column-outer passes (rows of under
     * 256 floats and at most 64 Ki floats go column-outer, in blocks of 16 rows): a last block of 5 rows, a matrix just
     * inside the bound (600 × 100) and one just outside it (300 × 230).
     */
    private static final int[][] BLOCK_SHAPES = {{37, 110}, {600, 100}, {300, 230}};

    private static int[][] withBlockShapes(int[][] shapes) {
        int[][] all = Arrays.copyOf(shapes, shapes.length + BLOCK_SHAPES.length);
        System.arraycopy(BLOCK_SHAPES, 0, all, shapes.length, BLOCK_SHAPES.length);
        return all;
    }

    /**
     * Batch normalisation's column loops: statistics, scaling and both backward passes, on the shapes above, the
     * deep BSDE subnets' (64 rows of 100, 110 and 10 columns) and {@link #BLOCK_SHAPES}, with the input at an offset,
     * give the reference's bits.
     */
    @Test
    void batchNormColumnKernelsAgreeBitForBit() {
        int[][] shapes = Arrays.copyOf(SHAPES, SHAPES.length + 3);
        shapes[SHAPES.length] = new int[]{64, 100};
        shapes[SHAPES.length + 1] = new int[]{64, 110};
        shapes[SHAPES.length + 2] = new int[]{64, 10};
        shapes = withBlockShapes(shapes);
        for (int[] s : shapes) {
            int rows = s[0], cols = s[1], offset = 5;
            String shape = Arrays.toString(s);
            float[] x = random(offset + rows * cols, 2);
            for (int i = offset; i < x.length; i++) {
                x[i] += 0.5f * ((i - offset) % cols);   // columns with different means
            }
            float[] g = random(rows * cols, 1);
            float[][] e = {new float[cols], new float[cols]};
            float[][] v = {new float[cols], new float[cols]};
            scalar.columnMeanVariance(x, offset, rows, cols, e[0], e[1]);
            vector.columnMeanVariance(x, offset, rows, cols, v[0], v[1]);
            assertArrayEquals(bits(e[0]), bits(v[0]), "mean " + shape);
            assertArrayEquals(bits(e[1]), bits(v[1]), "variance " + shape);
            float[] mean = e[0].clone();

            float[] scale = random(cols, 1);
            float[] outE = new float[rows * cols];
            float[] outV = new float[rows * cols];
            scalar.scaleColumns(x, offset, rows, cols, scale, outE);
            vector.scaleColumns(x, offset, rows, cols, scale, outV);
            assertArrayEquals(bits(outE), bits(outV), "scaleColumns " + shape);

            scalar.columnGradientSums(g, x, offset, rows, cols, mean, e[0], e[1]);
            vector.columnGradientSums(g, x, offset, rows, cols, mean, v[0], v[1]);
            assertArrayEquals(bits(e[0]), bits(v[0]), "Σg " + shape);
            assertArrayEquals(bits(e[1]), bits(v[1]), "Σg·(x − μ) " + shape);

            float[] a = random(cols, 1);
            float[] b = random(cols, 1);
            float[] c = random(cols, 1);
            scalar.batchNormInputGradient(g, x, offset, rows, cols, mean, a, b, c, outE);
            vector.batchNormInputGradient(g, x, offset, rows, cols, mean, a, b, c, outV);
            assertArrayEquals(bits(outE), bits(outV), "batchNormInputGradient " + shape);
        }
    }

    /**
     * The gradients of a dense layer on a normalised input: the weight gradient with the reference's bits, replacing
     * and adding, and the two row sums within rounding of the reference's (the vector kernels sum per lane), on the
     * shapes above and the deep BSDE subnets' first layer (100 inputs, 110 units).
     */
    @Test
    void normalizedDenseGradientsGiveTheReferencesWeightGradientAndItsRowSumsWithinRounding() {
        int[][] shapes = Arrays.copyOf(SHAPES, SHAPES.length + 1);
        shapes[SHAPES.length] = new int[]{100, 110};
        for (int[] sh : shapes) {
            int rows = sh[0], cols = sh[1];
            String shape = Arrays.toString(sh);
            float[] m = random(rows * cols, 1), w = random(rows * cols, 0.1), s = random(cols, 1);
            float[] a = random(rows, 1), b = random(rows, 1);
            for (boolean replace : new boolean[]{true, false}) {
                float[] before = random(rows * cols, 1);
                float[] gwE = before.clone(), gwV = before.clone();
                float[][] e = {new float[rows], new float[rows]};
                float[][] v = {new float[rows], new float[rows]};
                scalar.normalizedDenseGradients(m, w, s, rows, cols, a, b, replace, gwE, e[0], e[1]);
                vector.normalizedDenseGradients(m, w, s, rows, cols, a, b, replace, gwV, v[0], v[1]);
                assertArrayEquals(bits(gwE), bits(gwV), "weight gradient " + shape + " replace " + replace);
                for (int j = 0; j < rows; j++) {
                    double am = 0, as = 0, dm = 0, ds = 0;
                    for (int o = 0; o < cols; o++) {
                        am += Math.abs(w[j * cols + o] * m[j * cols + o]);
                        as += Math.abs(w[j * cols + o] * s[o]);
                        dm += (double) w[j * cols + o] * m[j * cols + o];
                        ds += (double) w[j * cols + o] * s[o];
                    }
                    // each float sum within cols·2⁻²⁴ of the terms' magnitudes of the exact one
                    double eps = cols * 0x1p-24;
                    assertEquals(dm, e[0][j], eps * am, "reference Σ w·m row " + j + " " + shape);
                    assertEquals(dm, v[0][j], eps * am, "Σ w·m row " + j + " " + shape);
                    assertEquals(ds, e[1][j], eps * as, "reference Σ w·s row " + j + " " + shape);
                    assertEquals(ds, v[1][j], eps * as, "Σ w·s row " + j + " " + shape);
                }
                float t = a[0] * m[0] + b[0] * s[0];
                assertEquals(replace ? t : before[0] + t, gwE[0], "reference weight gradient " + shape);
                if (replace) {
                    // m turned into the weight gradient in place, as StackPass does when it replaces
                    for (Kernels k : new Kernels[]{scalar, vector}) {
                        float[] inPlace = m.clone();
                        float[][] d = {new float[rows], new float[rows]};
                        k.normalizedDenseGradients(inPlace, w, s, rows, cols, a, b, true, inPlace, d[0], d[1]);
                        String what = k.name() + " in place " + shape;
                        assertArrayEquals(bits(gwE), bits(inPlace), what);
                        assertArrayEquals(bits(k == scalar ? e[0] : v[0]), bits(d[0]), what + " Σ w·m");
                        assertArrayEquals(bits(k == scalar ? e[1] : v[1]), bits(d[1]), what + " Σ w·s");
                    }
                }
            }
        }
    }

    /**
     * Batch normalisation's fused forward, {@code f(x·scale + shift)}, is the reference's scaling then its bias and
     * activation: bit for bit for identity, ReLU and leaky ReLU (which the vector kernels fuse), within the
     * approximations' bound for sigmoid and tanh, and exactly for softmax (handed to the reference). Also on the
     * subnets' widths, {@link #BLOCK_SHAPES}, and with an output that ends at its last element.
     */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void normalizeColumnsIsScaleThenBiasActivation(Activation f) {
        int[][] shapes = Arrays.copyOf(SHAPES, SHAPES.length + 2);
        shapes[SHAPES.length] = new int[]{64, 100};
        shapes[SHAPES.length + 1] = new int[]{64, 110};
        shapes = withBlockShapes(shapes);
        for (int[] s : shapes) {
            int rows = s[0], cols = s[1], offset = 3;
            float[] x = random(offset + rows * cols, 2);
            float[] scale = random(cols, 1);
            float[] shift = random(cols, 1);
            float[] expected = new float[rows * cols];
            float[] actual = new float[rows * cols];
            scalar.scaleColumns(x, offset, rows, cols, scale, expected);
            scalar.biasActivation(expected, rows, cols, shift, f, 0.02f);
            vector.normalizeColumns(x, offset, rows, cols, scale, shift, f, 0.02f, actual);
            String what = f + " " + Arrays.toString(s);
            if (f == Activation.SIGMOID || f == Activation.TANH) {
                assertClose(expected, actual, 4e-7, what);
            } else {
                assertArrayEquals(bits(expected), bits(actual), what);
            }
            float[] reference = new float[rows * cols];
            scalar.normalizeColumns(x, offset, rows, cols, scale, shift, f, 0.02f, reference);
            assertArrayEquals(bits(expected), bits(reference), "scalar " + what);
        }
    }

    /**
     * The tape's element-wise loops, at offsets that leave vector tails, give the reference's bits (whole arrays are
     * compared, so a write outside its range shows too).
     */
    @Test
    void tapeElementwiseLoopsAgreeBitForBit() {
        for (int[] s : SHAPES) {
            int n = s[0] * s[1];
            String shape = Arrays.toString(s);
            float[] x = random(n + 3, 1);
            float[] y = random(n + 5, 1);
            float[] base = random(n + 2, 1);
            float[] e = base.clone();
            float[] v = base.clone();
            scalar.scaleInto(n, -0.37f, x, 3, e, 2);
            vector.scaleInto(n, -0.37f, x, 3, v, 2);
            assertArrayEquals(bits(e), bits(v), "scaleInto " + shape);
            scalar.addScaled(n, 1.7f, y, 5, e, 2);
            vector.addScaled(n, 1.7f, y, 5, v, 2);
            assertArrayEquals(bits(e), bits(v), "addScaled " + shape);
            scalar.multiplyInto(n, x, 3, y, 5, e, 1);
            vector.multiplyInto(n, x, 3, y, 5, v, 1);
            assertArrayEquals(bits(e), bits(v), "multiplyInto " + shape);
            scalar.addProduct(n, x, 2, y, 4, e, 0);
            vector.addProduct(n, x, 2, y, 4, v, 0);
            assertArrayEquals(bits(e), bits(v), "addProduct " + shape);
            scalar.addConstant(n, 0.3f, e, 1);
            vector.addConstant(n, 0.3f, v, 1);
            assertArrayEquals(bits(e), bits(v), "addConstant " + shape);
        }
    }

    /** The element-wise column passes stay right when their output is their input (the reference's loop then). */
    @Test
    void scaleColumnsInPlaceIsTheReference() {
        int rows = 3, cols = 2 * 16 + 5;
        float[] x = random(rows * cols, 1);
        float[] scale = random(cols, 1);
        float[] expected = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = x[i] * scale[i % cols];
        }
        vector.scaleColumns(x, 0, rows, cols, scale, x);
        assertArrayEquals(bits(expected), bits(x));
    }

    @Test
    void columnSumsAxpyAndScaleAgree() {
        for (int[] s : SHAPES) {
            float[] d = random(s[0] * s[1], 1);
            float[] e = new float[s[1]];
            float[] v = new float[s[1]];
            scalar.columnSums(d, s[0], s[1], e);
            vector.columnSums(d, s[0], s[1], v);
            assertArrayEquals(bits(e), bits(v), "columnSums " + Arrays.toString(s));

            float[] x = random(d.length, 1);
            float[] ye = d.clone();
            float[] yv = d.clone();
            scalar.axpy(d.length, -0.3f, x, ye);
            vector.axpy(d.length, -0.3f, x, yv);
            assertClose(ye, yv, 1e-6, "axpy");
            float[] exact = d.clone();
            float[] scaled = d.clone();
            scalar.scale(d.length, 0.7f, exact);
            vector.scale(d.length, 0.7f, scaled);
            assertArrayEquals(bits(exact), bits(scaled), "scale " + Arrays.toString(s));
        }
    }

    /** One optimizer's update over a range, as a kernels method call. */
    interface Update {
        void apply(Kernels k, float[] p, float[] g, float[] s1, float[] s2, int offset, int length);
    }

    static Stream<Arguments> updates() {
        return Stream.of(
            Arguments.of("sgd", (Update) (k, p, g, s1, s2, o, n) -> k.sgdUpdate(p, g, o, n, 0.05f)),
            Arguments.of("momentum", (Update) (k, p, g, s1, s2, o, n) -> k.momentumUpdate(p, g, s1, o, n, 0.05f, 0.9f, false)),
            Arguments.of("nesterov", (Update) (k, p, g, s1, s2, o, n) -> k.momentumUpdate(p, g, s1, o, n, 0.05f, 0.9f, true)),
            Arguments.of("adam", (Update) (k, p, g, s1, s2, o, n) ->
                    k.adamUpdate(p, g, s1, s2, o, n, 0.013f, 0.9f, 0.999f, 0.0447f, 1e-8f)),
            Arguments.of("rmsprop", (Update) (k, p, g, s1, s2, o, n) -> k.rmsPropUpdate(p, g, s1, o, n, 0.01f, 0.99f, 1e-8f)),
            Arguments.of("adagrad", (Update) (k, p, g, s1, s2, o, n) -> k.adagradUpdate(p, g, s1, o, n, 0.01f, 1e-10f)),
            Arguments.of("decay", (Update) (k, p, g, s1, s2, o, n) -> k.decay(p, o, n, 0.9993f)));
    }

    /**
     * Three updates with fresh gradients, on ranges that start inside the array and end before its end: parameters
     * and state equal the reference's bit for bit, and nothing outside the range is touched.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("updates")
    void optimizerUpdatesAreBitIdentical(String name, Update update) {
        for (int[] s : SHAPES) {
            int length = s[0] * s[1];
            int offset = s[0];
            int n = offset + length + 5;
            float[] p = random(n, 1);
            float[] s1 = positive(n);
            float[] s2 = positive(n);
            float[][] expected = {p.clone(), s1.clone(), s2.clone()};
            float[][] actual = {p.clone(), s1.clone(), s2.clone()};
            for (int step = 0; step < 3; step++) {
                float[] g = random(n, 0.5);
                update.apply(scalar, expected[0], g, expected[1], expected[2], offset, length);
                update.apply(vector, actual[0], g, actual[1], actual[2], offset, length);
            }
            for (int a = 0; a < 3; a++) {
                assertArrayEquals(bits(expected[a]), bits(actual[a]), name + " array " + a + " " + Arrays.toString(s));
            }
            for (int i = offset + length; i < n; i++) {
                assertEquals(p[i], actual[0][i], name + " wrote past the range at " + i);
            }
            for (int i = 0; i < offset; i++) {
                assertEquals(p[i], actual[0][i], name + " wrote before the range at " + i);
            }
        }
    }

    /** Forward (into another array) and backward (in place) dropout masks, at offsets into the batch's mask. */
    @Test
    void applyMaskIsBitIdentical() {
        for (int[] s : SHAPES) {
            int n = s[0] * s[1];
            float[] x = random(n, 1);
            float[] mask = new float[n + 3];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = rng.nextDouble() < 0.3 ? 0f : 1f / 0.7f;
            }
            float[] expected = new float[n];
            float[] actual = new float[n];
            scalar.applyMask(x, 0, mask, 3, expected, 0, n);
            vector.applyMask(x, 0, mask, 3, actual, 0, n);
            assertArrayEquals(bits(expected), bits(actual), "forward " + Arrays.toString(s));
            float[] inPlace = x.clone();
            vector.applyMask(inPlace, 0, mask, 3, inPlace, 0, n);
            assertArrayEquals(bits(expected), bits(inPlace), "in place " + Arrays.toString(s));
        }
    }

    @Test
    void sigmoidAndTanhStayFiniteForAnyInput() {
        float[] z = {Float.NEGATIVE_INFINITY, -1e30f, -100f, -88.8f, 0f, 88.8f, 100f, 1e30f, Float.POSITIVE_INFINITY,
            Float.MIN_VALUE, -Float.MIN_VALUE, 20f, -20f, 5f, -5f, 1f, -1f};
        for (Kernels k : new Kernels[] {scalar, vector}) {
            for (Activation f : new Activation[] {Activation.SIGMOID, Activation.TANH}) {
                float[] a = z.clone();
                k.biasActivation(a, 1, a.length, null, f, 0f);
                for (int i = 0; i < a.length; i++) {
                    float lo = f == Activation.SIGMOID ? 0f : -1f;
                    assertEquals(true, a[i] >= lo && a[i] <= 1f, k.name() + " " + f + "(" + z[i] + ") = " + a[i]);
                }
            }
        }
    }
}
