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
        if (raw.isClassification() && modelClasses != null && !modelClasses.equals(raw.classNames())
                && (modelClasses.equals(Dataset.numberedClasses(modelClasses.size()))
                    || raw.classNames().equals(Dataset.numberedClasses(raw.classCount())))
                && raw.classCount() <= modelClasses.size() && raw.classNames().stream().noneMatch(modelClasses::contains)) {
            // One side has only label indices for names: a model trained before its data had class names
            // (fashion-mnist's were "0".."9"), or with --class-names, meets the other. The indices are what it learned.
            return Dataset.classification(raw.features(), raw.rows(), raw.featureCount(), raw.labels(), modelClasses);
        }
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

    /**
     * {@code d} with its classes renamed by index from {@code from} to {@code to} ({@code --class-names}): a class
     * called {@code from[i]} becomes {@code to[i]}; other names are kept. Unlabelled and regression sets pass through.
     */
    static Dataset renameClasses(Dataset d, List<String> from, List<String> to) {
        if (d == null || !d.isClassification()) {
            return d;
        }
        List<String> names = new java.util.ArrayList<>();
        for (String n : d.classNames()) {
            int i = from.indexOf(n);
            names.add(i >= 0 && i < to.size() ? to.get(i) : n);
        }
        if (new java.util.HashSet<>(names).size() != names.size()) {
            throw new UsageException("--class-names " + String.join(",", to) + " gives two classes the same name");
        }
        return Dataset.classification(d.features(), d.rows(), d.featureCount(), d.labels(), names);
    }

    /**
     * What looks wrong about giving {@code raw} (read from {@code spec}) to {@code mf}: one-class labels (a label
     * read from the wrong column?) and values on another scale than the training data's.
     */
    static List<String> warnings(ModelFile mf, Dataset raw, Path model, String spec, org.mlp4j.formats.ReadOptions request) {
        List<String> w = new java.util.ArrayList<>();
        if (OneClassData.isOneClass(raw) && raw.rows() > 1) {
            w.add(OneClassData.explain(raw, spec, request, false));
        }
        String range = InputRange.check(mf, raw, model, spec);
        if (range != null) {
            w.add(range);
        }
        return w;
    }

    /**
     * Whether {@code mf} classifies: it names classes, or (a file from another tool without names) its loss is a
     * classification loss.
     */
    static boolean isClassifier(ModelFile mf) {
        return mf.classNames() != null || mf.network().loss() == org.mlp4j.engine.Loss.CE
                || mf.network().loss() == org.mlp4j.engine.Loss.BCE;
    }

    /** The class names to print for a classifier: its own, else "0", "1", … (two for a single sigmoid output). */
    static List<String> classNames(ModelFile mf) {
        if (mf.classNames() != null) {
            return mf.classNames();
        }
        int outputs = mf.network().outputs();
        return Dataset.numberedClasses(outputs == 1 ? 2 : outputs);
    }
}
