package org.mlp4j.formats.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.mlp4j.formats.DataFormatException;

/**
 * Opens files that may be gzip-compressed. Compression is recognised by the gzip magic bytes {@code 1f 8b},
 * never by the file name: a {@code .gz} file that is not compressed, or a compressed file without the suffix,
 * both read correctly.
 */
public final class Gzip {
    /** Large enough that the inflater and the file system see few calls; small enough not to matter. */
    static final int BUFFER = 1 << 16;

    private Gzip() {
    }

    /** Whether {@code head} starts with the gzip magic {@code 1f 8b}. */
    public static boolean isGzip(byte[] head, int length) {
        return length >= 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b;
    }

    /** Whether the file starts with the gzip magic. */
    public static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return isGzip(head, head.length);
        }
    }

    /**
     * The file's content: decompressed when it starts with the gzip magic, as is otherwise. The stream is
     * buffered; callers should still read in large blocks.
     */
    public static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        try {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                // GZIPInputStream reads concatenated members too, as gunzip does.
                try {
                    return new GZIPInputStream(raw, BUFFER);
                } catch (java.io.EOFException | java.util.zip.ZipException e) {
                    // the constructor reads the header: EOFException, "Corrupt GZIP header", "Unsupported
                    // compression method" name no file on their own
                    throw new DataFormatException(file.toString(), DataFormatException.atByte(0),
                            "corrupt gzip header: " + (e.getMessage() == null ? "the file ends inside it" : e.getMessage()), e);
                }
            }
            return raw;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }
}
