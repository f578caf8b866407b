package org.mlp4j.formats.numpy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.io.MemoryBudget;

/**
 * The bytes of one input — a file, a gunzipped file, one entry of a zip — together with how an error names a
 * position in them ({@code byte 31}, {@code byte 31 of the gunzipped data}, {@code entry 'x.npy', byte 12}).
 * Shared by the {@code .npy}/{@code .npz} and pickle readers.
 */
public final class SourceBytes {
    /** The largest input held in memory: the largest Java byte array. */
    public static final int MAX_BYTES = Integer.MAX_VALUE - 16;

    private final byte[] data;
    private final int length;
    private final String file;
    private final String prefix;
    private final String suffix;

    private SourceBytes(byte[] data, int length, String file, String prefix, String suffix) {
        this.data = data;
        this.length = length;
        this.file = file;
        this.prefix = prefix;
        this.suffix = suffix;
    }

    /** Bytes held in memory; positions are plain byte offsets. */
    public static SourceBytes of(byte[] data, String file) {
        return new SourceBytes(data, data.length, file, "", "");
    }

    /** {@code data[0, length)} as one entry of a container file: positions read {@code entry 'name', byte N}. */
    static SourceBytes entry(byte[] data, int length, String file, String entry) {
        return new SourceBytes(data, length, file, "entry '" + entry + "', ", "");
    }

    /**
     * Reads a whole file, gunzipping it when it starts with the gzip magic bytes {@code 1f 8b} (whatever its
     * name). A gzip stream's size is not known in advance, so the buffer grows with what has actually been
     * inflated, up to {@link #MAX_BYTES}.
     */
    public static SourceBytes read(Path file) throws IOException {
        String name = file.toString();
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new DataFormatException(name, DataFormatException.atByte(0),
                    "file holds " + size + " bytes, more than the " + MAX_BYTES + " one array can hold");
        }
        byte[] raw = Files.readAllBytes(file);
        if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            return gunzip(raw, name);
        }
        return new SourceBytes(raw, raw.length, name, "", "");
    }

    /** Inflates gzip data (several members in turn, as {@code gzip} itself does). */
    static SourceBytes gunzip(byte[] raw, String name) {
        long cap = inflationCap(raw.length);
        // The trailer's ISIZE (the last member's size mod 2^32) costs nothing to check: most bombs say what
        // they are. A lying one is stopped below all the same, once what has really been inflated reaches the cap.
        if (raw.length >= 18) {
            long isize = (raw[raw.length - 4] & 0xffL) | (raw[raw.length - 3] & 0xffL) << 8
                    | (raw[raw.length - 2] & 0xffL) << 16 | (raw[raw.length - 1] & 0xffL) << 24;
            if (isize > cap) {
                throw new DataFormatException(name, DataFormatException.atByte(raw.length - 4),
                        "gzip data of " + raw.length + " bytes would inflate to " + isize + " bytes (its trailer says),"
                                + " more than the " + cap + " bytes allowed (" + limitNote(cap) + ")");
            }
        }
        CountingStream counted = new CountingStream(new ByteArrayInputStream(raw));
        byte[] buf = new byte[(int) Math.min(cap, Math.max(1 << 16, (long) raw.length * 4))];
        int n = 0;
        try (GZIPInputStream in = new GZIPInputStream(counted, 1 << 16)) {
            while (true) {
                if (n == buf.length) {
                    if (n >= cap) {
                        throw new DataFormatException(name, DataFormatException.atByte(counted.count),
                                "gzip data of " + raw.length + " bytes inflates to more than " + cap
                                        + " bytes, more than allowed (" + limitNote(cap) + ")");
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(cap, 2L * n));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (EOFException e) {
            throw new DataFormatException(name, DataFormatException.atByte(raw.length),
                    "gzip data ends early (truncated file?) after " + n + " inflated bytes", e);
        } catch (ZipException e) {
            throw new DataFormatException(name, DataFormatException.atByte(counted.count),
                    "corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            // only ZipException/EOFException can come from an in-memory stream; keep the contract anyway
            throw new DataFormatException(name, DataFormatException.atByte(counted.count),
                    "unreadable gzip data: " + e.getMessage(), e);
        }
        return new SourceBytes(buf, n, name, "", " of the gunzipped data");
    }

    /**
     * Real data files compress 1.2× (CIFAR) to about 15× (MNIST); sparse ones more. Past this ratio a file is taken
     * for a bomb unless the user has set {@code --max-memory}, which then alone bounds it.
     */
    static final int MAX_RATIO = 100;
    /** Inflating this much is always allowed (within the memory budget), whatever the ratio. */
    static final long RATIO_FLOOR = 64L << 20;

    /** How many bytes {@code compressed} bytes may inflate to: budget, largest array and (by default) the ratio. */
    static long inflationCap(long compressed) {
        long cap = Math.min(MAX_BYTES, MemoryBudget.forInflated());
        if (MemoryBudget.limit() == Long.MAX_VALUE) {
            cap = Math.min(cap, Math.max(RATIO_FLOOR, MAX_RATIO * compressed));
        }
        return cap;
    }

    /** Why {@code cap} is the limit: the largest array, the memory budget, or the compression ratio. */
    static String limitNote(long cap) {
        if (cap >= MAX_BYTES) {
            return "the largest Java array";
        }
        if (MemoryBudget.limit() == Long.MAX_VALUE && cap < MemoryBudget.forInflated()) {
            return "more than " + MAX_RATIO + " times the compressed size looks like a decompression bomb;"
                    + " --max-memory SIZE allows up to SIZE/2";
        }
        return "half the memory budget; " + MemoryBudget.advice();
    }

    /** The backing array; only {@code [0, length())} is data. */
    public byte[] data() { return data; }
    /** How many bytes of {@link #data()} are data. */
    public int length() { return length; }
    /** The file's name as the user gave it. */
    public String file() { return file; }

    /** How an error names {@code offset}: {@code byte 31}, or qualified for gzip and zip entries. */
    public String position(long offset) {
        return prefix + DataFormatException.atByte(offset) + suffix;
    }

    /** An error at {@code offset} naming this input. */
    public DataFormatException error(long offset, String message) {
        return new DataFormatException(file, position(offset), message);
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                count += r;
            }
            return r;
        }
    }
}
