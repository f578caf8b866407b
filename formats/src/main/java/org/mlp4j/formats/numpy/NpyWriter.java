package org.mlp4j.formats.numpy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.mlp4j.formats.io.AtomicFiles;

/**
 * Writes {@code .npy} files NumPy reads back with {@code np.load}: version 1.0 (2.0 when the header would
 * not fit 64 KiB), C order, the array's own dtype and byte order, the header padded so the data starts on a
 * 64-byte boundary as NumPy does.
 */
public final class NpyWriter {
    private static final int ALIGN = 64;

    private NpyWriter() {
    }

    /** Writes {@code array} to {@code file} atomically (temporary file, then rename). */
    public static void write(Path file, NdArray array) throws IOException {
        AtomicFiles.write(file, out -> writeTo(out, array));
    }

    /** The {@code .npy} bytes of {@code array}. */
    public static byte[] toBytes(NdArray array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out, array);
        } catch (IOException e) {
            throw new IllegalStateException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    /** Streams the {@code .npy} bytes of {@code array} to {@code out}. */
    public static void writeTo(OutputStream out, NdArray array) throws IOException {
        StringBuilder dict = new StringBuilder("{'descr': '").append(array.dtype().descr())
                .append("', 'fortran_order': False, 'shape': ").append(NdArray.shapeString(array.shape())).append(", }");
        int major = dict.length() + ALIGN + 1 + 10 > 65535 ? 2 : 1;
        int prefix = 8 + (major == 1 ? 2 : 4);
        int total = prefix + dict.length() + 1;
        int pad = (ALIGN - total % ALIGN) % ALIGN;
        for (int k = 0; k < pad; k++) {
            dict.append(' ');
        }
        dict.append('\n');
        byte[] header = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        out.write(NpyReader.MAGIC);
        out.write(major);
        out.write(0);
        out.write(header.length & 0xff);
        out.write((header.length >>> 8) & 0xff);
        if (major == 2) {
            out.write((header.length >>> 16) & 0xff);
            out.write((header.length >>> 24) & 0xff);
        }
        out.write(header);
        out.write(array.toBytes());
    }
}
