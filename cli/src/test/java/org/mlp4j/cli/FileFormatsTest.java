package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shapes people keep their data in train from the command line: the tutorial's pickled dict, mnist.pkl.gz's
 * (train, valid, test) tuple, an (x, y) pair, an .npz with train/test keys — and {@code convert} between formats.
 * Fixtures: {@code src/test/python/make_cli_fixtures.py} (NumPy 1.24) from the bundled digits.
 */
class FileFormatsTest {
    @TempDir
    Path dir;

    static String fixture(String name) throws Exception {
        return Paths.get(FileFormatsTest.class.getResource("/fixtures/" + name).toURI()).toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "tutorial_dict.pkl.gz, 1000, false",
        "splits.pkl.gz, 1000, true",
        "pair.pkl, 1000, false",
        "digits.npz, 1300, true",
    })
    void trainsFrom(String file, int rows, boolean hasTestSplit) throws Exception {
        CliRun d = CliRun.of("data", fixture(file), "--json");
        assertEquals(0, d.status, d.toString());
        assertEquals(rows, d.json().get("rows").asInt());
        assertEquals(64, d.json().get("features").asInt());
        assertEquals(10, d.json().get("classes").size());

        CliRun t = CliRun.of("train", "--data", fixture(file), "--epochs", "15", "--json",
                "--model", dir.resolve("m.json").toString());
        assertEquals(0, t.status, t.toString());
        JsonNode j = t.json();
        assertEquals(hasTestSplit, j.has("test"), "--test defaults to the file's own test split");
        if (hasTestSplit) {
            assertTrue(j.get("test").get("accuracy").asDouble() > 0.85, j.toString());
        }
        assertTrue(j.get("epochs").get(14).get("accuracy").asDouble() > 0.9, j.toString());
    }

    @Test
    void theValidSplitOfAPickleCanBeChosen() throws Exception {
        CliRun d = CliRun.of("data", fixture("splits.pkl.gz"), "--split", "valid", "--json");
        assertEquals(0, d.status, d.toString());
        assertEquals(300, d.json().get("rows").asInt());
    }

    @Test
    void aHostilePickleIsRefusedByName() throws Exception {
        // GLOBAL 'os system', the classic code-execution pickle
        Path evil = Files.write(dir.resolve("evil.pkl"),
                "cos\nsystem\n(S'touch pwned'\ntR.".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        CliRun r = CliRun.of("data", evil.toString());
        assertEquals(1, r.status, r.toString());
        assertTrue(r.err.contains("byte 0: refusing global 'os.system': "), r.err);
        assertTrue(!Files.exists(Path.of("pwned")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"digits.csv", "digits.npz", "digits-images-idx3-ubyte.gz"})
    void convertWritesAFileThatReadsBackTheSame(String name) throws Exception {
        Path out = dir.resolve(name);
        CliRun c = CliRun.of("convert", "digits", out.toString());
        assertEquals(0, c.status, c.toString());
        CliRun original = CliRun.of("data", "digits", "--json");
        CliRun back = CliRun.of("data", out.toString(), "--json");
        assertEquals(0, back.status, back.toString());
        com.fasterxml.jackson.databind.node.ObjectNode expected = (com.fasterxml.jackson.databind.node.ObjectNode) original.json();
        assertEquals(445, expected.remove("testRows").asInt(), "digits has a test split; the converted file has none");
        assertEquals(expected, back.json());
    }
}
