package org.mlp4j.cli;

import java.nio.file.Path;
import java.util.List;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.model.ModelFile;

/** Matching data to a model file: feature count, class names, and the model's own input scaling. */
final class Models {
    private Models() {
    }

    /**
     * The rows of {@code raw} scaled as the model was trained, with labels re-indexed to the model's classes when
     * the names differ only in order. Fails clearly when the data does not fit the model.
     */
    static Dataset prepare(ModelFile mf, Dataset raw, Path model, String spec) {
        if (raw.featureCount() != mf.network().inputs()) {
            throw new UsageException(spec + " has " + raw.featureCount() + " features but " + model + " takes "
                    + mf.network().inputs());
        }
        Dataset d = withClasses(raw, mf.classNames(), spec, model.toString());
        return mf.normalization() == null ? d : mf.normalization().apply(d);
    }

    /**
     * {@code raw} with its labels re-indexed to {@code modelClasses} (by name), so that a file whose labels happen to
     * stop below the top class, or come in another order, still lines up with the model's outputs.
     */
    static Dataset withClasses(Dataset raw, List<String> modelClasses, String spec, String model) {
        Dataset d = raw;
        if (raw.isClassification() && modelClasses != null && !modelClasses.equals(raw.classNames())) {
            int[] labels = new int[raw.rows()];
            for (int i = 0; i < labels.length; i++) {
                String name = raw.classNames().get(raw.labels()[i]);
                int idx = modelClasses.indexOf(name);
                if (idx < 0) {
                    throw new UsageException(spec + " has class '" + name + "' (row " + (i + 1) + ") that "
                            + model + " does not know; its classes are " + modelClasses);
                }
                labels[i] = idx;
            }
            d = Dataset.classification(raw.features(), raw.rows(), raw.featureCount(), labels, modelClasses);
        }
        return d;
    }
}
