package org.mlp4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.csv.CsvWriter;
import org.mlp4j.formats.idx.IdxWriter;
import org.mlp4j.formats.numpy.NdArray;
import org.mlp4j.formats.numpy.NpzWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mlp4j convert IN OUT}: any format we read to CSV, NPZ or IDX, chosen by OUT's name. Values are copied as read
 * (no scaling); class labels are written as class indices.
 */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Convert a data file or dataset to CSV, NPZ or IDX (by the output's name).",
            "  *.csv                     header 'label,x0,…' (label first, as Kaggle's train.csv), or 'x0,…' without labels",
            "  *.npz                     arrays 'x' (float32, rows × features) and 'y' (int64 class indices, or float32 targets)",
            "  NAME-images-idx3-ubyte[.gz]  images (u8 when every value is an integer in 0..255, else f32; 784 features as 28×28)",
            "                            plus NAME-labels-idx1-ubyte[.gz] beside it"})
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "A data file or dataset name (for a dataset, its training split).")
    String in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write (atomically).")
    Path out;

    @Mixin
    DebugOption debug;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() throws Exception {
        OutputPaths.check("OUT", out);
        Dataset d = CommandInput.data(in, dataOptions).rows();
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            CsvWriter.write(out, d, true, d.hasTargets() ? CsvWriter.LabelPosition.FIRST : CsvWriter.LabelPosition.NONE, null);
        } else if (name.endsWith(".npz")) {
            Map<String, NdArray> arrays = new LinkedHashMap<>();
            arrays.put("x", NdArray.ofFloats(d.features(), d.rows(), d.featureCount()));
            if (d.isClassification()) {
                long[] y = new long[d.rows()];
                for (int i = 0; i < y.length; i++) {
                    y[i] = d.labels()[i];
                }
                arrays.put("y", NdArray.ofLongs(y, d.rows()));
            } else if (d.hasTargets()) {
                arrays.put("y", NdArray.ofFloats(d.targets(), d.rows(), d.targetWidth()));
            }
            NpzWriter.write(out, arrays);
        } else if (name.matches(".*-images-idx3-ubyte(\\.gz)?")) {
            writeIdx(d, name.endsWith(".gz"));
        } else {
            throw new UsageException("cannot tell the format of " + out + " from its name: use *.csv, *.npz or "
                    + "NAME-images-idx3-ubyte[.gz]");
        }
        System.err.println("mlp4j: wrote " + d.rows() + " rows × " + d.featureCount() + " features"
                + (d.hasTargets() ? " with " + (d.isClassification() ? "labels" : "targets") : "") + " to " + out);
        return 0;
    }

    private void writeIdx(Dataset d, boolean gzip) throws Exception {
        if (d.hasTargets() && !d.isClassification()) {
            throw new UsageException("IDX holds class labels, not regression targets: convert to .csv or .npz instead");
        }
        int[] dims = d.featureCount() == 784 ? new int[] {d.rows(), 28, 28} : new int[] {d.rows(), d.featureCount()};
        boolean bytes = true;
        for (float v : d.features()) {
            if (v != Math.rint(v) || v < 0 || v > 255) {
                bytes = false;
                break;
            }
        }
        if (bytes) {
            IdxWriter.writeU8(out, dims, d.features(), gzip);
        } else {
            IdxWriter.writeF32(out, dims, d.features(), gzip);
        }
        if (d.isClassification()) {
            Path labels = out.resolveSibling(out.getFileName().toString().replace("-images-idx3-ubyte", "-labels-idx1-ubyte"));
            IdxWriter.writeU8(labels, new int[] {d.rows()}, d.labels(), gzip);
            System.err.println("mlp4j: labels written to " + labels);
        }
    }
}
