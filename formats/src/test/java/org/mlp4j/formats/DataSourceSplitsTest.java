package org.mlp4j.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.idx.IdxWriter;

/** Opening a file gives a source that says which splits it holds, per format, and reads each of them. */
class DataSourceSplitsTest {
    @TempDir
    Path dir;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(DataSourceSplitsTest.class.getResource("/" + name).toURI());
    }

    @Test
    void aPickleOfTrainValidTestPairsHoldsAllThreeSplits() throws Exception {
        DataSource source = DataReaders.open(fixture("pickle/splits.pkl.gz"));
        assertEquals(List.of(Split.TRAIN, Split.VALID, Split.TEST), source.splits());
        assertEquals(6, source.read(Split.TRAIN, ReadOptions.defaults()).rows());
        assertEquals(3, source.read(Split.VALID, ReadOptions.defaults()).rows());
        assertEquals(2, source.read(Split.TEST, ReadOptions.defaults()).rows());
    }

    @Test
    void aPickledTrainTestPairOfPairsAndATrainTestDictHoldTrainAndTest() throws Exception {
        assertEquals(List.of(Split.TRAIN, Split.TEST), DataReaders.open(fixture("pickle/keras_style.pkl")).splits());
        DataSource dict = DataReaders.open(fixture("pickle/train_test_dict.pkl"));
        assertEquals(List.of(Split.TRAIN, Split.TEST), dict.splits());
        assertArrayEquals(new int[] {1, 0}, dict.read(Split.TEST, ReadOptions.defaults()).labels());
    }

    @Test
    void aPickledXyPairIsOneTrainingSplitAndRefusesOthersNamingWhatItHolds() throws Exception {
        DataSource pair = DataReaders.open(fixture("pickle/pair.pkl"));
        assertEquals(List.of(Split.TRAIN), pair.splits());
        assertFalse(pair.has(Split.TEST));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> pair.read(Split.TEST, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("split test: the file has no test split: it holds a sequence of 2"),
                e.getMessage());
    }

    @Test
    void anNpzHoldsTheSplitsItsKeysNameAndALoneNpyOnlyTraining() throws Exception {
        DataSource npz = DataReaders.open(fixture("numpy/mnist_like.npz"));
        assertEquals(List.of(Split.TRAIN, Split.TEST), npz.splits());
        assertArrayEquals(new int[] {5, 0, 4}, npz.read(Split.TRAIN, ReadOptions.defaults()).labels());
        assertArrayEquals(new int[] {7, 2}, npz.read(Split.TEST, ReadOptions.defaults()).labels());
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> npz.read(Split.VALID, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("the file has no valid split: it holds an archive with keys "
                + "[x_train, y_train, x_test, y_test]"), e.getMessage());
        assertEquals(List.of(Split.TRAIN), DataReaders.open(fixture("numpy/features_v1.npy")).splits());
        assertEquals(List.of(Split.TRAIN), DataReaders.open(fixture("numpy/compressed.npz")).splits());
    }

    @Test
    void keysChooseTheRowsInsteadOfTheSplit() throws Exception {
        DataSource npz = DataReaders.open(fixture("numpy/mnist_like.npz"));
        Dataset d = npz.read(Split.TRAIN, ReadOptions.defaults().withXKey("x_test"));
        assertArrayEquals(new int[] {7, 2}, d.labels());
    }

    @Test
    void aCsvFileIsOneSetOfRowsReadWholeWhateverSplitIsAsked() throws Exception {
        Path csv = dir.resolve("d.csv");
        Files.writeString(csv, "label,a\n1,0.5\n0,2\n");
        DataSource source = DataReaders.open(csv);
        assertEquals(List.of(Split.TRAIN), source.splits());
        assertEquals(csv, source.file());
        assertEquals(2, source.read(Split.TRAIN, ReadOptions.defaults()).rows());
        assertEquals(2, source.read(Split.TEST, ReadOptions.defaults()).rows());
    }

    @Test
    void anIdxPairIsOneSetOfLabelledRows() throws Exception {
        Path images = dir.resolve("train-images-idx3-ubyte");
        IdxWriter.writeU8(images, new int[] {3, 2, 2}, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, false);
        IdxWriter.writeU8(dir.resolve("train-labels-idx1-ubyte"), new int[] {3}, new int[] {2, 0, 1}, false);
        DataSource source = DataReaders.open(images);
        assertEquals(List.of(Split.TRAIN), source.splits());
        Dataset d = source.read(Split.TRAIN, ReadOptions.defaults());
        assertEquals(4, d.featureCount());
        assertArrayEquals(new int[] {2, 0, 1}, d.labels());
    }

    @Test
    void splitNamesParseAsTheCommandLineSpellsThem() {
        assertEquals(Split.TRAIN, Split.parse(null));
        assertEquals(Split.VALID, Split.parse("validation"));
        assertEquals(Split.TEST, Split.parse("TEST"));
        assertEquals("valid", Split.VALID.label());
        assertThrows(IllegalArgumentException.class, () -> Split.parse("holdout"));
    }
}
