package org.mlp4j.formats.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic, durable writes: all or nothing, ordinary permissions, and no temp files left by killed writes. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path f = Files.write(dir.resolve("m.json"), new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[] {9, 9});
            throw new IOException("disk full");
        }));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList());
        }
    }

    @Test
    void aNewFileIsReadableByOthersAndAReplacedOneKeepsItsPermissions() throws Exception {
        Assumptions.assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"));
        Path fresh = dir.resolve("new.json");
        AtomicFiles.write(fresh, out -> out.write(1));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));

        Path existing = Files.write(dir.resolve("old.json"), new byte[] {0});
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.write(existing, out -> out.write(2));
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(existing)));
    }

    /** A pid no process has: the largest below 2^22 that is not running (Linux pids stay below 2^22). */
    private static long deadPid() {
        for (long pid = (1 << 22) - 1; pid > 1; pid--) {
            if (ProcessHandle.of(pid).isEmpty()) {
                return pid;
            }
        }
        throw new IllegalStateException("no free pid");
    }

    @Test
    void tempFilesOfKilledWritesAreRemovedByTheNextWriteOfThatFile() throws Exception {
        Path f = dir.resolve("m.json");
        Path killed = Files.write(dir.resolve(".m.json." + deadPid() + ".8207373.tmp"), new byte[1000]);
        Path beforePids = Files.write(dir.resolve(".m.json.4452321.tmp"), new byte[10]);
        AtomicFiles.write(f, out -> out.write(1));
        assertFalse(Files.exists(killed));
        assertFalse(Files.exists(beforePids));
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(f));
    }

    @Test
    void tempFilesOfLiveProcessesAndOfOtherFilesAreLeftAlone() throws Exception {
        long live = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
        Path running = Files.write(dir.resolve(".m.json." + live + ".77.tmp"), new byte[1]);
        Path other = Files.write(dir.resolve(".m.json.x." + deadPid() + ".77.tmp"), new byte[1]);
        AtomicFiles.write(dir.resolve("m.json"), out -> out.write(1));
        assertTrue(Files.exists(running));
        assertTrue(Files.exists(other));
    }

    @Test
    void npyAndNpzFilesAreWrittenLikeEveryOtherFile() throws Exception {
        Assumptions.assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"));
        org.mlp4j.formats.numpy.NdArray a = org.mlp4j.formats.numpy.NdArray.ofFloats(new float[] {1, 2}, 2);
        Path npy = dir.resolve("x.npy");
        org.mlp4j.formats.numpy.NpyWriter.write(npy, a);
        Path npz = dir.resolve("d.npz");
        org.mlp4j.formats.numpy.NpzWriter.write(npz, java.util.Map.of("x", a));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(npy)));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(npz)));
    }
}
