package org.mlp4j.formats.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes files atomically and durably, as SQLite and git do: into a temp file in the target's own directory (so
 * the rename never crosses file systems), {@code fsync} of the temp file, {@code rename(2)} over the target, then
 * {@code fsync} of the directory so the rename itself survives a power cut. A reader sees the old file or the new
 * one, never half of one — also after a crash; on any failure the temp file is deleted and an existing target is
 * left untouched.
 *
 * <p>Temp files are named {@code .NAME.PID.RANDOM.tmp}. A write that was killed (SIGKILL, power cut) cannot delete
 * its own; the next write of the same file removes those whose process is gone.
 */
public final class AtomicFiles {
    /** Temp files this process is writing now, so that a concurrent write of the same file leaves them alone. */
    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();
    private static final long PID = ProcessHandle.current().pid();
    /** What follows {@code .NAME.}: {@code PID.RANDOM.tmp}, or {@code RANDOM.tmp} from versions before the pid. */
    private static final java.util.regex.Pattern TEMP_TAIL = java.util.regex.Pattern.compile("(\\d{1,19})(\\.\\d{1,20})?\\.tmp");

    private AtomicFiles() {
    }

    /** What writes the content; may throw, in which case nothing is left behind. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code file} atomically and durably with what {@code content} produces. */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        removeStaleTempFiles(dir, target.getFileName().toString());
        Path tmp = Files.createTempFile(dir, tempPrefix(target.getFileName().toString()) + PID + ".", ".tmp");
        IN_PROGRESS.add(tmp);
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                content.writeTo(out);
                out.flush();
                ch.force(true); // the data is on disk before any name points at it
            }
            keepPermissions(tmp, target);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Some file systems (certain network mounts) cannot rename atomically; a plain replace is the
                // best they offer and still never exposes a partly written file under the target name.
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            syncDirectory(dir);
        } finally {
            IN_PROGRESS.remove(tmp);
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static String tempPrefix(String name) {
        return "." + name + ".";
    }

    /**
     * Deletes {@code .NAME.PID.*.tmp} files of processes that no longer run (and of this one, unless a write is in
     * progress), and {@code .NAME.*.tmp} files of older versions that recorded no process. Best effort: a file that
     * cannot be listed or deleted is left for the next time.
     */
    static void removeStaleTempFiles(Path dir, String name) {
        String prefix = tempPrefix(name);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".tmp");
        })) {
            for (Path p : ds) {
                String rest = p.getFileName().toString().substring(prefix.length());
                java.util.regex.Matcher m = TEMP_TAIL.matcher(rest);
                if (!m.matches()) {
                    continue; // another file's temp (".model.json.x.….tmp" when writing model.json.x)
                }
                boolean alive;
                if (m.group(2) == null) {
                    alive = false; // an older temp name without a pid: nobody can be writing it any more
                } else {
                    long pid = m.group(1).length() < 19 ? Long.parseLong(m.group(1)) : -1;
                    alive = pid == PID ? IN_PROGRESS.contains(p) : pid > 0 && ProcessHandle.of(pid).isPresent();
                }
                if (!alive) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | SecurityException e) {
            // leftovers are untidy, not wrong: never fail a write over them
        }
    }

    /** {@code fsync} of a directory makes a rename in it durable; not every platform can open a directory. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open directories; its rename is durable on NTFS without it
        }
    }

    /**
     * Temp files are created owner-only (0600); the result should look like any file the user writes: the old file's
     * permissions when replacing one, else rw-r--r-- (on file systems with POSIX permissions).
     */
    private static void keepPermissions(Path tmp, Path target) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> perms = Files.exists(target) ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }
}
