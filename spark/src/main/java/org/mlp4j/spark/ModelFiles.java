package org.mlp4j.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.mlp4j.formats.model.ModelFile;
import org.mlp4j.formats.model.ModelReader;
import org.mlp4j.formats.model.ModelWriter;

/**
 * The mlp4j JSON model file inside a saved Spark model directory ({@code <path>/model.json}, beside Spark's
 * {@code metadata/}), on any Hadoop file system (local, HDFS, S3A …); and the same bytes as the models' Java
 * serialized form, so a model shipped to executors in a UDF closure is exactly the file the CLI reads.
 */
final class ModelFiles {
    static final String FILE = "model.json";
    /** A model file larger than this is refused before it is read (a 784-128-64-10 network is about 2 MB). */
    static final long MAX_BYTES = 1L << 30;

    private ModelFiles() {
    }

    static byte[] toBytes(ModelFile model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelWriter.write(out, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static ModelFile fromBytes(String name, byte[] bytes) {
        try {
            return ModelReader.read(name, new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code dir/model.json}: to a temporary name first, renamed when complete. */
    static void save(String dir, ModelFile model, Configuration hadoop) throws IOException {
        Path target = new Path(dir, FILE);
        Path temp = new Path(dir, "." + FILE + ".tmp");
        FileSystem fs = target.getFileSystem(hadoop);
        try (OutputStream out = fs.create(temp, true)) {
            ModelWriter.write(out, model);
        }
        if (fs.exists(target) && !fs.delete(target, false)) {
            throw new IOException("cannot replace " + target);
        }
        if (!fs.rename(temp, target)) {
            throw new IOException("cannot rename " + temp + " to " + target);
        }
    }

    static ModelFile load(String dir, Configuration hadoop) throws IOException {
        Path file = new Path(dir, FILE);
        FileSystem fs = file.getFileSystem(hadoop);
        long length = fs.getFileStatus(file).getLen();
        if (length > MAX_BYTES) {
            throw new IOException(file + ": " + length + " bytes, more than the " + MAX_BYTES
                    + "-byte limit for a model file");
        }
        try (InputStream in = fs.open(file)) {
            return ModelReader.read(file.toString(), in);
        }
    }
}
