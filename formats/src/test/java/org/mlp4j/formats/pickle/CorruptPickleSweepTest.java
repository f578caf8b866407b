package org.mlp4j.formats.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.Split;

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
                    PickleArrays.toDataset(o, "sweep.pkl", null, null, Split.TRAIN, null);
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

    /**
     * gzip's CRC-32 and length trailer cover every byte of the pickle, so a truncated file must be refused, and a
     * flipped byte can only go unnoticed where gzip has no check — the header's time stamp, extra flags and OS bytes,
     * and the stored file name as long as it stays terminated — or when the "flip" wrote the byte it replaced: then the
     * read must give exactly the original data.
     */
    @ParameterizedTest
    @ValueSource(strings = {"splits.pkl.gz", "tutorial.pkl.gz"})
    void truncatedAndFlippedGzipEndsInADataFormatException(String name) throws Exception {
        byte[] full = Files.readAllBytes(Fixtures.path("pickle/" + name));
        Path f = dir.resolve(name);
        Files.write(f, full);
        Dataset original = PickleDatasets.read(f, null, null, null);
        int nameEnd = gzipFileNameEnd(full);
        Random random = new Random(7);
        for (int n = 0; n < full.length + 300; n++) {
            byte[] copy;
            String what;
            boolean mayBeUnnoticed;
            if (n < full.length) {
                copy = java.util.Arrays.copyOf(full, n);
                what = name + " truncated to " + n;
                mayBeUnnoticed = false;
            } else {
                copy = full.clone();
                int at = random.nextInt(copy.length);
                copy[at] = (byte) random.nextInt(256);
                what = name + " byte " + at + " = " + (copy[at] & 0xff);
                mayBeUnnoticed = (at >= 4 && at <= 9) || (at >= 10 && at < nameEnd && copy[at] != 0)
                        || copy[at] == full[at];
            }
            Files.write(f, copy);
            Dataset read;
            try {
                read = PickleDatasets.read(f, null, null, null);
            } catch (DataFormatException expected) {
                continue; // the contract
            } catch (Throwable t) {
                fail(what + ": " + t, t);
                return;
            }
            assertTrue(mayBeUnnoticed, what + ": a damaged gzip file was read without an error");
            assertArrayEquals(original.features(), read.features(), what);
            assertArrayEquals(original.labels(), read.labels(), what);
        }
    }

    /** The index of the NUL that ends the header's file name (FNAME, flag bit 3), or 10 when there is none. */
    private static int gzipFileNameEnd(byte[] gz) {
        if ((gz[3] & 0x08) == 0 || (gz[3] & 0x04) != 0) { // no name, or an FEXTRA field before it
            return 10;
        }
        int i = 10;
        while (gz[i] != 0) {
            i++;
        }
        return i;
    }
}
