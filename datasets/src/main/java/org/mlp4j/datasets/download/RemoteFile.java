package org.mlp4j.datasets.download;

import java.util.List;
import java.util.Locale;

/**
 * A file we may download: its name on disk, the places it can be fetched from (tried in order) and the SHA-256 of
 * its exact bytes, which every download must match before it is kept.
 *
 * @param name   the file's name on disk: no directories, not hidden
 * @param urls   where it can be fetched from, tried in order
 * @param sha256 the SHA-256 of its exact bytes, in hex (kept in lower case)
 */
public record RemoteFile(String name, List<String> urls, String sha256) {
    /**
     * Checks the name is a plain file name and the digest is SHA-256 hex; keeps an unmodifiable copy of the URLs
     * and the digest in lower case.
     */
    public RemoteFile {
        if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        if (!sha256.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + sha256);
        }
        urls = List.copyOf(urls);
        sha256 = sha256.toLowerCase(Locale.ROOT);
    }

    /** The same file under {@code base + name} for each base URL (each ending in '/'). */
    public static RemoteFile atMirrors(String name, List<String> baseUrls, String sha256) {
        return new RemoteFile(name, baseUrls.stream().map(b -> b + name).toList(), sha256);
    }
}
