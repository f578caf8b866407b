package org.mlp4j.datasets.download;

import java.util.List;
import java.util.Locale;

/**
 * A file we may download: its name on disk, the places it can be fetched from (tried in order) and the SHA-256 of
 * its exact bytes, which every download must match before it is kept.
 */
public final class RemoteFile {
    private final String name;
    private final List<String> urls;
    private final String sha256;

    public RemoteFile(String name, List<String> urls, String sha256) {
        if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        if (!sha256.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + sha256);
        }
        this.name = name;
        this.urls = List.copyOf(urls);
        this.sha256 = sha256.toLowerCase(Locale.ROOT);
    }

    /** The same file under {@code base + name} for each base URL (each ending in '/'). */
    public static RemoteFile atMirrors(String name, List<String> baseUrls, String sha256) {
        return new RemoteFile(name, baseUrls.stream().map(b -> b + name).toList(), sha256);
    }

    public String name() { return name; }
    public List<String> urls() { return urls; }
    public String sha256() { return sha256; }
}
