package org.mlp4j.formats.numpy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.mlp4j.formats.DataFormatException;

/**
 * Reads NumPy's {@code .npz} archives ({@code np.savez}: stored entries; {@code np.savez_compressed}:
 * deflated): a zip whose entries {@code NAME.npy} are {@code .npy} arrays keyed {@code NAME}. Errors inside an
 * entry name it and the byte offset within it: {@code data.npz: entry 'x_train.npy', byte 10: …}.
 *
 * <p>An entry's inflated size is not trusted: it is read into a buffer that grows with what has actually been
 * inflated, so a lying directory or a zip bomb costs no more than the data really holds, capped at
 * {@link SourceBytes#MAX_BYTES}.
 */
public final class NpzReader {
    private NpzReader() {
    }

    /** True when {@code data} starts like a zip archive ({@code PK\3\4}, or {@code PK\5\6} when empty). */
    public static boolean isZip(byte[] data, int length) {
        return length >= 4 && data[0] == 'P' && data[1] == 'K'
                && ((data[2] == 3 && data[3] == 4) || (data[2] == 5 && data[3] == 6));
    }

    /** The array names in archive order: entry names with {@code .npy} removed. */
    public static List<String> names(Path file) throws IOException {
        try (ZipFile zip = open(file)) {
            List<String> names = new ArrayList<>();
            for (ZipEntry e : entries(zip, file)) {
                names.add(key(e.getName()));
            }
            return names;
        }
    }

    /** The array named {@code name} ({@code name.npy} in the archive). */
    public static NdArray read(Path file, String name) throws IOException {
        try (ZipFile zip = open(file)) {
            for (ZipEntry e : entries(zip, file)) {
                if (key(e.getName()).equals(name)) {
                    return parseEntry(zip, e, file);
                }
            }
            throw new DataFormatException(file.toString(), "zip directory",
                    "no array '" + name + "' in the archive; it holds " + keys(zip, file));
        }
    }

    /** Every array of the archive by name, in archive order. */
    public static Map<String, NdArray> readAll(Path file) throws IOException {
        try (ZipFile zip = open(file)) {
            Map<String, NdArray> out = new LinkedHashMap<>();
            for (ZipEntry e : entries(zip, file)) {
                out.put(key(e.getName()), parseEntry(zip, e, file));
            }
            return out;
        }
    }

    static String key(String entryName) {
        return entryName.endsWith(".npy") ? entryName.substring(0, entryName.length() - 4) : entryName;
    }

    private static List<String> keys(ZipFile zip, Path file) {
        List<String> k = new ArrayList<>();
        for (ZipEntry e : entries(zip, file)) {
            k.add(key(e.getName()));
        }
        return k;
    }

    private static ZipFile open(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile());
        } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ZipException for a broken directory; the JDK's zip code may also throw unchecked exceptions on
            // hostile input, which are data errors all the same
            throw new DataFormatException(file.toString(), "zip directory", "not a readable zip archive: " + e.getMessage(), e);
        }
    }

    private static List<ZipEntry> entries(ZipFile zip, Path file) {
        List<ZipEntry> list = new ArrayList<>();
        try {
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (!e.isDirectory()) {
                    list.add(e);
                }
            }
        } catch (RuntimeException e) {
            throw new DataFormatException(file.toString(), "zip directory", "corrupt zip directory: " + e.getMessage(), e);
        }
        return list;
    }

    private static NdArray parseEntry(ZipFile zip, ZipEntry e, Path file) {
        String name = e.getName();
        long hint = e.getSize();
        long cap = SourceBytes.inflationCap(e.getCompressedSize() < 0 ? Long.MAX_VALUE / SourceBytes.MAX_RATIO
                : e.getCompressedSize());
        if (hint > cap) {
            // the directory's size may lie low (then the loop below stops it), but one that admits a bomb is believed
            throw new DataFormatException(file.toString(), "entry '" + name + "', " + DataFormatException.atByte(0),
                    "entry would inflate to " + hint + " bytes (the zip directory says), more than the " + cap
                            + " bytes allowed (" + SourceBytes.limitNote(cap) + ")");
        }
        byte[] buf = new byte[(int) Math.max(64, Math.min(hint < 0 ? 1 << 16 : hint, 1 << 20))];
        int n = 0;
        try (InputStream in = zip.getInputStream(e)) {
            while (true) {
                if (n == buf.length) {
                    if (n >= cap) {
                        throw new DataFormatException(file.toString(), "entry '" + name + "', " + DataFormatException.atByte(n),
                                "entry inflates to more than " + cap + " bytes (" + SourceBytes.limitNote(cap) + ")");
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(cap, 2L * n));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (DataFormatException x) {
            throw x;
        } catch (IOException | RuntimeException x) {
            throw new DataFormatException(file.toString(), "entry '" + name + "', " + DataFormatException.atByte(n),
                    "corrupt zip entry: " + x.getMessage(), x);
        }
        return NpyReader.parse(SourceBytes.entry(buf, n, file.toString(), name));
    }
}
