package org.mlp4j.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.engine.data.Dataset;

/**
 * Finding 1 of the fuzzing report: the class count was taken from the largest label, so a 12-byte file could ask
 * for 2e9 class names. Now labels are dense or remapped, and a label's value allocates nothing.
 */
class ClassCountFromLabelsTest {
    @TempDir
    Path dir;

    @Test
    void aCsvWhoseOnlyLabelIsOneBillionHasOneClassNamedByIt() throws Exception {
        Path f = Files.writeString(dir.resolve("big.csv"), "1000000000,7,8,9\n");
        Dataset d = DataReaders.read(f, ReadOptions.defaults());
        assertEquals(List.of("1000000000"), d.classNames());
        assertEquals(3, d.featureCount());
    }

    @Test
    void anIdxLabelOfTwoBillionInATwelveByteFileIsOneClass() throws Exception {
        Path images = dir.resolve("x-images-idx3-ubyte");
        Files.write(images, new byte[] {0, 0, 8, 2, 0, 0, 0, 1, 0, 0, 0, 1, 5});
        Path labels = Files.write(dir.resolve("x-labels-idx1-ubyte"),
                ByteBuffer.allocate(12).putInt(0x0000_0C01).putInt(1).putInt(2_000_000_000).array());
        assertEquals(12, Files.size(labels));
        Dataset d = DataReaders.read(images, ReadOptions.defaults());
        assertEquals(List.of("2000000000"), d.classNames());
        assertEquals(0, d.labels()[0]);
    }

    @Test
    void anNpzWhoseLabelsHaveShapeZeroByTwoBillionNamesNoTwoBillionClasses() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("x.npy"));
            z.write(npy("(0, 3)"));
            z.putNextEntry(new ZipEntry("y.npy"));
            z.write(npy("(0, 2000000000)"));
        }
        Path f = Files.write(dir.resolve("hostile.npz"), zip.toByteArray());
        assertTrue(zip.size() < 600, "the hostile file is " + zip.size() + " bytes");
        try {
            Dataset d = DataReaders.read(f, ReadOptions.defaults());
            assertTrue(d.classCount() <= 1, d.toString());
        } catch (DataFormatException e) {
            assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        }
    }

    /** A {@code .npy} of float32 zeros-rows: version 1.0, header padded to 64 bytes, no data. */
    private static byte[] npy(String shape) {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        StringBuilder h = new StringBuilder(header);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + h.length()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length()).put(h.toString().getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }
}
