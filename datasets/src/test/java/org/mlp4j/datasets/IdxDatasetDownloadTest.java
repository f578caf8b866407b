package org.mlp4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.mlp4j.datasets.download.DownloadException;
import org.mlp4j.datasets.download.LocalServer;
import org.mlp4j.datasets.download.RemoteFile;
import org.mlp4j.formats.idx.IdxWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A named IDX dataset that is not installed is downloaded from its mirrors — here a server on 127.0.0.1 serving a
 * small IDX pair — verified by SHA-256, written atomically, then found locally next time.
 */
class IdxDatasetDownloadTest {
    @TempDir
    Path dir;
    Path data;
    DataDirectories dirs;
    final Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void smallIdxFiles() throws Exception {
        data = dir.resolve("data");
        dirs = new DataDirectories(Map.of("MLP4J_DATA", data.toString()), dir.resolve("home"));
        Path src = Files.createDirectories(dir.resolve("src"));
        float[] trainImages = new float[6 * 4];
        for (int i = 0; i < trainImages.length; i++) {
            trainImages[i] = i % 256;
        }
        IdxWriter.writeU8(src.resolve("train-images-idx3-ubyte.gz"), new int[] {6, 2, 2}, trainImages, true);
        IdxWriter.writeU8(src.resolve("train-labels-idx1-ubyte.gz"), new int[] {6}, new int[] {0, 1, 2, 0, 1, 2}, true);
        IdxWriter.writeU8(src.resolve("t10k-images-idx3-ubyte.gz"), new int[] {3, 2, 2}, new float[12], true);
        IdxWriter.writeU8(src.resolve("t10k-labels-idx1-ubyte.gz"), new int[] {3}, new int[] {2, 1, 0}, true);
        for (String f : IdxDataset.FILES) {
            files.put(f + ".gz", Files.readAllBytes(src.resolve(f + ".gz")));
        }
    }

    private IdxDataset served(LocalServer server, String corrupt) throws Exception {
        List<RemoteFile> remote = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(e.getValue()));
            remote.add(RemoteFile.atMirrors(e.getKey(), List.of(server.base()), e.getKey().equals(corrupt)
                    ? sha.replace(sha.charAt(0), sha.charAt(0) == 'a' ? 'b' : 'a') : sha));
        }
        return new IdxDataset("tiny", "a tiny IDX set", remote, dirs);
    }

    @Test
    void anAbsentDatasetIsDownloadedVerifiedAndThenFoundLocally() throws Exception {
        try (LocalServer server = new LocalServer()) {
            files.forEach(server::serve);
            IdxDataset tiny = served(server, null);
            LoadedData loaded = tiny.load(log::add);
            assertEquals(6, loaded.data().rows());
            assertEquals(4, loaded.data().featureCount());
            assertEquals(3, loaded.test().rows());
            assertTrue(loaded.origin().contains("downloaded"), loaded.origin());
            int requests = server.requests();
            assertEquals(4, requests);
            LoadedData again = tiny.load(log::add);
            assertEquals(requests, server.requests(), "found locally the second time");
            assertTrue(!again.origin().contains("downloaded"));
        }
    }

    @Test
    void aWrongChecksumFailsWithAClearMessageAndLeavesNoFile() throws Exception {
        try (LocalServer server = new LocalServer()) {
            files.forEach(server::serve);
            IdxDataset tiny = served(server, "train-labels-idx1-ubyte.gz");
            DownloadException e = assertThrows(DownloadException.class, () -> tiny.load(log::add));
            assertTrue(e.getMessage().contains("tiny is not installed and could not be downloaded"), e.getMessage());
            assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
            assertTrue(!Files.exists(data.resolve("tiny").resolve("train-labels-idx1-ubyte.gz")));
            try (var left = Files.list(data.resolve("tiny"))) {
                assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
            }
        }
    }

    @Test
    void aConnectionCutHalfwayFailsAndLeavesNoPartialFile() throws Exception {
        try (LocalServer server = new LocalServer()) {
            files.forEach((name, bytes) -> {
                if (name.startsWith("train-images")) {
                    server.serveCutHalfway(name, bytes);
                } else {
                    server.serve(name, bytes);
                }
            });
            IdxDataset tiny = served(server, null);
            assertThrows(DownloadException.class, () -> tiny.load(log::add));
            assertTrue(!Files.exists(data.resolve("tiny").resolve("train-images-idx3-ubyte.gz")));
        }
    }

    @Test
    void offlineSaysWhereToPutTheFiles() {
        List<RemoteFile> remote = new ArrayList<>();
        for (String f : files.keySet()) {
            remote.add(RemoteFile.atMirrors(f, List.of("http://127.0.0.1:9/"), "0".repeat(64)));
        }
        IdxDataset tiny = new IdxDataset("tiny", "a tiny IDX set", remote, dirs);
        DownloadException e = assertThrows(DownloadException.class, () -> tiny.load(log::add));
        assertTrue(e.getMessage().contains("offline?") && e.getMessage().contains("Put the four IDX files in"), e.getMessage());
    }
}
