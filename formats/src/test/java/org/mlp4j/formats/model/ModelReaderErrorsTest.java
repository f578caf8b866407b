package org.mlp4j.formats.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mlp4j.formats.DataFormatException;

/** Each bad model file fails with the file and the path of the offending field. */
class ModelReaderErrorsTest {
    private static final String LAYER0 = "{\"type\":\"dense\",\"units\":2,\"activation\":\"relu\","
            + "\"weights\":{\"shape\":[3,2],\"values\":[1,2,3,4,5,6]},\"bias\":{\"shape\":[2],\"values\":[0,0]}}";
    private static final String LAYER1 = "{\"type\":\"dense\",\"units\":2,\"activation\":\"softmax\","
            + "\"weights\":{\"shape\":[2,2],\"base64\":\"AACAPwAAAEAAAEBAAACAQA==\"},\"bias\":{\"shape\":[2],\"values\":[0,0]}}";

    private static String model(String format, String version, String inputs, String layers, String loss) {
        StringBuilder sb = new StringBuilder("{");
        if (format != null) sb.append("\"format\":").append(format).append(',');
        if (version != null) sb.append("\"version\":").append(version).append(',');
        if (inputs != null) sb.append("\"inputs\":").append(inputs).append(',');
        if (layers != null) sb.append("\"layers\":").append(layers).append(',');
        if (loss != null) sb.append("\"loss\":").append(loss).append(',');
        sb.setLength(sb.length() - 1);
        return sb.append('}').toString();
    }

    private static String valid(String layer0, String layer1) {
        return model("\"mlp4j-model\"", "1", "3", "[" + layer0 + "," + layer1 + "]", "\"ce\"");
    }

    private static void assertFails(String json, String field, String messagePart) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> ModelFilesTest.read(json));
        assertEquals("field " + field, e.position(), e.getMessage());
        assertTrue(e.getMessage().startsWith("model.json: field " + field + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void theFixtureItselfIsValid() throws Exception {
        assertEquals(2, ModelFilesTest.read(valid(LAYER0, LAYER1)).network().layers().size());
    }

    @Test
    void missingFormat() {
        assertFails(model(null, "1", "3", "[" + LAYER0 + "," + LAYER1 + "]", "\"ce\""), "format", "missing");
    }

    @Test
    void missingVersion() {
        assertFails(model("\"mlp4j-model\"", null, "3", "[" + LAYER0 + "," + LAYER1 + "]", "\"ce\""), "version", "missing");
    }

    @Test
    void missingInputs() {
        assertFails(model("\"mlp4j-model\"", "1", null, "[" + LAYER0 + "," + LAYER1 + "]", "\"ce\""), "inputs", "missing");
    }

    @Test
    void missingLayers() {
        assertFails(model("\"mlp4j-model\"", "1", "3", null, "\"ce\""), "layers", "missing");
    }

    @Test
    void missingLoss() {
        assertFails(model("\"mlp4j-model\"", "1", "3", "[" + LAYER0 + "," + LAYER1 + "]", null), "loss", "missing");
    }

    @Test
    void wrongFormat() {
        assertFails(model("\"keras\"", "1", "3", "[" + LAYER0 + "]", "\"mse\""), "format", "found \"keras\"");
    }

    @Test
    void unsupportedVersion() {
        assertFails(model("\"mlp4j-model\"", "2", "3", "[" + LAYER0 + "]", "\"mse\""), "version", "unsupported version 2");
    }

    @Test
    void missingWeightsInALayer() {
        assertFails(valid(LAYER0, LAYER1.replaceAll("\"weights\":\\{[^}]*\\},", "")), "layers[1].weights", "missing");
    }

    @Test
    void weightShapeOfWrongRank() {
        assertFails(valid(LAYER0.replace("[3,2]", "[6]"), LAYER1), "layers[0].weights.shape", "expected [inputs, units]");
    }

    @Test
    void weightShapeDisagreeingWithUnits() {
        assertFails(valid(LAYER0.replace("\"units\":2", "\"units\":3"), LAYER1), "layers[0].weights.shape", "declares 2 units, but layers[0].units is 3");
    }

    @Test
    void valuesLengthDifferentFromShape() {
        assertFails(valid(LAYER0.replace("[1,2,3,4,5,6]", "[1,2,3,4,5]"), LAYER1), "layers[0].weights.values",
                "holds 5 values, but shape [3, 2] needs 6");
    }

    @Test
    void base64LengthDifferentFromShape() {
        assertFails(valid(LAYER0, LAYER1.replace("AACAPwAAAEAAAEBAAACAQA==", "AACAPwAAAEAAAEBA")),
                "layers[1].weights.base64", "holds 12 bytes");
    }

    @Test
    void biasShapeDifferentFromUnits() {
        assertFails(valid(LAYER0.replace("{\"shape\":[2],\"values\":[0,0]}", "{\"shape\":[3],\"values\":[0,0,0]}"), LAYER1),
                "layers[0].bias.shape", "expected [2]");
    }

    @Test
    void layersThatDoNotChain() {
        String layer1 = LAYER1.replace("[2,2]", "[4,1]").replace("\"units\":2", "\"units\":1")
                .replace("{\"shape\":[2],\"values\":[0,0]}", "{\"shape\":[1],\"values\":[0]}");
        assertFails(valid(LAYER0, layer1), "layers[1].weights.shape", "but layers[0].units is 2");
    }

    @Test
    void inputsThatDoNotChainWithTheFirstLayer() {
        assertFails(model("\"mlp4j-model\"", "1", "4", "[" + LAYER0 + "," + LAYER1 + "]", "\"ce\""),
                "layers[0].weights.shape", "but inputs is 4");
    }

    @Test
    void unknownActivation() {
        assertFails(valid(LAYER0.replace("relu", "swish"), LAYER1), "layers[0].activation", "unknown activation 'swish'");
    }

    @Test
    void unknownLoss() {
        assertFails(model("\"mlp4j-model\"", "1", "3", "[" + LAYER0 + "," + LAYER1 + "]", "\"hinge\""), "loss",
                "unknown loss 'hinge'");
    }

    @Test
    void lossThatDoesNotSuitTheOutputLayer() {
        assertFails(model("\"mlp4j-model\"", "1", "3", "[" + LAYER0 + "]", "\"ce\""), "loss", "softmax");
    }

    @Test
    void classCountDifferentFromOutputs() {
        String json = valid(LAYER0, LAYER1).replace("\"loss\":\"ce\"", "\"loss\":\"ce\",\"classes\":[\"a\",\"b\",\"c\"]");
        assertFails(json, "classes", "3 classes");
    }

    @Test
    void perFeatureNormalizationOfTheWrongLength() {
        String json = valid(LAYER0, LAYER1).replace("\"loss\":\"ce\"",
                "\"loss\":\"ce\",\"normalization\":{\"scale\":{\"shape\":[2],\"values\":[1,1]},\"shift\":0}");
        assertFails(json, "normalization.scale.shape", "expected [3]");
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> ModelFilesTest.read("{\n\"format\": }"));
        assertEquals("line 2, column 11", e.position());
    }
}
