package org.mlp4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.engine.train.EpochStats;
import org.mlp4j.formats.DataFormatException;

/** Reading the history CSV that {@code train --history} writes (and Keras's CSVLogger's columns). */
class HistoryCsvTest {
    @TempDir
    Path dir;

    @Test
    void readsTrainHistoryWithEmptyValidationCells() throws Exception {
        Path f = dir.resolve("h.csv");
        Files.writeString(f, "epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds\n1,0.9,0.7,,,0.1,0.5\n"
                + "2,0.5,0.8,,,0.05,0.4\n");
        List<EpochStats> h = HistoryCsv.read(f);
        assertEquals(2, h.size());
        assertEquals(2, h.get(1).epoch());
        assertEquals(0.5, h.get(1).loss());
        assertEquals(0.8, h.get(1).accuracy());
        assertTrue(Double.isNaN(h.get(1).valLoss()));
        assertEquals(0.05, h.get(1).learningRate());
        assertEquals(0.4, h.get(1).seconds());
    }

    @Test
    void findsColumnsByNameAsKerasCsvLoggerWritesThem() throws Exception {
        Path f = dir.resolve("keras.csv");
        Files.writeString(f, "epoch,accuracy,learning_rate,loss,val_accuracy,val_loss\n0,0.8,0.001,0.6,0.82,0.55\n");
        EpochStats e = HistoryCsv.read(f).get(0);
        assertEquals(0.6, e.loss());
        assertEquals(0.82, e.valAccuracy());
        assertEquals(0.001, e.learningRate());
    }

    @Test
    void badFilesAreErrorsNamingFileAndLine() throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "epoch,loss\n1,0.5\n2,low\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> HistoryCsv.read(f));
        assertEquals(f + ": line 3, column 2: expected a number, found 'low' (fields count from 1)", e.getMessage());
        Files.writeString(f, "epoch,accuracy\n1,0.5\n");
        e = assertThrows(DataFormatException.class, () -> HistoryCsv.read(f));
        assertTrue(e.getMessage().contains("no 'loss' column"), e.getMessage());
        Files.writeString(f, "epoch,loss\n1,0.5,3\n");
        e = assertThrows(DataFormatException.class, () -> HistoryCsv.read(f));
        assertTrue(e.getMessage().contains("line 2, column 1: expected 2 fields"), e.getMessage());
        Files.writeString(f, "epoch,loss\n1.5,0.5\n");
        e = assertThrows(DataFormatException.class, () -> HistoryCsv.read(f));
        assertTrue(e.getMessage().contains("whole epoch number"), e.getMessage());
    }
}
