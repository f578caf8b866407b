package org.mlp4j.datasets.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads are verified by SHA-256 and atomic: a bad or broken download leaves nothing behind. */
class DownloaderTest {
    @TempDir
    Path dir;
    private final List<String> log = new ArrayList<>();

    static byte[] payload(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private List<Path> leftovers() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void aFileWithTheRightChecksumIsKept() throws Exception {
        byte[] body = payload(100_000);
        try (LocalServer server = new LocalServer()) {
            server.serve("data.bin", body);
            Path p = new Downloader(log::add).fetch(RemoteFile.atMirrors("data.bin", List.of(server.base()), sha256(body)), dir);
            assertArrayEquals(body, Files.readAllBytes(p));
            assertEquals(List.of(p), leftovers());
        }
    }

    @Test
    void aWrongChecksumIsRefusedAndLeavesNothing() throws Exception {
        byte[] body = payload(5000);
        try (LocalServer server = new LocalServer()) {
            server.serve("data.bin", body);
            String wrong = sha256(payload(10));
            DownloadException e = assertThrows(DownloadException.class, () ->
                    new Downloader(log::add).fetch(RemoteFile.atMirrors("data.bin", List.of(server.base()), wrong), dir));
            assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
            assertEquals(List.of(), leftovers());
        }
    }

    @Test
    void aConnectionCutHalfwayIsRefusedAndLeavesNothing() throws Exception {
        byte[] body = payload(200_000);
        try (LocalServer server = new LocalServer()) {
            server.serveCutHalfway("data.bin", body);
            DownloadException e = assertThrows(DownloadException.class, () ->
                    new Downloader(log::add).fetch(RemoteFile.atMirrors("data.bin", List.of(server.base()), sha256(body)), dir));
            assertTrue(e.getMessage().contains("data.bin"), e.getMessage());
            assertEquals(List.of(), leftovers());
        }
    }

    @Test
    void theNextMirrorIsTriedWhenOneFails() throws Exception {
        byte[] body = payload(1234);
        try (LocalServer broken = new LocalServer(); LocalServer good = new LocalServer()) {
            good.serve("data.bin", body);
            Path p = new Downloader(log::add).fetch(
                    RemoteFile.atMirrors("data.bin", List.of(broken.base(), good.base()), sha256(body)), dir);
            assertArrayEquals(body, Files.readAllBytes(p));
            assertEquals(2, log.size(), log.toString());
        }
    }

    @Test
    void anUnreachableHostSaysSoForEveryMirror() throws Exception {
        byte[] body = payload(10);
        // port 9 on loopback: nothing listens there, so the connection is refused at once
        DownloadException e = assertThrows(DownloadException.class, () -> new Downloader(log::add).fetch(
                RemoteFile.atMirrors("data.bin", List.of("http://127.0.0.1:9/"), sha256(body)), dir));
        assertTrue(e.getMessage().contains("offline?"), e.getMessage());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aVerifiedCopyAlreadyThereIsNotFetchedAgain() throws Exception {
        byte[] body = payload(777);
        Files.write(dir.resolve("data.bin"), body);
        try (LocalServer server = new LocalServer()) {
            new Downloader(log::add).fetch(RemoteFile.atMirrors("data.bin", List.of(server.base()), sha256(body)), dir);
            assertEquals(0, server.requests());
        }
    }
}
