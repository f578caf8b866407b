package org.mlp4j.formats.numpy;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlp4j.formats.DataFormatException;

/** Every truncation and seeded random byte flips of small .npy/.npz files: a result or a DataFormatException. */
class CorruptNumpySweepTest {
    @TempDir
    Path dir;

    private void readAndMap(Path f, byte[] data, String what) throws Exception {
        Files.write(f, data);
        try {
            NumpyDatasets.read(f, null, null, null);
        } catch (DataFormatException expected) {
            // the contract
        } catch (Throwable t) {
            fail(what + ": " + t, t);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"features_v1.npy", "features_v3.npy", "fortran_f8.npy", "compressed.npz", "positional.npz"})
    void everyTruncation(String name) throws Exception {
        byte[] full = Files.readAllBytes(NumpyFilesTest.fixture(name));
        Path f = dir.resolve(name);
        for (int n = 0; n < full.length; n++) {
            readAndMap(f, Arrays.copyOf(full, n), name + " truncated to " + n);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"features_v1.npy", "bigendian_i4.npy", "compressed.npz", "positional.npz", "mnist_like.npz"})
    void seededRandomByteFlips(String name) throws Exception {
        byte[] full = Files.readAllBytes(NumpyFilesTest.fixture(name));
        Path f = dir.resolve(name);
        Random random = new Random(name.hashCode());
        for (int trial = 0; trial < 300; trial++) {
            byte[] copy = full.clone();
            StringBuilder what = new StringBuilder(name);
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                int at = random.nextInt(copy.length);
                copy[at] = (byte) random.nextInt(256);
                what.append(" byte ").append(at).append('=').append(copy[at] & 0xff);
            }
            readAndMap(f, copy, what.toString());
        }
    }
}
