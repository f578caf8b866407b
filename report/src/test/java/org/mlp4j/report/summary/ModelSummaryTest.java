package org.mlp4j.report.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Loss;
import org.mlp4j.engine.Network;

/** The Keras-style summary: rows, parameter counts, totals, text layout and JSON. */
class ModelSummaryTest {
    static final Network NET = Network.builder(784).dense(128, Activation.RELU).dense(64, Activation.LEAKY_RELU)
            .dense(10, Activation.SOFTMAX).loss(Loss.CE).seed(1).build();

    @Test
    void rowsHoldOutputShapeActivationAndParametersAsKerasCountsThem() {
        ModelSummary s = ModelSummary.of(NET);
        assertEquals(4, s.rows().size());
        assertEquals(new ModelSummary.Row("input", "InputLayer", 784, "", 0), s.rows().get(0));
        assertEquals(new ModelSummary.Row("dense_1", "Dense", 128, "relu", 784 * 128 + 128), s.rows().get(1));
        assertEquals("leaky-relu(0.01)", s.rows().get(2).activation());
        assertEquals(128 * 64 + 64, s.rows().get(2).parameters());
        assertEquals("(None, 10)", s.rows().get(3).outputShape());
        assertEquals(109_386, s.totalParameters());   // Keras prints 109,386 for Dense(128), Dense(64), Dense(10)
    }

    @Test
    void textIsAnAlignedTableWithTotals() {
        String expected = String.join("\n",
                "Layer (type)        Output Shape  Activation        Param #",
                "===========================================================",
                "input (InputLayer)  (None, 784)                           0",
                "dense_1 (Dense)     (None, 128)   relu              100,480",
                "dense_2 (Dense)     (None, 64)    leaky-relu(0.01)    8,256",
                "dense_3 (Dense)     (None, 10)    softmax               650",
                "===========================================================",
                "Total params: 109,386",
                "Trainable params: 109,386",
                "Non-trainable params: 0", "");
        assertEquals(expected, ModelSummary.of(NET).toText());
    }

    @Test
    void jsonHasOneObjectPerLayerAndTheTotals() {
        Map<String, Object> j = ModelSummary.of(NET).toJson();
        List<?> layers = (List<?>) j.get("layers");
        assertEquals(4, layers.size());
        Map<?, ?> d1 = (Map<?, ?>) layers.get(1);
        assertEquals("dense_1", d1.get("name"));
        assertEquals(List.of(-1, 128), d1.get("outputShape"));
        assertEquals(100_480L, d1.get("parameters"));
        assertEquals(null, ((Map<?, ?>) layers.get(0)).get("activation"));
        assertEquals(109_386L, j.get("totalParameters"));
        assertEquals(109_386L, j.get("trainableParameters"));
    }
}
