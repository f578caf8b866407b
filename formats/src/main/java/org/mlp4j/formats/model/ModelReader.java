package org.mlp4j.formats.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Layer;
import org.mlp4j.engine.Loss;
import org.mlp4j.engine.Network;
import org.mlp4j.formats.Normalization;
import org.mlp4j.formats.io.MemoryBudget;

/**
 * Reads model files written by {@link ModelWriter} or by any other tool that follows the schema (the README, "Model files").
 * Required: {@code format} ({@code "mlp4j-model"}), {@code version} (1), {@code inputs}, {@code layers},
 * {@code loss}. Every array may be {@code base64} or {@code values}; unknown fields are ignored; anything missing
 * or inconsistent is a {@link org.mlp4j.formats.DataFormatException} naming the field ({@code field layers[1].weights.shape}).
 */
public final class ModelReader {
    private ModelReader() {
    }

    /** Reads the model file at {@code file}. */
    public static ModelFile read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a directory, not a model file");
        }
        checkSize(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        }
    }

    /** Reads a model file from a stream; {@code name} is used in error messages. */
    public static ModelFile read(String name, InputStream in) throws IOException {
        return read(name, JsonTree.parse(name, in));
    }

    /**
     * A JSON file's text, its parsed strings and the arrays decoded from them take a few times its size; that much
     * must fit the memory budget before parsing starts (Jackson's own string limit is lifted, see {@link JsonTree}).
     */
    static void checkSize(Path file) throws IOException {
        MemoryBudget.check(file.toString(), "byte 0", 4.0 * Files.size(file),
                "parsing this " + MemoryBudget.human(Files.size(file)) + " JSON file");
    }

    /** The model in an already parsed document (also a checkpoint's {@code model} field). */
    static ModelFile read(String name, Object tree) {
        JsonFields root = new JsonFields(name, "", tree);
        String format = root.string("format");
        if (!format.equals(ModelWriter.FORMAT)) {
            throw root.error("format", "expected \"" + ModelWriter.FORMAT + "\", found \"" + format + "\"");
        }
        int version = root.integer("version", root.require("version"));
        if (version != ModelWriter.VERSION) {
            throw root.error("version", "unsupported version " + version + " (this reader reads version "
                    + ModelWriter.VERSION + ")");
        }
        int inputs = root.positiveInt("inputs");
        List<?> layerNodes = root.list("layers");
        if (layerNodes.isEmpty()) {
            throw root.error("layers", "expected at least one layer, found none");
        }
        String lossName = root.string("loss");
        Loss loss;
        try {
            loss = Loss.parse(lossName);
        } catch (IllegalArgumentException e) {
            throw root.error("loss", e.getMessage());
        }
        List<Layer> layers = new ArrayList<>();
        int width = inputs;
        for (int l = 0; l < layerNodes.size(); l++) {
            String widthField = l == 0 ? "inputs" : "layers[" + (l - 1) + "].units";
            JsonFields fields = new JsonFields(name, "layers[" + l + "]", layerNodes.get(l));
            Layer layer = fields.has("type") && BatchNormJson.TYPE.equals(fields.get("type"))
                    ? BatchNormJson.read(name, fields, width, widthField)
                    : layer(name, "layers[" + l + "]", layerNodes.get(l), width, widthField);
            layers.add(layer);
            width = layer.units();
        }
        Network network;
        try {
            network = Network.of(inputs, layers, loss);
        } catch (IllegalArgumentException e) {
            // Chaining was checked per layer; what is left is softmax placement or a loss/output mismatch.
            throw root.error(e.getMessage().startsWith("loss") ? "loss" : "layers", e.getMessage());
        }
        List<String> classes = classes(root, network.outputs());
        List<String> targets = targets(root, network.outputs(), classes != null);
        Normalization normalization = root.has("normalization") ? normalization(root, inputs) : null;
        return new ModelFile(network, classes, normalization, freeForm(root, "training"), freeForm(root, "metrics"),
                targets, freeForm(root, "history"));
    }

    private static DenseLayer layer(String file, String path, Object node, int width, String widthField) {
        JsonFields f = new JsonFields(file, path, node);
        if (f.has("type")) {
            String type = f.string("type");
            if (!type.equals("dense")) {
                throw f.error(f.path("type"), "unsupported layer type \"" + type + "\" (expected \"dense\" or \"batchnorm\")");
            }
        }
        int units = f.positiveInt("units");
        Activation activation;
        try {
            activation = Activation.parse(f.string("activation"));
        } catch (IllegalArgumentException e) {
            throw f.error(f.path("activation"), e.getMessage());
        }
        float alpha = Activation.DEFAULT_LEAKY_ALPHA;
        if (f.has("alpha")) {
            alpha = f.floatValue(f.path("alpha"), f.get("alpha"));
        }
        JsonFields w = new JsonFields(file, f.path("weights"), f.require("weights"));
        float[][] data = new float[1][];
        int[] shape = FloatArrays.read(w, data);
        if (shape.length != 2) {
            throw w.error(w.path("shape"), "expected [inputs, units], found " + java.util.Arrays.toString(shape));
        }
        if (shape[0] != width) {
            throw w.error(w.path("shape"), "the layer takes " + shape[0] + " inputs, but " + widthField + " is "
                    + width + " (layers must chain)");
        }
        if (shape[1] != units) {
            throw w.error(w.path("shape"), "declares " + shape[1] + " units, but " + f.path("units") + " is " + units);
        }
        float[] weights = data[0];
        if (!f.has("bias")) {
            return new DenseLayer(width, units, activation, alpha, weights, null);   // a layer without bias
        }
        JsonFields b = new JsonFields(file, f.path("bias"), f.require("bias"));
        int[] biasShape = FloatArrays.read(b, data);
        if (biasShape.length != 1 || biasShape[0] != units) {
            throw b.error(b.path("shape"), "expected [" + units + "], found " + java.util.Arrays.toString(biasShape));
        }
        return new DenseLayer(width, units, activation, alpha, weights, data[0]);
    }

    private static List<String> classes(JsonFields root, int outputs) {
        if (!root.has("classes")) {
            return null;
        }
        List<?> list = root.list("classes");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object v = list.get(i);
            if (!(v instanceof String) && !(v instanceof JsonTree.Number)) {
                throw root.error("classes[" + i + "]", "expected a class name, found " + JsonFields.describe(v));
            }
            names.add(v.toString());
        }
        if (names.size() != outputs && !(outputs == 1 && names.size() == 2)) {
            throw root.error("classes", "names " + names.size() + " classes, but the output layer has " + outputs
                    + " units");
        }
        if (outputs == 1 && names.size() != 2) {
            throw root.error("classes", "a one-output classifier needs 2 class names (below and above 0.5), found "
                    + names.size() + " (was it trained on data with a single class?)");
        }
        return names;
    }

    /** The optional {@code targets}: one name per output of a regression model. */
    private static List<String> targets(JsonFields root, int outputs, boolean hasClasses) {
        if (!root.has("targets")) {
            return null;
        }
        if (hasClasses) {
            throw root.error("targets", "a model has classes or targets, not both");
        }
        List<?> list = root.list("targets");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object v = list.get(i);
            if (!(v instanceof String)) {
                throw root.error("targets[" + i + "]", "expected a target name, found " + JsonFields.describe(v));
            }
            names.add((String) v);
        }
        if (names.size() != outputs) {
            throw root.error("targets", "names " + names.size() + " targets, but the output layer has " + outputs
                    + " units");
        }
        return names;
    }

    private static Normalization normalization(JsonFields root, int inputs) {
        JsonFields n = new JsonFields(root.file(), "normalization", root.get("normalization"));
        float[] scale = n.has("scale") ? scalarOrArray(n, "scale", inputs) : new float[] {1f};
        float[] shift = n.has("shift") ? scalarOrArray(n, "shift", inputs) : new float[] {0f};
        return Normalization.of(shift, scale);
    }

    private static float[] scalarOrArray(JsonFields n, String key, int inputs) {
        Object v = n.get(key);
        if (v instanceof JsonTree.Number) {
            return new float[] {n.floatValue(n.path(key), v)};
        }
        JsonFields a = new JsonFields(n.file(), n.path(key), v);
        float[][] data = new float[1][];
        int[] shape = FloatArrays.read(a, data);
        if (shape.length != 1 || (shape[0] != inputs && shape[0] != 1)) {
            throw a.error(a.path("shape"), "expected [" + inputs + "] (one value per input) or a number, found "
                    + java.util.Arrays.toString(shape));
        }
        return data[0];
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> freeForm(JsonFields root, String key) {
        if (!root.has(key)) {
            return new LinkedHashMap<>();
        }
        Object v = JsonTree.toJava(root.get(key));
        if (!(v instanceof Map)) {
            throw root.error(key, "expected a JSON object, found " + JsonFields.describe(root.get(key)));
        }
        return (Map<String, Object>) v;
    }
}
