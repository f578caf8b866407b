package org.mlp4j.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before any work starts, that a file can be written where the user asked: its directory exists and takes
 * new files, and the path is not a directory. Errors name the flag and the path as the user gave it (not the
 * temporary file an atomic write would have used), so a long training run never ends in "Read-only file system".
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * Fails with a {@link UsageException} when {@code path} (given as {@code flag}) cannot be written; does nothing
     * for a null path. A probe file is created in the target directory and removed again: that is the only check that
     * sees read-only mounts, ACLs and full quotas alike, and it is what the atomic write will do later.
     */
    static void check(String flag, Path path) {
        if (path == null) {
            return;
        }
        String named = flag + " " + path;
        if (Files.isDirectory(path)) {
            throw new UsageException(named + ": is a directory; give a file name (e.g. " + path.resolve("model.json") + ")");
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            Path shown = path.getParent() != null ? path.getParent() : parent;
            throw new UsageException(named + ": the directory " + shown + " does not exist");
        }
        Path probe = null;
        try {
            probe = Files.createTempFile(parent, ".mlp4j-write-check", ".tmp");
        } catch (AccessDeniedException e) {
            throw new UsageException(named + ": cannot write in " + parent + " (permission denied)");
        } catch (FileSystemException e) {
            throw new UsageException(named + ": cannot write in " + parent
                    + (e.getReason() != null ? " (" + e.getReason() + ")" : ""));
        } catch (IOException e) {
            throw new UsageException(named + ": cannot write in " + parent + " (" + e.getMessage() + ")");
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // a probe we could create but not delete is left for the OS's temp cleaning; the check passed
                }
            }
        }
    }
}
