package org.mlp4j.formats.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.numpy.LabelKind;

/** Pickle files mapped to datasets; fixture values as in {@link PickleFixturesTest}. */
class PickleDatasetsTest {

    private static Path p(String name) {
        return Fixtures.path("pickle/" + name);
    }

    private static float[] quarters(int n, float plus) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = k / 4f + plus;
        }
        return v;
    }

    @Test
    void tutorialDictFlattensInputsAndTurnsOneHotColumnsIntoClasses() throws Exception {
        Dataset d = PickleDatasets.read(p("tutorial.pkl.gz"), null, null, null);
        assertEquals(20, d.rows());
        assertEquals(784, d.featureCount());
        assertEquals(10, d.classCount());
        for (int i = 0; i < 20; i++) {
            assertEquals(i % 10, d.labels()[i]);
        }
        for (int k = 0; k < 20 * 784; k++) {
            assertEquals((k % 256) / 256f, d.features()[k], "feature " + k);
        }
        assertFalse(PickleDatasets.hasSplit(p("tutorial.pkl.gz"), "test"));
        assertTrue(PickleDatasets.hasSplit(p("tutorial.pkl.gz"), "train"));
    }

    @Test
    void trainValidTestTripleIsReadBySplit() throws Exception {
        Path f = p("splits.pkl.gz");
        int[] rows = {6, 3, 2};
        String[] names = {"train", "valid", "test"};
        for (int s = 0; s < 3; s++) {
            assertTrue(PickleDatasets.hasSplit(f, names[s]));
            Dataset d = PickleDatasets.read(f, null, null, names[s]);
            assertEquals(rows[s], d.rows());
            assertEquals(4, d.featureCount());
            assertArrayEquals(quarters(rows[s] * 4, 100 * s), d.features());
            for (int i = 0; i < rows[s]; i++) {
                assertEquals(i % 3, d.labels()[i]);
            }
        }
        assertEquals(6, PickleDatasets.read(f, null, null, null).rows());
    }

    @Test
    void xyPairIsTheTrainingSplit() throws Exception {
        Dataset d = PickleDatasets.read(p("pair.pkl"), null, null, null);
        assertEquals(5, d.rows());
        assertEquals(2, d.featureCount());
        assertArrayEquals(new int[] {0, 1, 0, 1, 0}, d.labels());
        assertFalse(PickleDatasets.hasSplit(p("pair.pkl"), "test"));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> PickleDatasets.read(p("pair.pkl"), null, null, "test"));
        assertTrue(e.getMessage().contains("no test split"), e.getMessage());
    }

    @Test
    void kerasStyleTrainTestPairsFlattenImages() throws Exception {
        Dataset train = PickleDatasets.read(p("keras_style.pkl"), null, null, "train");
        assertEquals(3, train.rows());
        assertEquals(784, train.featureCount());
        assertArrayEquals(new int[] {5, 0, 4}, train.labels());
        assertEquals(6, train.classCount());
        for (int k = 0; k < 3 * 784; k++) {
            assertEquals(k % 251, train.features()[k]);
        }
        Dataset test = PickleDatasets.read(p("keras_style.pkl"), null, null, "test");
        assertArrayEquals(new int[] {7, 2}, test.labels());
        assertFalse(PickleDatasets.hasSplit(p("keras_style.pkl"), "valid"));
    }

    @Test
    void trainAndTestKeysOfADict() throws Exception {
        Dataset test = PickleDatasets.read(p("train_test_dict.pkl"), null, null, "test");
        assertArrayEquals(quarters(4, 1), test.features());
        assertArrayEquals(new int[] {1, 0}, test.labels());
        assertTrue(PickleDatasets.hasSplit(p("train_test_dict.pkl"), "test"));
        Dataset train = PickleDatasets.read(p("train_test_dict.pkl"), null, null, null);
        assertArrayEquals(new int[] {0, 1, 0, 1}, train.labels());
    }

    @Test
    void explicitKeysChooseTheArrays() throws Exception {
        Dataset d = PickleDatasets.read(p("train_test_dict.pkl"), "x_test", null, null);
        assertArrayEquals(new int[] {1, 0}, d.labels());
        Dataset unlabeled = PickleDatasets.read(p("plain_protocol4.pkl"), "x", "y", null);
        assertArrayEquals(new int[] {0, 1, 2, 0}, unlabeled.labels());
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> PickleDatasets.read(p("plain_protocol4.pkl"), "nope", null, null));
        assertTrue(e.getMessage().contains("no key 'nope'"), e.getMessage());
    }

    @Test
    void nonIntegerTargetsAreRegression() throws Exception {
        Dataset d = PickleDatasets.read(p("regression.pkl"), null, null, null);
        assertFalse(d.isClassification());
        assertEquals(1, d.targetWidth());
        assertArrayEquals(new float[] {0.5f, 1f, -2.25f}, d.targets());
    }

    @Test
    void regressionCanBeAskedForExplicitly() throws Exception {
        Dataset d = PickleDatasets.read(p("pair.pkl"), null, null, null, LabelKind.REGRESSION);
        assertFalse(d.isClassification());
        assertArrayEquals(new float[] {0, 1, 0, 1, 0}, d.targets());
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> PickleDatasets.read(p("regression.pkl"), null, null, null, LabelKind.CLASSIFICATION));
        assertTrue(e.getMessage().contains("key 'Y'"), e.getMessage());
    }

    @Test
    void oneHotRowsBecomeClassIndices() throws Exception {
        Dataset d = PickleDatasets.read(p("onehot.pkl"), null, null, null);
        assertArrayEquals(new int[] {3, 1, 4, 1}, d.labels());
        assertEquals(10, d.classCount());
        assertEquals(5, d.featureCount());
    }

    @Test
    void concatenatedPicklesMapLikeATuple() throws Exception {
        Dataset d = PickleDatasets.read(p("concatenated.pkl"), null, null, null);
        assertEquals(3, d.rows());
        assertArrayEquals(new int[] {0, 1, 0}, d.labels());
    }
}
