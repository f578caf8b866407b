package org.mlp4j.formats.idx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mlp4j.engine.data.ClassLabels;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.ReadOptions;

/**
 * Turns an IDX images file, and its labels file when there is one, into a {@link Dataset}: every sample
 * flattened to a row ({@code N×28×28 → N×784}), labels as class indices, classes named {@code "0"},
 * {@code "1"}, … up to the largest label (or {@link ReadOptions#classCount()} when given) when labels are dense;
 * sparse labels are remapped ({@link ClassLabels}).
 *
 * <p>The labels file is {@link ReadOptions#labelsFile()}, or else found next to the images by name:
 * {@code train-images-idx3-ubyte[.gz]} ↔ {@code train-labels-idx1-ubyte[.gz]}, {@code t10k-…} and any
 * {@code *-images-idx3-ubyte} ↔ {@code *-labels-idx1-ubyte} (with or without {@code .gz}, also the
 * {@code images.idx3-ubyte} spelling). Without one the set is unlabelled.
 */
public final class IdxDatasets {
    private IdxDatasets() {
    }

    /** Reads {@code images} and its labels (explicit or inferred). */
    public static Dataset read(Path images, ReadOptions options) throws IOException {
        Path labels = options.labelsFile();
        if (labels != null && !Files.isRegularFile(labels)) {
            throw new java.nio.file.NoSuchFileException(labels.toString(), null, "labels file not found");
        }
        if (labels == null) {
            labels = inferLabelsFile(images);
        }
        // Both headers first, so a count mismatch fails before the large images file is decompressed.
        IdxHeader imageHeader = IdxReader.readHeader(images);
        IdxHeader labelHeader = labels == null ? null : IdxReader.readHeader(labels);
        if (labelHeader != null) {
            checkPair(images, imageHeader, labels, labelHeader);
        }
        IdxArray x = IdxReader.readFloats(images);
        int rows = imageHeader.rows();
        int width = imageHeader.rowWidth();
        if (labels == null) {
            return Dataset.unlabeled(x.floats(), rows, width);
        }
        int[] y = IdxReader.readInts(labels).ints();
        checkLabels(labels, labelHeader, y, options.classCount());
        if (options.classCount() != null) {
            return Dataset.classification(x.floats(), rows, width, y, Dataset.numberedClasses(options.classCount()));
        }
        // Never as many classes as the largest label says: a 12-byte file may hold the label 2e9.
        ClassLabels classes = ClassLabels.of(y);
        return Dataset.classification(x.floats(), rows, width, classes.labels(), classes.names());
    }

    /** The labels file that sits next to {@code images} by the usual naming, or null. */
    public static Path inferLabelsFile(Path images) {
        String name = images.getFileName().toString();
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        if (!base.contains("images")) {
            return null;
        }
        String labelsBase = base.replace("images", "labels").replace("idx3", "idx1");
        if (labelsBase.equals(base)) {
            return null;
        }
        List<String> candidates = new ArrayList<>();
        // Prefer the same compression as the images, then the other.
        if (name.endsWith(".gz")) {
            candidates.add(labelsBase + ".gz");
            candidates.add(labelsBase);
        } else {
            candidates.add(labelsBase);
            candidates.add(labelsBase + ".gz");
        }
        for (String c : candidates) {
            Path p = images.resolveSibling(c);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static void checkPair(Path images, IdxHeader ih, Path labels, IdxHeader lh) {
        if (!lh.type().isInteger()) {
            throw new DataFormatException(labels.toString(), DataFormatException.atByte(2),
                    "expected an integer type code for labels, found " + lh.type());
        }
        if (lh.rank() != 1 && lh.rowWidth() != 1) {
            throw new DataFormatException(labels.toString(), DataFormatException.atByte(3),
                    "expected one label per sample (rank 1), found " + lh.describe());
        }
        if (lh.rows() != ih.rows()) {
            throw new DataFormatException(labels.toString(), DataFormatException.atByte(4), "the header declares "
                    + lh.rows() + " labels, but the images file " + images + " holds " + ih.rows() + " samples");
        }
    }

    /** Checks every label against the class range. */
    private static void checkLabels(Path labels, IdxHeader h, int[] y, Integer classCount) {
        for (int i = 0; i < y.length; i++) {
            int label = y[i];
            if (label < 0 || (classCount != null && label >= classCount)) {
                String range = classCount == null ? "0 or more" : "in 0.." + (classCount - 1);
                throw new DataFormatException(labels.toString(),
                        IdxReader.position(h.dataOffset() + (long) i * h.type().size(), h.isGzip()),
                        "label " + i + " is " + label + ", expected a class index " + range);
            }
        }
    }
}
