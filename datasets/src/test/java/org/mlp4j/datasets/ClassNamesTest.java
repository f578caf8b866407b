package org.mlp4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.formats.idx.IdxWriter;

/** Named datasets bring their class names: Fashion-MNIST's labels are clothes, not 0..9. */
class ClassNamesTest {
    @TempDir
    Path dir;

    @Test
    void fashionMnistRowsCarryTheClothingNames() throws Exception {
        Path fashion = Files.createDirectories(dir.resolve("data").resolve("fashion-mnist"));
        int[] labels = {0, 9, 7, 3};
        for (String split : List.of("train", "t10k")) {
            IdxWriter.writeU8(fashion.resolve(split + "-images-idx3-ubyte.gz"), new int[] {4, 2, 2}, new float[16], true);
            IdxWriter.writeU8(fashion.resolve(split + "-labels-idx1-ubyte.gz"), new int[] {4}, labels, true);
        }
        DataDirectories dirs = new DataDirectories(Map.of("MLP4J_DATA", dir.resolve("data").toString()), dir.resolve("home"));
        LoadedData d = IdxDataset.fashionMnist(dirs).load(s -> { });
        assertEquals(IdxDataset.FASHION_MNIST_CLASSES, d.data().classNames());
        assertEquals(IdxDataset.FASHION_MNIST_CLASSES, d.test().classNames());
        assertEquals("Ankle boot", d.data().classNames().get(d.data().labels()[1]));
        assertEquals("Sneaker", d.test().classNames().get(d.test().labels()[2]));
    }

    @Test
    void mnistKeepsItsDigitNames() {
        assertEquals(null, IdxDataset.mnist(DataDirectories.fromEnvironment()).classNames());
    }
}
