package org.mlp4j.report;

import org.mlp4j.engine.Network;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.formats.model.ModelFile;

/**
 * The model's outputs on the report's rows, and for classification the predicted class of each row with its
 * confidence: the predicted class's output (its softmax probability; for one sigmoid output, p or 1 − p).
 */
final class Predictions {
    final float[] outputs;
    final int width;
    final int[] predicted;
    final float[] confidence;

    private Predictions(float[] outputs, int width, int[] predicted, float[] confidence) {
        this.outputs = outputs;
        this.width = width;
        this.predicted = predicted;
        this.confidence = confidence;
    }

    static Predictions of(ModelFile model, Dataset raw, Kernels kernels) {
        Network net = model.network();
        float[] outputs = net.predict(model.normalize(raw).features(), raw.rows(), kernels);
        int w = net.outputs();
        if (!raw.isClassification()) {
            return new Predictions(outputs, w, null, null);
        }
        int[] predicted = new int[raw.rows()];
        float[] confidence = new float[raw.rows()];
        for (int i = 0; i < predicted.length; i++) {
            int c = Network.predictedClass(outputs, i * w, w);
            predicted[i] = c;
            confidence[i] = w == 1 ? (c == 1 ? outputs[i] : 1 - outputs[i]) : outputs[i * w + c];
        }
        return new Predictions(outputs, w, predicted, confidence);
    }
}
