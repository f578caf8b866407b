package org.mlp4j.formats.pickle;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.numpy.ArrayDatasets;

/**
 * Every truncation of valid pickles and a few hundred seeded random byte flips: each ends in a result or a
 * {@link DataFormatException} — never another exception or error.
 */
class CorruptPickleSweepTest {
    @TempDir
    Path dir;

    private static void readAndMap(byte[] data, String what) {
        try {
            for (Object o : Unpickler.loadAll(data, "sweep.pkl")) {
                try {
                    ArrayDatasets.toDataset(o, "sweep.pkl", null, null, null, null);
                } catch (DataFormatException expected) {
                    // a dict without a known key pair, say
                }
            }
        } catch (DataFormatException expected) {
            // the contract
        } catch (Throwable t) {
            fail(what + ": " + t, t);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain_protocol0.pkl", "plain_protocol2.pkl", "plain_protocol5.pkl",
        "dtypes_protocol5.pkl", "scalars_protocol2.pkl", "pair.pkl", "concatenated.pkl"})
    void everyTruncationEndsInAResultOrADataFormatException(String name) throws Exception {
        byte[] full = Files.readAllBytes(Fixtures.path("pickle/" + name));
        for (int n = 0; n < full.length; n++) {
            readAndMap(java.util.Arrays.copyOf(full, n), name + " truncated to " + n);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain_protocol0.pkl", "plain_protocol2.pkl", "plain_protocol4.pkl",
        "dtypes_protocol2.pkl", "dtypes_protocol5.pkl", "dtypes_protocol0.pkl", "scalars_protocol4.pkl",
        "tutorial_small.pkl", "keras_style.pkl", "object_array.pkl"})
    void seededRandomByteFlipsEndInAResultOrADataFormatException(String name) throws Exception {
        byte[] full = Files.readAllBytes(Fixtures.path("pickle/" + name));
        Random random = new Random(name.hashCode());
        for (int trial = 0; trial < 300; trial++) {
            byte[] copy = full.clone();
            int flips = 1 + random.nextInt(3);
            StringBuilder what = new StringBuilder(name);
            for (int f = 0; f < flips; f++) {
                int at = random.nextInt(copy.length);
                copy[at] = (byte) random.nextInt(256);
                what.append(" byte ").append(at).append("=").append(copy[at] & 0xff);
            }
            readAndMap(copy, what.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"splits.pkl.gz", "tutorial.pkl.gz"})
    void truncatedAndFlippedGzipEndsInADataFormatException(String name) throws Exception {
        byte[] full = Files.readAllBytes(Fixtures.path("pickle/" + name));
        Path f = dir.resolve(name);
        Random random = new Random(7);
        for (int n = 0; n < full.length + 300; n++) {
            byte[] copy;
            if (n < full.length) {
                copy = java.util.Arrays.copyOf(full, n);
            } else {
                copy = full.clone();
                copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            }
            Files.write(f, copy);
            try {
                PickleDatasets.read(f, null, null, null);
            } catch (DataFormatException expected) {
                // the contract
            } catch (Throwable t) {
                fail(name + " case " + n + ": " + t, t);
            }
        }
    }
}
