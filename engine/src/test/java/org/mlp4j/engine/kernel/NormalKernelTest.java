package org.mlp4j.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link Kernels#normal}: the vector kernels draw the reference's samples bit for bit (at this JVM's width; the
 * 128- and 256-bit test runs cover the others), a stream's samples depend only on its seed and the lengths asked
 * for, and they are standard normal: moments, the mass within 1, 2 and 3 standard deviations, and a
 * Kolmogorov–Smirnov distance against Φ over two million samples.
 */
class NormalKernelTest {
    private final Kernels scalar = KernelsProvider.create("scalar", 1);
    private final Kernels vector = TestKernels.vector(1);

    private static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Float.floatToRawIntBits(a[i]);
        }
        return b;
    }

    @Test
    void severalStreamsAtOnceDrawWhatEachStreamDrawsAloneOnOneThreadOrTwo() {
        Kernels[] providers = {scalar, vector, TestKernels.vector(2)};
        // below and above the size at which the vector kernels split the streams across threads
        for (int[] shape : new int[][] {{1, 100}, {2, 33}, {3, 6400}, {20, 6400}, {5, 7}}) {
            int count = shape[0], length = shape[1];
            float[][] expected = new float[count][length + 2];
            for (int s = 0; s < count; s++) {
                NormalStream alone = new NormalStream(100 + s);
                scalar.normal(alone, expected[s], 2, length, 0.5f);
                scalar.normal(alone, expected[s], 2, length, 0.5f);   // the second call: each stream advances
            }
            for (Kernels k : providers) {
                NormalStream[] streams = new NormalStream[count];
                float[][] out = new float[count][length + 2];
                for (int s = 0; s < count; s++) {
                    streams[s] = new NormalStream(100 + s);
                }
                k.normal(streams, out, 2, length, 0.5f);
                k.normal(streams, out, 2, length, 0.5f);
                for (int s = 0; s < count; s++) {
                    assertArrayEquals(bits(expected[s]), bits(out[s]), k.describe() + ", stream " + s + " of " + count
                            + ", length " + length);
                }
            }
        }
    }

    @Test
    void severalStreamsNeedOneArrayEach() {
        NormalStream[] two = {new NormalStream(1), new NormalStream(2)};
        for (Kernels k : new Kernels[] {scalar, TestKernels.vector(2)}) {
            assertThrows(IllegalArgumentException.class, () -> k.normal(two, new float[3][64], 0, 64, 1f));
        }
    }

    @Test
    void theVectorKernelsDrawTheReferencesSamplesBitForBit() {
        NormalStream a = new NormalStream(42);
        NormalStream b = new NormalStream(42);
        for (int length : new int[]{1, 31, 32, 33, 64, 100, 6400, 7}) {
            float[] e = new float[length + 3];
            float[] v = new float[length + 3];
            scalar.normal(a, e, 3, length, 0.25f);
            vector.normal(b, v, 3, length, 0.25f);
            assertArrayEquals(bits(e), bits(v), "length " + length);
            assertEquals(0f, v[0], "nothing before the offset");
        }
        assertArrayEquals(a.state(), b.state(), "both streams advanced alike");
    }

    @Test
    void aStreamDependsOnlyOnItsSeedAndTheLengthsAskedFor() {
        float[] first = new float[100];
        float[] again = new float[100];
        vector.normal(new NormalStream(7), first, 0, 100, 1f);
        NormalStream s = new NormalStream(7);
        vector.normal(s.copy(), again, 0, 100, 1f);
        assertArrayEquals(bits(first), bits(again));
        float[] other = new float[100];
        vector.normal(new NormalStream(8), other, 0, 100, 1f);
        assertFalse(Arrays.equals(first, other), "another seed, other samples");
        // 100 samples take four blocks: asking 64 then 36 takes two and two, the same 128 values' first 100
        float[] split = new float[100];
        NormalStream t = new NormalStream(7);
        vector.normal(t, split, 0, 64, 1f);
        vector.normal(t, split, 64, 36, 1f);
        assertArrayEquals(bits(first), bits(split));
    }

    @Test
    void theSamplesAreStandardNormal() {
        int n = 2_000_000;
        float[] z = new float[n];
        vector.normal(new NormalStream(2026), z, 0, n, 1f);
        double sum = 0, sq = 0, cube = 0, fourth = 0;
        int within1 = 0, within2 = 0, within3 = 0;
        for (float v : z) {
            sum += v;
            sq += (double) v * v;
            cube += (double) v * v * v;
            fourth += (double) v * v * v * v;
            double a = Math.abs(v);
            within1 += a < 1 ? 1 : 0;
            within2 += a < 2 ? 1 : 0;
            within3 += a < 3 ? 1 : 0;
        }
        double mean = sum / n;
        double var = sq / n - mean * mean;
        // standard errors at n = 2·10⁶: mean 7·10⁻⁴, variance 10⁻³, skewness 1.7·10⁻³, kurtosis 3.5·10⁻³
        assertEquals(0, mean, 0.004, "mean");
        assertEquals(1, var, 0.005, "variance");
        assertEquals(0, cube / n, 0.01, "third moment");
        assertEquals(3, fourth / n, 0.02, "fourth moment");
        assertEquals(0.682689, within1 / (double) n, 0.0015, "within 1σ");
        assertEquals(0.954500, within2 / (double) n, 0.0008, "within 2σ");
        assertEquals(0.997300, within3 / (double) n, 0.0002, "within 3σ");
        float[] sorted = z.clone();
        Arrays.sort(sorted);
        double ks = 0;
        for (int i = 0; i < n; i += 97) {
            double cdf = phi(sorted[i]);
            ks = Math.max(ks, Math.max(Math.abs(cdf - (double) i / n), Math.abs(cdf - (double) (i + 1) / n)));
        }
        assertTrue(ks < 1.63 / Math.sqrt(n) * 2, "Kolmogorov–Smirnov distance " + ks);
    }

    /** Φ(x) from erfc by Abramowitz–Stegun 7.1.26's refinement (|error| < 1.2·10⁻⁷). */
    private static double phi(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.5 * z);
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - erfc / 2 : erfc / 2;
    }
}
