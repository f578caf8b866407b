package org.mlp4j.formats.numpy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.mlp4j.formats.io.AtomicFiles;

/** Writes {@code .npz} archives as {@code np.savez} does: one stored (uncompressed) {@code NAME.npy} entry per array. */
public final class NpzWriter {
    private NpzWriter() {
    }

    /**
     * Writes {@code arrays} (name → array, in the map's order) to {@code file} atomically (temporary file, then
     * rename); {@code np.load(file)[name]} reads each back.
     */
    public static void write(Path file, Map<String, NdArray> arrays) throws IOException {
        for (String name : arrays.keySet()) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("array names must be non-empty");
            }
        }
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, NdArray> a : arrays.entrySet()) {
                byte[] npy = NpyWriter.toBytes(a.getValue());
                ZipEntry e = new ZipEntry(a.getKey() + ".npy");
                e.setMethod(ZipEntry.STORED);
                e.setSize(npy.length);
                e.setCompressedSize(npy.length);
                CRC32 crc = new CRC32();
                crc.update(npy);
                e.setCrc(crc.getValue());
                zip.putNextEntry(e);
                zip.write(npy);
                zip.closeEntry();
            }
            zip.finish();
        });
    }
}
