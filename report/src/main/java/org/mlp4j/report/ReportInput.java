package org.mlp4j.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.train.EpochStats;
import org.mlp4j.formats.model.ModelFile;
import org.mlp4j.report.images.ImageShape;

/**
 * What a report shows.
 *
 * @param title       the page's heading (e.g. the model file's name)
 * @param model       the model, with its scaling, class names, training settings and metrics
 * @param data        the evaluated rows, <em>raw</em> (as read, before the model's scaling: images are drawn from
 *                    them), labels indexed by the model's classes, or regression targets
 * @param dataName    what {@code data} is, in words ("test split of fashion-mnist")
 * @param history     the training run's epochs (empty: no curves)
 * @param imageShape  how a row is an image; null to infer it from the feature count (8×8, 28×28) or to draw none
 * @param facts       the run's facts in display order (rows, seconds, samples/s, kernels, threads, JDK, version)
 * @param kernels     the kernels that compute the predictions
 */
public record ReportInput(String title, ModelFile model, Dataset data, String dataName, List<EpochStats> history,
                          ImageShape imageShape, Map<String, String> facts, Kernels kernels) {
    public ReportInput {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(kernels, "kernels");
        history = history == null ? List.of() : List.copyOf(history);
        facts = facts == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
        if (data.featureCount() != model.network().inputs()) {
            throw new IllegalArgumentException("the data has " + data.featureCount() + " features but the model takes "
                    + model.network().inputs());
        }
        if (imageShape != null && imageShape.pixels() != data.featureCount()) {
            throw new IllegalArgumentException("image shape " + imageShape.height() + "x" + imageShape.width()
                    + " is " + imageShape.pixels() + " pixels, but a row has " + data.featureCount() + " features");
        }
    }

    /** The image shape to draw rows with: the given one, else the inferred one, else null (not images). */
    public ImageShape effectiveImageShape() {
        return imageShape != null ? imageShape : ImageShape.infer(data.featureCount());
    }
}
