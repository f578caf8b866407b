package org.mlp4j.formats.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.DataReaders;
import org.mlp4j.formats.ReadOptions;
import org.mlp4j.formats.model.Checkpoint;
import org.mlp4j.formats.model.CheckpointFile;
import org.mlp4j.formats.model.ModelFile;
import org.mlp4j.formats.model.ModelReader;

/**
 * One fuzz target per reader. The contract every target checks: whatever the bytes, the reader returns a
 * consistent result or throws a {@link DataFormatException} whose message starts with the file's name — never
 * any other exception, never an {@link OutOfMemoryError}, never a hang.
 *
 * <p>{@code mvn verify} runs each target on its committed inputs ({@code ReadersFuzzTestInputs/<target>/}: seeds
 * and every finding so far) in a few seconds. Fuzzing mode, one target at a time, under the heap the issue asks
 * for: {@code JAZZER_FUZZ=1 mvn -B -pl formats -am test -Pfuzz -Dtest='ReadersFuzzTest#idx'} (see the README's
 * "Safety" section); each target stops after its {@code maxDuration}, findings land in its inputs directory.
 */
class ReadersFuzzTest {
    private static final Path DIR = tempDir();

    private static Path tempDir() {
        try {
            Path shm = Paths.get("/dev/shm");
            return Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "mlp4j-fuzz") : Files.createTempDirectory("mlp4j-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the input under {@code name}: the readers recognise formats by content, then by name. */
    private static Path file(String name, byte[] data) {
        try {
            return Files.write(DIR.resolve(name), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readData(String name, byte[] data) throws IOException {
        Path f = file(name, data);
        try {
            Dataset d = DataReaders.read(f, ReadOptions.defaults());
            assertEquals((long) d.rows() * d.featureCount(), d.features().length);
            if (d.isClassification()) {
                assertTrue(d.classCount() <= d.rows() + 256, "class count " + d.classCount() + " for " + d.rows() + " rows");
                for (int c : d.labels()) {
                    assertTrue(c >= 0 && c < d.classCount());
                }
            }
        } catch (DataFormatException e) {
            assertNamesFile(f, e);
        }
    }

    private static void assertNamesFile(Path f, DataFormatException e) {
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.position() != null && !e.position().isBlank(), e.getMessage());
    }

    @FuzzTest(maxDuration = "4m")
    void idx(byte[] data) throws IOException {
        readData("t-images-idx3-ubyte", data);
    }

    @FuzzTest(maxDuration = "4m")
    void csv(byte[] data) throws IOException {
        readData("data.csv", data);
    }

    @FuzzTest(maxDuration = "4m")
    void pickle(byte[] data) throws IOException {
        readData("data.pkl", data);
    }

    @FuzzTest(maxDuration = "4m")
    void npy(byte[] data) throws IOException {
        readData("x.npy", data);
    }

    @FuzzTest(maxDuration = "4m")
    void npz(byte[] data) throws IOException {
        readData("data.npz", data);
    }

    @FuzzTest(maxDuration = "4m")
    void model(byte[] data) throws IOException {
        Path f = file("model.json", data);
        try {
            ModelFile m = ModelReader.read(f);
            assertTrue(m.network().inputs() > 0 && m.network().outputs() > 0);
        } catch (DataFormatException e) {
            assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        }
    }

    @FuzzTest(maxDuration = "4m")
    void checkpoint(byte[] data) throws IOException {
        Path f = file("checkpoint.json", data);
        try {
            Checkpoint c = CheckpointFile.read(f);
            int rows = c.state().position().order().length;
            assertTrue(rows > 0 && c.state().position().nextBatch() >= 0);
            for (int r : c.state().position().order()) {
                assertTrue(r >= 0 && r < rows);
            }
        } catch (DataFormatException e) {
            assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        }
    }
}
