package org.mlp4j.formats;

import java.io.IOException;
import java.nio.file.Path;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.io.FileHead;

/**
 * One readable data-file format, as {@link DataReaders} sees it. To support a new format, implement this and add
 * one line to {@link DataReaders#FORMATS}.
 *
 * <p>Recognition has two rounds: first every format is asked about the file's <em>content</em> (magic bytes,
 * decompressed when the file is gzip), then — when no format recognised the content — about the file's
 * <em>name</em>. A format should claim by name only what it would rather report a precise error on
 * (an {@code .idx3-ubyte} file with a broken header) than have called "unrecognised".
 *
 * <p>A format says which {@link Split splits} its files hold through the {@link DataSource} it opens: a container
 * lists what each file holds; a format without splits of its own returns a {@link WholeFileSource}.
 */
public interface DataFormat {
    /** Short name for messages: {@code IDX}, {@code CSV}, {@code pickle}. */
    String name();

    /** Whether the content (first bytes, decompressed if gzip) is unmistakably this format. */
    boolean acceptsContent(FileHead head);

    /**
     * Whether the name says this format. {@code baseName} is in lower case without a {@code .gz} suffix.
     */
    boolean acceptsName(String baseName);

    /**
     * Opens a file of this format as a source of its splits. Cheap: at most the file's directory (an {@code .npz}'s
     * entry list) is read before a split is asked for.
     */
    DataSource open(Path file) throws IOException;

    /** Reads the file's {@link ReadOptions#split() requested split} (the training rows by default). */
    default Dataset read(Path file, ReadOptions options) throws IOException {
        return open(file).read(Split.parse(options.split()), options);
    }
}
