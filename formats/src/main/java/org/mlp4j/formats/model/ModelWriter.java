package org.mlp4j.formats.model;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.BatchNormLayer;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Layer;
import org.mlp4j.engine.Network;
import org.mlp4j.formats.Normalization;
import org.mlp4j.formats.io.AtomicFiles;

/**
 * Writes model files in the schema of the README's "Model files" section: weights as {@code base64} (little-endian float32), biases and
 * per-feature normalization as {@code values} (written with {@link Float#toString}, so they read back bit-exactly),
 * a scalar normalization as plain numbers. Files are written atomically: an existing model is replaced whole or
 * not at all.
 */
public final class ModelWriter {
    /** The value of the {@code format} field. */
    public static final String FORMAT = "mlp4j-model";
    /** The schema version this writer produces and the reader accepts. */
    public static final int VERSION = 1;

    private static final JsonFactory FACTORY = new JsonFactory();

    private ModelWriter() {
    }

    /** Writes {@code model} to {@code file} atomically (temp file in the same directory, then rename). */
    public static void write(Path file, ModelFile model) throws IOException {
        AtomicFiles.write(file, out -> write(out, model));
    }

    /** Writes {@code model} as JSON to {@code out} (left open). */
    public static void write(OutputStream out, ModelFile model) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            Network net = model.network();
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("version", VERSION);
            g.writeNumberField("inputs", net.inputs());
            g.writeArrayFieldStart("layers");
            for (Layer layer : net.stack()) {
                if (layer instanceof BatchNormLayer bn) {
                    BatchNormJson.write(g, bn, (gen, shape, v) -> writeArray(gen, shape, v, false));
                } else {
                    writeLayer(g, (DenseLayer) layer);
                }
            }
            g.writeEndArray();
            g.writeStringField("loss", net.loss().id());
            if (model.classNames() != null) {
                g.writeArrayFieldStart("classes");
                for (String c : model.classNames()) {
                    g.writeString(c);
                }
                g.writeEndArray();
            }
            if (model.targetNames() != null) {
                g.writeArrayFieldStart("targets");
                for (String t : model.targetNames()) {
                    g.writeString(t);
                }
                g.writeEndArray();
            }
            Normalization n = model.normalization();
            if (n != null && !n.isIdentity()) {
                g.writeObjectFieldStart("normalization");
                writeScalarOrArray(g, "scale", n.scale());
                writeScalarOrArray(g, "shift", n.shift());
                g.writeEndObject();
            }
            writeMap(g, "training", model.training());
            writeMap(g, "metrics", model.metrics());
            writeMap(g, "history", model.history());
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writeLayer(JsonGenerator g, DenseLayer layer) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "dense");
        g.writeNumberField("units", layer.units());
        g.writeStringField("activation", layer.activation().id());
        if (layer.activation() == Activation.LEAKY_RELU) {
            g.writeFieldName("alpha");
            g.writeNumber(Float.toString(layer.alpha()));
        }
        g.writeFieldName("weights");
        writeArray(g, new int[] {layer.inputs(), layer.units()}, layer.weights(), true);
        if (layer.hasBias()) {   // absent means a layer without bias
            g.writeFieldName("bias");
            writeArray(g, new int[] {layer.units()}, layer.bias(), false);
        }
        g.writeEndObject();
    }

    private static void writeScalarOrArray(JsonGenerator g, String name, float[] v) throws IOException {
        g.writeFieldName(name);
        if (v.length == 1 && Float.isFinite(v[0])) {
            g.writeNumber(Float.toString(v[0]));
        } else {
            writeArray(g, new int[] {v.length}, v, false);
        }
    }

    /** {@code {"shape": [...], "base64": "..."}} or {@code {"shape": [...], "values": [...]}}. */
    private static void writeArray(JsonGenerator g, int[] shape, float[] v, boolean base64) throws IOException {
        g.writeStartObject();
        g.writeFieldName("shape");
        g.writeArray(shape, 0, shape.length);
        if (base64 || !FloatArrays.allFinite(v)) {
            g.writeStringField("base64", FloatArrays.toBase64(v));
        } else {
            g.writeArrayFieldStart("values");
            for (float f : v) {
                g.writeNumber(Float.toString(f));
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeMap(JsonGenerator g, String name, Map<String, Object> map) throws IOException {
        if (map.isEmpty()) {
            return;
        }
        g.writeFieldName(name);
        writeValue(g, name, map);
    }

    private static void writeValue(JsonGenerator g, String path, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String || v instanceof Enum || v instanceof Character || v instanceof Path) {
            g.writeString(v.toString());
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Float) {
            float f = (Float) v;
            if (Float.isFinite(f)) {
                g.writeNumber(Float.toString(f));
            } else {
                g.writeString(Float.toString(f)); // JSON has no NaN/Infinity
            }
        } else if (v instanceof Double) {
            double d = (Double) v;
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeString(Double.toString(d));
            }
        } else if (v instanceof BigDecimal) {
            g.writeNumber((BigDecimal) v);
        } else if (v instanceof BigInteger) {
            g.writeNumber((BigInteger) v);
        } else if (v instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, path + "." + e.getKey(), e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Iterable) {
            g.writeStartArray();
            int i = 0;
            for (Object o : (Iterable<?>) v) {
                writeValue(g, path + "[" + i++ + "]", o);
            }
            g.writeEndArray();
        } else if (v.getClass().isArray()) {
            g.writeStartArray();
            for (int i = 0; i < Array.getLength(v); i++) {
                writeValue(g, path + "[" + i + "]", Array.get(v, i));
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("field " + path + ": cannot write a " + v.getClass().getName()
                    + " into a model file (use strings, numbers, booleans, lists and maps)");
        }
    }
}
