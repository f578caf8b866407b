package org.mlp4j.formats.model;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.BatchNormLayer;

/**
 * A batch-normalisation layer in a model file:
 * {@code {"type": "batchnorm", "units": U, "activation": "identity", "momentum": 0.99, "epsilon": 0.001,
 * "gamma": A, "beta": A, "movingMean": A, "movingVariance": A}} with each {@code A} a {@code [U]} array as the
 * dense layers' bias. {@code activation} (default identity), {@code momentum} and {@code epsilon} (Keras's defaults)
 * are optional.
 */
final class BatchNormJson {
    static final String TYPE = "batchnorm";

    private BatchNormJson() {
    }

    static BatchNormLayer read(String file, JsonFields f, int width, String widthField) {
        int units = f.positiveInt("units");
        if (units != width) {
            throw f.error(f.path("units"), "batch normalisation of " + units + " units follows a width of " + width
                    + " (" + widthField + "; layers must chain)");
        }
        Activation activation = Activation.IDENTITY;
        if (f.has("activation")) {
            try {
                activation = Activation.parse(f.string("activation"));
            } catch (IllegalArgumentException e) {
                throw f.error(f.path("activation"), e.getMessage());
            }
        }
        float alpha = f.has("alpha") ? f.floatValue(f.path("alpha"), f.get("alpha")) : Activation.DEFAULT_LEAKY_ALPHA;
        float momentum = f.has("momentum") ? f.floatValue(f.path("momentum"), f.get("momentum"))
                : BatchNormLayer.DEFAULT_MOMENTUM;
        float epsilon = f.has("epsilon") ? f.floatValue(f.path("epsilon"), f.get("epsilon"))
                : BatchNormLayer.DEFAULT_EPSILON;
        if (!(momentum >= 0 && momentum <= 1)) {
            throw f.error(f.path("momentum"), "expected a momentum in [0, 1], found " + momentum);
        }
        if (!(epsilon > 0) || Float.isInfinite(epsilon)) {
            throw f.error(f.path("epsilon"), "expected a positive epsilon, found " + epsilon);
        }
        if (activation == Activation.SOFTMAX) {
            throw f.error(f.path("activation"), "softmax after batch normalisation is not supported");
        }
        float[] gamma = vector(file, f, "gamma", units);
        float[] beta = vector(file, f, "beta", units);
        float[] mean = vector(file, f, "movingMean", units);
        float[] variance = vector(file, f, "movingVariance", units);
        for (int j = 0; j < units; j++) {
            if (!(variance[j] >= 0)) {
                throw f.error(f.path("movingVariance"), "a variance must be >= 0, found " + variance[j] + " at " + j);
            }
        }
        return new BatchNormLayer(units, activation, alpha, gamma, beta, mean, variance, momentum, epsilon);
    }

    private static float[] vector(String file, JsonFields f, String key, int units) {
        JsonFields v = new JsonFields(file, f.path(key), f.require(key));
        float[][] data = new float[1][];
        int[] shape = FloatArrays.read(v, data);
        if (shape.length != 1 || shape[0] != units) {
            throw v.error(v.path("shape"), "expected [" + units + "], found " + java.util.Arrays.toString(shape));
        }
        return data[0];
    }

    static void write(JsonGenerator g, BatchNormLayer layer, ArrayWriter arrays) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", TYPE);
        g.writeNumberField("units", layer.units());
        g.writeStringField("activation", layer.activation().id());
        if (layer.activation() == Activation.LEAKY_RELU) {
            g.writeFieldName("alpha");
            g.writeNumber(Float.toString(layer.alpha()));
        }
        g.writeFieldName("momentum");
        g.writeNumber(Float.toString(layer.momentum()));
        g.writeFieldName("epsilon");
        g.writeNumber(Float.toString(layer.epsilon()));
        int[] shape = {layer.units()};
        g.writeFieldName("gamma");
        arrays.write(g, shape, layer.gamma());
        g.writeFieldName("beta");
        arrays.write(g, shape, layer.beta());
        g.writeFieldName("movingMean");
        arrays.write(g, shape, layer.movingMean());
        g.writeFieldName("movingVariance");
        arrays.write(g, shape, layer.movingVariance());
        g.writeEndObject();
    }

    /** How the writer writes one array (values, or base64 when not all finite). */
    interface ArrayWriter {
        void write(JsonGenerator g, int[] shape, float[] v) throws IOException;
    }
}
