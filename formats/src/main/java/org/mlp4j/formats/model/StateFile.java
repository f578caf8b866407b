package org.mlp4j.formats.model;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlp4j.formats.io.AtomicFiles;

/**
 * The named arrays of a composite model ({@code org.mlp4j.engine.graph.Model#state()}), as PyTorch saves a
 * {@code state_dict}: {@code {"format": "mlp4j-state", "version": 1, "tensors": [{"name": N, "shape": [n],
 * "base64": …}, …]}} in order, float32 little-endian. Names must be unique. Written atomically; read with the
 * model reader's validation (every length checked against its shape before use).
 */
public final class StateFile {
    /** The {@code format} field every state file carries. */
    public static final String FORMAT = "mlp4j-state";
    /** The {@code version} field this code writes and reads. */
    public static final int VERSION = 1;
    private static final JsonFactory FACTORY = new JsonFactory();

    private StateFile() {
    }

    /** Writes {@code state}, name by name in its order, atomically: a failed write leaves the old file. */
    public static void write(Path file, Map<String, float[]> state) throws IOException {
        AtomicFiles.write(file, out -> {
            try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.setPrettyPrinter(new DefaultPrettyPrinter());
                g.writeStartObject();
                g.writeStringField("format", FORMAT);
                g.writeNumberField("version", VERSION);
                g.writeArrayFieldStart("tensors");
                for (Map.Entry<String, float[]> e : state.entrySet()) {
                    g.writeStartObject();
                    g.writeStringField("name", e.getKey());
                    g.writeFieldName("shape");
                    g.writeArray(new int[] {e.getValue().length}, 0, 1);
                    g.writeStringField("base64", FloatArrays.toBase64(e.getValue()));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        });
    }

    /**
     * Reads a state file, in its order.
     *
     * @throws org.mlp4j.formats.DataFormatException naming the file and field when it is not a valid state file
     */
    public static Map<String, float[]> read(Path file) throws IOException {
        String name = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            JsonFields root = new JsonFields(name, "", JsonTree.parse(name, in));
            String format = root.string("format");
            if (!format.equals(FORMAT)) {
                throw root.error("format", "expected \"" + FORMAT + "\", found \"" + format + "\"");
            }
            int version = root.integer("version", root.require("version"));
            if (version != VERSION) {
                throw root.error("version", "unsupported version " + version + " (this reader reads version " + VERSION + ")");
            }
            List<?> tensors = root.list("tensors");
            Map<String, float[]> state = new LinkedHashMap<>();
            for (int i = 0; i < tensors.size(); i++) {
                JsonFields t = new JsonFields(name, "tensors[" + i + "]", tensors.get(i));
                String key = t.string("name");
                float[][] data = new float[1][];
                FloatArrays.read(t, data);
                if (state.put(key, data[0]) != null) {
                    throw t.error(t.path("name"), "the name \"" + key + "\" appears twice");
                }
            }
            return state;
        }
    }
}
