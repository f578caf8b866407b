package org.mlp4j.formats.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The first bytes of a file, as stored and (when gzip-compressed) as decompressed, plus its name without a
 * {@code .gz} suffix: everything a format needs to recognise its files by content first and name second.
 */
public final class FileHead {
    /** Enough for every magic number we know (IDX header of rank ≤ 3, NumPy, pickle, zip) and a CSV line start. */
    public static final int SIZE = 512;

    private final Path file;
    private final byte[] raw;
    private final byte[] content;
    private final boolean gzip;

    private FileHead(Path file, byte[] raw, byte[] content, boolean gzip) {
        this.file = file;
        this.raw = raw;
        this.content = content;
        this.gzip = gzip;
    }

    /** Reads up to {@link #SIZE} bytes of the file, and as many of its decompressed content when it is gzip. */
    public static FileHead of(Path file) throws IOException {
        byte[] raw;
        try (InputStream in = Files.newInputStream(file)) {
            raw = in.readNBytes(SIZE);
        }
        if (!Gzip.isGzip(raw, raw.length)) {
            return new FileHead(file, raw, raw, false);
        }
        byte[] content;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), Gzip.BUFFER)) {
            content = in.readNBytes(SIZE);
        } catch (IOException corrupt) {
            // A damaged gzip stream: report what we have (nothing) and let the reader name the problem.
            content = new byte[0];
        }
        return new FileHead(file, raw, content, true);
    }

    /** The file whose head this is. */
    public Path file() {
        return file;
    }

    /** The first bytes as stored on disk. */
    public byte[] raw() {
        return raw.clone();
    }

    /** The first bytes of the content: decompressed when the file is gzip, else the same as {@link #raw()}. */
    public byte[] content() {
        return content.clone();
    }

    /** Byte {@code i} of the content, or -1 past its end. */
    public int contentByte(int i) {
        return i < content.length ? content[i] & 0xFF : -1;
    }

    /** How many content bytes were read: fewer than asked only when the content is shorter. */
    public int contentLength() {
        return content.length;
    }

    /** Whether the file is gzip-compressed (by its magic bytes). */
    public boolean isGzip() {
        return gzip;
    }

    /** Whether the content starts with these bytes. */
    public boolean contentStartsWith(byte... prefix) {
        return content.length >= prefix.length && Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The file name in lower case without a trailing {@code .gz}: {@code train.csv.gz} → {@code train.csv}. */
    public String baseName() {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }

    /** The first content bytes in hex, for error messages: {@code 4d 5a 90 00}. */
    public String describeStart(int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(count, content.length); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", content[i] & 0xFF));
        }
        return content.length == 0 ? "nothing (empty)" : sb.toString();
    }
}
