package org.mlp4j.formats.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlp4j.engine.train.TrainingState;

/**
 * Reads a checkpoint as untrusted input, like any data file: the format and version, the embedded model, the run's
 * settings (each of the type the CLI reads back), and the training state ({@link TrainingStateJson}, which checks it
 * against the model and the settings); a bad field is refused with its path ({@code ckpt.json: field settings.epochs: …}).
 */
final class CheckpointReader {
    /** Settings the CLI reads back as numbers; a text there ("fast") is refused here, not deep in the run. */
    private static final Set<String> NUMBER_SETTINGS = Set.of("batchSize", "epochs", "seed", "learningRate", "momentum",
            "beta1", "beta2", "eps", "l2", "weightDecay", "dropout", "clipNorm", "earlyStopping", "minDelta",
            "validationSplit");

    private final String file;

    private CheckpointReader(String file) {
        this.file = file;
    }

    static Checkpoint read(Path path) throws IOException {
        ModelReader.checkSize(path);
        try (InputStream in = Files.newInputStream(path)) {
            return new CheckpointReader(path.toString()).read(JsonTree.parse(path.toString(), in));
        }
    }

    @SuppressWarnings("unchecked")
    private Checkpoint read(Object tree) {
        JsonFields root = new JsonFields(file, "", tree);
        String format = root.has("format") && root.get("format") instanceof String ? (String) root.get("format") : null;
        if (!CheckpointFile.FORMAT.equals(format)) {
            throw root.error("format", "expected \"" + CheckpointFile.FORMAT + "\" (a checkpoint written by train "
                    + "--checkpoint), found " + JsonFields.describe(root.get("format")));
        }
        int version = root.integer("version", root.require("version"));
        if (version != 1) {
            throw root.error("version", "unsupported checkpoint version " + version + " (this reader reads version 1)");
        }
        ModelFile model = ModelReader.read(file + " (model)", root.require("model"));
        JsonFields settingsFields = new JsonFields(file, "settings", root.require("settings"));
        Map<String, Object> settings = (Map<String, Object>) JsonTree.toJava(root.get("settings"));
        checkSettings(settingsFields, settings);
        TrainingState s = new TrainingStateJson(file).read(new JsonFields(file, "state", root.require("state")), model,
                settings);
        return new Checkpoint(model, settings, s);
    }

    private void checkSettings(JsonFields f, Map<String, Object> settings) {
        for (Map.Entry<String, Object> e : settings.entrySet()) {
            Object v = e.getValue();
            if (NUMBER_SETTINGS.contains(e.getKey()) && v != null && !(v instanceof Number)) {
                throw f.error(f.path(e.getKey()), "expected a number, found " + JsonFields.describe(f.get(e.getKey())));
            }
            // a run's settings are numbers, strings, booleans, or lists of them (class names, an input range)
            if (!NUMBER_SETTINGS.contains(e.getKey()) && (v instanceof Map || (v instanceof List && !scalars((List<?>) v)))) {
                throw f.error(f.path(e.getKey()), "expected a number, a string or a list of them, found "
                        + JsonFields.describe(f.get(e.getKey())));
            }
        }
        if (settings.get("batchSize") != null) {
            f.positiveInt("batchSize");
        }
        if (settings.get("epochs") != null) {
            TrainingStateJson.nonNegativeInt(f, "epochs");
        }
        Object batches = settings.get("batches");
        if (batches != null && !batches.equals("shuffle") && !batches.equals("random")) {
            throw f.error(f.path("batches"), "expected \"shuffle\" or \"random\", found " + JsonFields.describe(f.get("batches")));
        }
    }

    private static boolean scalars(List<?> values) {
        for (Object o : values) {
            if (o instanceof Map || o instanceof List) {
                return false;
            }
        }
        return true;
    }

}
