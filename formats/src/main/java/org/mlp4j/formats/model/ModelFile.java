package org.mlp4j.formats.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.eval.Evaluation;
import org.mlp4j.formats.Normalization;

/**
 * Everything a model file holds: the network, the class names (nullable), the normalization its inputs were
 * trained with (nullable: none), and two ordered free-form maps — {@code training} (optimizer, learningRate,
 * batchSize, epochs, seed, … — later options add keys) and {@code metrics} (testAccuracy, …).
 *
 * <p>The convenience methods take <em>raw</em> features, as read from a data file, and apply the stored
 * normalization first, so predicting with a loaded model does the right thing.
 */
public final class ModelFile {
    private final Network network;
    private final List<String> classNames;
    private final Normalization normalization;
    private final Map<String, Object> training;
    private final Map<String, Object> metrics;
    private final List<String> targetNames;
    private final Map<String, Object> history;

    /**
     * @param classNames    one name per output (or two for a single sigmoid output); null when not a classifier
     * @param normalization null or identity for none; per-feature values must match the network's inputs
     * @param training      copied, order kept; null for empty
     * @param metrics       copied, order kept; null for empty
     */
    public ModelFile(Network network, List<String> classNames, Normalization normalization,
                     Map<String, Object> training, Map<String, Object> metrics) {
        this(network, classNames, normalization, training, metrics, null, null);
    }

    /**
     * As the five-argument constructor, plus the names of a regression model's outputs.
     *
     * @param targetNames one name per output (the regression target columns, e.g. {@code price}); null when unknown
     *                    or not a regression model; not allowed together with {@code classNames}
     */
    public ModelFile(Network network, List<String> classNames, Normalization normalization,
                     Map<String, Object> training, Map<String, Object> metrics, List<String> targetNames) {
        this(network, classNames, normalization, training, metrics, targetNames, null);
    }

    /**
     * Everything: as the six-argument constructor, with the run's per-epoch {@code history} (columns as
     * {@link ModelHistory} writes them; copied, order kept; null for none).
     */
    public ModelFile(Network network, List<String> classNames, Normalization normalization,
                     Map<String, Object> training, Map<String, Object> metrics, List<String> targetNames,
                     Map<String, Object> history) {
        this.network = java.util.Objects.requireNonNull(network, "network");
        if (classNames != null) {
            int outputs = network.outputs();
            if (classNames.size() != outputs && !(outputs == 1 && classNames.size() == 2)) {
                throw new IllegalArgumentException(classNames.size() + " class names for " + outputs + " outputs");
            }
            if (outputs == 1 && classNames.size() != 2) {
                // one sigmoid output predicts class 0 or 1: it needs both names (one-class data trains nothing)
                throw new IllegalArgumentException("a one-output classifier needs 2 class names, got " + classNames.size());
            }
        }
        if (targetNames != null) {
            if (classNames != null) {
                throw new IllegalArgumentException("a model has class names or target names, not both");
            }
            if (targetNames.size() != network.outputs()) {
                throw new IllegalArgumentException(targetNames.size() + " target names for " + network.outputs() + " outputs");
            }
        }
        if (normalization != null && normalization.featureCount() != 0
                && normalization.featureCount() != network.inputs()) {
            throw new IllegalArgumentException("normalization is for " + normalization.featureCount()
                    + " features, the network takes " + network.inputs());
        }
        this.classNames = classNames == null ? null : List.copyOf(classNames);
        this.normalization = normalization;
        this.training = Collections.unmodifiableMap(new LinkedHashMap<>(training == null ? Map.of() : training));
        this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics == null ? Map.of() : metrics));
        this.targetNames = targetNames == null ? null : List.copyOf(targetNames);
        this.history = Collections.unmodifiableMap(new LinkedHashMap<>(history == null ? Map.of() : history));
    }

    /** A model file with the network only. */
    public static ModelFile of(Network network) {
        return new ModelFile(network, null, null, null, null);
    }

    /** The network. */
    public Network network() { return network; }
    /** Class names, or null. */
    public List<String> classNames() { return classNames; }
    /** A regression model's output names (its target columns), or null. */
    public List<String> targetNames() { return targetNames; }
    /** The normalization, or null when the model applies none. */
    public Normalization normalization() { return normalization; }
    /** Training options in the order they were given (unmodifiable). */
    public Map<String, Object> training() { return training; }
    /** Metrics in the order they were given (unmodifiable). */
    public Map<String, Object> metrics() { return metrics; }
    /** The training run's per-epoch history as columns (empty when the file has none; see {@link ModelHistory}). */
    public Map<String, Object> history() { return history; }

    /** A copy with these class names (null: none); class names replace target names. */
    public ModelFile withClassNames(List<String> names) {
        return new ModelFile(network, names, normalization, training, metrics, names == null ? targetNames : null,
                history);
    }

    /** A copy with this input normalization (null: none). */
    public ModelFile withNormalization(Normalization n) {
        return new ModelFile(network, classNames, n, training, metrics, targetNames, history);
    }

    /** A copy with these training options (copied, order kept). */
    public ModelFile withTraining(Map<String, Object> options) {
        return new ModelFile(network, classNames, normalization, options, metrics, targetNames, history);
    }

    /** A copy with these metrics (copied, order kept). */
    public ModelFile withMetrics(Map<String, Object> values) {
        return new ModelFile(network, classNames, normalization, training, values, targetNames, history);
    }

    /** The same model with these regression output names (null for none). */
    public ModelFile withTargetNames(List<String> names) {
        return new ModelFile(network, classNames, normalization, training, metrics, names, history);
    }

    /** The same model with this per-epoch history (columns as {@link ModelHistory} writes them; null for none). */
    public ModelFile withHistory(Map<String, Object> columns) {
        return new ModelFile(network, classNames, normalization, training, metrics, targetNames, columns);
    }

    /** A normalized copy of {@code rows × inputs} raw features (the input is untouched). */
    public float[] normalize(float[] rawX, int rows) {
        int in = network.inputs();
        float[] x = java.util.Arrays.copyOf(rawX, Math.multiplyExact(rows, in));
        if (normalization != null) {
            normalization.apply(x, rows, in);
        }
        return x;
    }

    /** A dataset with normalized features (targets shared); the same dataset when there is no normalization. */
    public Dataset normalize(Dataset raw) {
        return normalization == null || normalization.isIdentity() ? raw : normalization.apply(raw);
    }

    /** Network outputs ({@code rows × outputs}) for raw features: normalizes, then predicts. */
    public float[] predict(float[] rawX, int rows) {
        return network.predict(normalize(rawX, rows), rows);
    }

    /** The predicted class index per row for raw features. */
    public int[] classify(float[] rawX, int rows) {
        return network.classify(normalize(rawX, rows), rows);
    }

    /** Evaluation on a raw labelled dataset: normalizes, then evaluates. */
    public Evaluation evaluate(Dataset raw) {
        return network.evaluate(normalize(raw));
    }

    @Override
    public String toString() {
        return "ModelFile[" + network + (classNames == null ? "" : ", " + classNames.size() + " classes")
                + ", normalization " + (normalization == null ? "none" : normalization) + "]";
    }
}
