package org.mlp4j.formats.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.numpy.DType;
import org.mlp4j.formats.numpy.NdArray;

/**
 * Pickles written by real Python 3.11 and NumPy 1.24.2 ({@code make_pickle_numpy_fixtures.py}); the expected
 * values are the script's formulas: {@code features(r, c)[i, j] = (i·c + j) / 4}, {@code class_labels(r, k)[i] = i % k}.
 */
class PickleFixturesTest {

    private static Map<?, ?> loadDict(String name) throws Exception {
        List<Object> all = Unpickler.loadAll(Fixtures.path("pickle/" + name));
        assertEquals(1, all.size());
        return assertInstanceOf(Map.class, all.get(0));
    }

    private static float[] quarters(int n, float plus) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = k / 4f + plus;
        }
        return v;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void everyProtocolReadsPlainContainersAndArrays(int protocol) throws Exception {
        Map<?, ?> d = loadDict("plain_protocol" + protocol + ".pkl");
        NdArray x = assertInstanceOf(NdArray.class, d.get("x"));
        assertArrayEquals(new long[] {4, 3}, x.shape());
        assertEquals(DType.FLOAT32, x.dtype());
        assertArrayEquals(quarters(12, 0), x.toFloatArray());
        NdArray y = assertInstanceOf(NdArray.class, d.get("y"));
        assertEquals(DType.INT64, y.dtype());
        assertArrayEquals(new long[] {0, 1, 2, 0}, y.toLongArray());
        assertEquals("protocol " + protocol + " \u00e9\u4e2d\\\n", d.get("name"));
        assertEquals(4L, d.get("n"));
        assertEquals(-5L, d.get("neg"));
        assertEquals(BigInteger.TWO.pow(70), d.get("big"));
        assertEquals(BigInteger.TWO.pow(70).negate(), d.get("negbig"));
        assertEquals(70000L, d.get("i32"));
        assertEquals(40000L, d.get("i16"));
        assertEquals(0.5, d.get("ratio"));
        assertEquals(Boolean.TRUE, d.get("flag"));
        assertEquals(Boolean.FALSE, d.get("off"));
        assertTrue(d.containsKey("none"));
        assertNull(d.get("none"));
        PyBytes bytes = assertInstanceOf(PyBytes.class, d.get("bytes"));
        assertArrayEquals(new byte[] {0, (byte) 0xff, '\\', '\n'}, bytes.toByteArray());
        assertEquals(List.of(1L, 2.5, "a"), d.get("list"));
        PyTuple nested = assertInstanceOf(PyTuple.class, d.get("nested"));
        assertEquals(List.of(1L, List.of(2L, 3L)), nested);
        assertEquals(List.of(), d.get("empty"));
    }

    /** dtype fixtures: bool = k % 2, unsigned = 7k, others = k - 3, all of shape (2, 3). */
    @ParameterizedTest
    @ValueSource(strings = {"dtypes_protocol2.pkl", "dtypes_protocol5.pkl"})
    void everyDtypeInBothByteOrdersAndFortranOrder(String file) throws Exception {
        Map<?, ?> d = loadDict(file);
        String[] names = {"?", "u1", "i1", "i2", "i4", "i8", "u2", "u4", "f2", "f4", "f8",
            ">i2", ">i4", ">i8", ">u2", ">u4", ">f2", ">f4", ">f8"};
        for (String name : names) {
            NdArray a = assertInstanceOf(NdArray.class, d.get(name), name);
            assertArrayEquals(new long[] {2, 3}, a.shape(), name);
            DType expected = DType.parse(name.equals("?") ? "|b1" : name);
            assertEquals(expected, a.dtype(), name);
            assertEquals(name.startsWith(">") && !name.endsWith("1") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN,
                    a.dtype().order(), name);
            for (int k = 0; k < 6; k++) {
                double want = name.equals("?") ? k % 2 : expected.kind() == DType.Kind.UINT ? 7 * k : k - 3;
                assertEquals(want, a.getDouble(k), name + "[" + k + "]");
            }
        }
        assertArrayEquals(new float[] {-3, -2, -1, 0, 1, 2}, ((NdArray) d.get("fortran_f4")).toFloatArray());
        NdArray f3 = (NdArray) d.get("fortran_3d_i4");
        assertArrayEquals(new long[] {2, 3, 4}, f3.shape());
        for (int k = 0; k < 24; k++) {
            assertEquals(k, f3.getLong(k));
        }
        assertArrayEquals(new double[] {-3, -2, -1, 0, 1, 2}, ((NdArray) d.get("fortran_be_f8")).toDoubleArray());
        assertArrayEquals(new float[] {0.5f, -1.25f, 65504f, 0x1p-14f, Float.POSITIVE_INFINITY},
                ((NdArray) d.get("fractions_f2")).toFloatArray());
        NdArray zeroD = (NdArray) d.get("zero_d");
        assertTrue(zeroD.isScalar());
        assertEquals(7, zeroD.getLong(0));
    }

    @Test
    void protocol0ArraysComeThroughRawUnicodeEscapes() throws Exception {
        Map<?, ?> d = loadDict("dtypes_protocol0.pkl");
        assertArrayEquals(new long[] {-3, -2, -1, 0, 1, 2}, ((NdArray) d.get("i4")).toLongArray());
        assertArrayEquals(new long[] {0, 7, 14, 21, 28, 35}, ((NdArray) d.get("u1")).toLongArray());
        assertArrayEquals(new double[] {-3, -2, -1, 0, 1, 2}, ((NdArray) d.get(">f8")).toDoubleArray());
        assertArrayEquals(new float[] {-3, -2, -1, 0, 1, 2}, ((NdArray) d.get("fortran_f4")).toFloatArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalars_protocol2.pkl", "scalars_protocol4.pkl"})
    void numpyScalarsAreRankZeroArrays(String file) throws Exception {
        Map<?, ?> d = loadDict(file);
        NdArray count = (NdArray) d.get("count");
        assertTrue(count.isScalar());
        assertEquals(DType.INT64, count.dtype());
        assertEquals(60000L, count.getLong(0));
        assertEquals(1.5, ((NdArray) d.get("f32")).getDouble(0));
        assertEquals(DType.FLOAT32, ((NdArray) d.get("f32")).dtype());
        assertEquals(-2.25, ((NdArray) d.get("f64")).getDouble(0));
        assertEquals(1, ((NdArray) d.get("flag")).getLong(0));
        assertEquals(DType.BOOL, ((NdArray) d.get("flag")).dtype());
        assertEquals(200, ((NdArray) d.get("u8")).getLong(0));
        // indexing a big-endian array gives a native (little-endian) NumPy scalar
        NdArray i16 = (NdArray) d.get("i16be");
        assertEquals(DType.INT16, i16.dtype());
        assertEquals(-300, i16.getLong(0));
    }

    @Test
    void concatenatedPicklesAreReadInTurn() throws Exception {
        List<Object> all = Unpickler.loadAll(Fixtures.path("pickle/concatenated.pkl"));
        assertEquals(2, all.size());
        assertArrayEquals(quarters(6, 0), ((NdArray) all.get(0)).toFloatArray());
        assertArrayEquals(new long[] {0, 1, 0}, ((NdArray) all.get(1)).toLongArray());
    }

    @Test
    void gzipIsRecognisedByItsMagicBytes() throws Exception {
        Map<?, ?> d = loadDict("tutorial.pkl.gz");
        assertEquals(20L, d.get("count"));
        assertArrayEquals(new long[] {20, 784, 1}, ((NdArray) d.get("inputs")).shape());
        assertArrayEquals(new long[] {20, 10, 1}, ((NdArray) d.get("labels")).shape());
    }

    @ParameterizedTest
    @ValueSource(strings = {"object_array.pkl", "object_array_protocol5.pkl"})
    void objectArraysAreRefused(String file) {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Unpickler.loadAll(Fixtures.path("pickle/" + file)));
        assertTrue(e.getMessage().contains("object arrays"), e.getMessage());
        assertTrue(e.getMessage().startsWith(Fixtures.path("pickle/" + file).toString() + ": byte "), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"));
    }

    /** Python 3 pickles an empty array's data at protocols 0–2 as {@code __builtin__.bytes()}: allowed with no arguments only. */
    @Test
    void emptyArrayAtProtocol2() throws Exception {
        NdArray a = (NdArray) Unpickler.loadAll(Fixtures.path("pickle/empty_array_protocol2.pkl")).get(0);
        assertArrayEquals(new long[] {0, 3}, a.shape());
        assertEquals(0, a.size());
    }
}
