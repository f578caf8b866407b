package org.mlp4j.formats.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.mlp4j.engine.train.TrainingState;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.io.AtomicFiles;

/**
 * Checkpoint files: {@code {"format": "mlp4j-checkpoint", "version": 1, "model": {…a model file…}, "settings": {…},
 * "state": {…}}}, written atomically. The state is written (and read back) by {@link TrainingStateJson}, exactly.
 */
public final class CheckpointFile {
    static final String FORMAT = "mlp4j-checkpoint";
    /** Writes only; the model it embeds may hold strings beyond Jackson's default read limit, so that is lifted. */
    private static final ObjectMapper MAPPER = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE).build())
            .build());

    private CheckpointFile() {
    }

    /**
     * Writes a checkpoint atomically: a failed write leaves the previous checkpoint whole.
     *
     * @param model    the model as of this checkpoint
     * @param s        the exact training state to resume from
     * @param settings the run's settings, to resume with the same ones
     */
    public static void write(Path file, ModelFile model, TrainingState s, Map<String, Object> settings) throws IOException {
        ByteArrayOutputStream modelBytes = new ByteArrayOutputStream();
        ModelWriter.write(modelBytes, model);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        root.set("model", MAPPER.readTree(modelBytes.toByteArray()));
        root.set("settings", MAPPER.valueToTree(settings));
        TrainingStateJson.write(root.putObject("state"), s);
        byte[] bytes = MAPPER.writeValueAsBytes(root);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * Reads a checkpoint, validating every field (see {@link CheckpointReader}); bad input is a
     * {@link DataFormatException} naming the file and the field's path.
     */
    public static Checkpoint read(Path file) throws IOException {
        return CheckpointReader.read(file);
    }
}
