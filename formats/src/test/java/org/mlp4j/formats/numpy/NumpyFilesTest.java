package org.mlp4j.formats.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.DataFormatException;

/**
 * {@code .npy} and {@code .npz} files written by NumPy 1.24.2 ({@code make_pickle_numpy_fixtures.py}):
 * {@code features(r, c)[i, j] = (i·c + j) / 4}; {@code imgs.flat[k] = k % 251}.
 */
class NumpyFilesTest {
    @TempDir
    Path dir;

    static Path fixture(String name) throws Exception {
        URL url = NumpyFilesTest.class.getResource("/numpy/" + name);
        return Path.of(url.toURI());
    }

    private static float[] quarters(int n) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = k / 4f;
        }
        return v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"features_v1.npy", "features_v2.npy", "features_v3.npy"})
    void readsEveryNpyVersion(String name) throws Exception {
        NdArray a = NpyReader.read(fixture(name));
        assertArrayEquals(new long[] {3, 4}, a.shape());
        assertEquals(DType.FLOAT32, a.dtype());
        assertArrayEquals(quarters(12), a.toFloatArray());
    }

    @Test
    void readsFortranOrderBigEndianBoolHalfAndScalars() throws Exception {
        NdArray f = NpyReader.read(fixture("fortran_f8.npy"));
        assertArrayEquals(new long[] {2, 3}, f.shape());
        assertArrayEquals(new double[] {-3, -2, -1, 0, 1, 2}, f.toDoubleArray());
        NdArray be = NpyReader.read(fixture("bigendian_i4.npy"));
        assertEquals(ByteOrder.BIG_ENDIAN, be.dtype().order());
        assertArrayEquals(new int[] {-3, -2, -1, 0, 1, 2}, be.toIntArray());
        assertArrayEquals(new long[] {0, 1, 0, 1, 0}, NpyReader.read(fixture("bool.npy")).toLongArray());
        assertArrayEquals(new float[] {0.5f, -1.25f, 65504f}, NpyReader.read(fixture("half.npy")).toFloatArray());
        NdArray s = NpyReader.read(fixture("scalar_u2.npy"));
        assertTrue(s.isScalar());
        assertEquals(513, s.getLong(0));
    }

    @Test
    void objectArraysAreRefusedAsAllowPickleFalseDoes() throws Exception {
        DataFormatException e = assertThrows(DataFormatException.class, () -> NpyReader.read(fixture("object.npy")));
        assertTrue(e.getMessage().contains("object arrays (dtype '|O') are refused"), e.getMessage());
        assertTrue(e.position().startsWith("byte "), e.position());
    }

    @Test
    void headerIsParsedStrictly() {
        byte[] good = NpyWriter.toBytes(NdArray.ofInts(new int[] {1, 2}, 2));
        String header = new String(good, 10, good.length - 18, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }"), header);
        for (String[] bad : new String[][] {
            {"'shape': (2,)", "'shape': (2,),'x':1"},
            {"'fortran_order': False", "'fortran_order': 0    "},
            {"'descr': '<i4'", "'descr': '<U4'"},
            {"'shape': (2,)", "'shape': (3,)"},
        }) {
            byte[] b = good.clone();
            String h = header.replace(bad[0], bad[1]);
            byte[] hb = h.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            if (hb.length != header.length()) {
                hb = java.util.Arrays.copyOf(hb, header.length());
            }
            System.arraycopy(hb, 0, b, 10, hb.length);
            assertThrows(DataFormatException.class, () -> NpyReader.parse(SourceBytes.of(b, "bad.npy")), bad[1]);
        }
    }

    @Test
    void npzStoredEntriesMapLikeADictWithSplits() throws Exception {
        Path f = fixture("mnist_like.npz");
        assertEquals(List.of("x_train", "y_train", "x_test", "y_test"), NpzReader.names(f));
        Dataset train = NumpyDatasets.read(f, null, null, null);
        assertEquals(3, train.rows());
        assertEquals(784, train.featureCount());
        assertArrayEquals(new int[] {5, 0, 4}, train.labels());
        for (int k = 0; k < 3 * 784; k++) {
            assertEquals(k % 251, train.features()[k]);
        }
        assertTrue(NumpyDatasets.hasSplit(f, "test"));
        assertFalse(NumpyDatasets.hasSplit(f, "valid"));
        assertArrayEquals(new int[] {7, 2}, NumpyDatasets.read(f, null, null, "test").labels());
    }

    @Test
    void npzDeflatedEntriesAndExplicitKeys() throws Exception {
        Path f = fixture("compressed.npz");
        Dataset d = NumpyDatasets.read(f, null, null, null);
        assertArrayEquals(quarters(12), d.features());
        assertArrayEquals(new int[] {0, 1, 2, 0}, d.labels());
        Dataset swapped = NumpyDatasets.read(f, "labels", "inputs", null, LabelKind.REGRESSION);
        assertEquals(1, swapped.featureCount());
        assertEquals(3, swapped.targetWidth());
        Dataset positional = NumpyDatasets.read(fixture("positional.npz"), null, null, null);
        assertArrayEquals(new int[] {0, 1}, positional.labels());
        assertFalse(NumpyDatasets.hasSplit(f, "test"));
    }

    @Test
    void loneNpyIsUnlabelledFeatures() throws Exception {
        Dataset d = NumpyDatasets.read(fixture("features_v1.npy"), null, null, null);
        assertFalse(d.hasTargets());
        assertEquals(3, d.rows());
        assertEquals(4, d.featureCount());
        assertFalse(NumpyDatasets.hasSplit(fixture("features_v1.npy"), "test"));
    }

    @Test
    void writersRoundTripAtomically() throws Exception {
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("x", NdArray.ofFloats(quarters(6), 2, 3));
        arrays.put("y", NdArray.ofLongs(new long[] {1, 0}, 2));
        arrays.put("s", NdArray.ofDoubles(new double[] {2.5}));
        arrays.put("img", NdArray.ofUnsignedBytes(new byte[] {(byte) 255, 0}, 1, 2));
        Path npz = dir.resolve("out.npz");
        NpzWriter.write(npz, arrays);
        Map<String, NdArray> back = NpzReader.readAll(npz);
        assertEquals(arrays.keySet(), back.keySet());
        for (String k : arrays.keySet()) {
            assertArrayEquals(arrays.get(k).shape(), back.get(k).shape(), k);
            assertEquals(arrays.get(k).dtype(), back.get(k).dtype(), k);
            assertArrayEquals(arrays.get(k).toDoubleArray(), back.get(k).toDoubleArray(), k);
        }
        Path npy = dir.resolve("out.npy");
        NpyWriter.write(npy, arrays.get("x"));
        assertArrayEquals(quarters(6), NpyReader.read(npy).toFloatArray());
        byte[] bytes = Files.readAllBytes(npy);
        assertEquals(0, (bytes[8] & 0xff | (bytes[9] & 0xff) << 8) + 10 & 63, "data starts 64-byte aligned");
        try (var listing = Files.list(dir)) {
            assertEquals(2, listing.count(), "no temporary files left behind");
        }
    }
}
