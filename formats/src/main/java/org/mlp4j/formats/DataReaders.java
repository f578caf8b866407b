package org.mlp4j.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.csv.CsvFormat;
import org.mlp4j.formats.idx.IdxFormat;
import org.mlp4j.formats.io.FileHead;
import org.mlp4j.formats.numpy.NumpyFormat;
import org.mlp4j.formats.pickle.PickleFormat;

/**
 * Reads a data file whatever its format, recognised by content first and name second: IDX by its magic,
 * gzip-wrapped IDX or CSV by the magic of the decompressed content, CSV by its {@code .csv} name or text-like
 * content.
 */
public final class DataReaders {
    /**
     * The registry. Order matters only for content recognition: formats with a strong magic first, CSV (which
     * recognises "text with commas") last.
     *
     * <p>To add a format, implement {@link DataFormat} and add one line here, before {@code CsvFormat}.
     */
    static final List<DataFormat> FORMATS = List.of(
            new IdxFormat(),
            new PickleFormat(),   // .pkl/.pickle[.gz]: protocol 2+ starts 0x80
            new NumpyFormat(),    // .npy starts \x93NUMPY; .npz is a zip archive, PK\x03\x04
            new CsvFormat());

    private DataReaders() {
    }

    /** The registered formats, in recognition order. */
    public static List<DataFormat> formats() {
        return FORMATS;
    }

    /** Reads {@code file}'s {@link ReadOptions#split() requested split} (its training rows by default). */
    public static Dataset read(Path file, ReadOptions options) throws IOException {
        return detect(file).read(file, options);
    }

    /** Opens {@code file}, whatever its format, as a source that lists and reads its splits. */
    public static DataSource open(Path file) throws IOException {
        return detect(file).open(file);
    }

    /** The format {@code file} is in; a {@link DataFormatException} naming what was found when none reads it. */
    public static DataFormat detect(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    Files.isDirectory(file) ? "is a directory, not a data file" : "no such file");
        }
        FileHead head = FileHead.of(file);
        for (DataFormat f : FORMATS) {
            if (f.acceptsContent(head)) {
                return f;
            }
        }
        for (DataFormat f : FORMATS) {
            if (f.acceptsName(head.baseName())) {
                return f;
            }
        }
        List<String> names = new ArrayList<>();
        for (DataFormat f : FORMATS) {
            names.add(f.name());
        }
        throw new DataFormatException(file.toString(), DataFormatException.atByte(0), "unrecognised data format: "
                + (head.isGzip() ? "gzip-compressed content" : "content") + " starts with " + head.describeStart(8)
                + " and the name '" + file.getFileName() + "' has no known extension (readable: "
                + String.join(", ", names) + ")");
    }
}
