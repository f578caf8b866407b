package org.mlp4j.datasets.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Downloads {@link RemoteFile}s over HTTP(S), verifying each one's SHA-256 before it is kept.
 *
 * <p>Bytes stream into a temporary file in the destination directory while being hashed; only a complete file with
 * the right digest is renamed into place (atomically), so an interrupted or corrupted download never leaves a
 * file that a later run would mistake for the real one. Mirrors are tried in order; the error names every attempt.
 */
public final class Downloader {
    private static final int CONNECT_TIMEOUT_MS = 15_000;
    private static final int READ_TIMEOUT_MS = 60_000;
    private final Consumer<String> log;

    /** @param log receives one line per file fetched (e.g. {@code System.err::println}) */
    public Downloader(Consumer<String> log) {
        this.log = log;
    }

    /** Fetches {@code file} into {@code directory} (created if needed) unless a verified copy is already there. */
    public Path fetch(RemoteFile file, Path directory) throws DownloadException {
        Path target = directory.resolve(file.name());
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new DownloadException("cannot create " + directory + ": " + e.getMessage(), e);
        }
        if (Files.isRegularFile(target) && file.sha256().equals(sha256Of(target))) {
            return target;
        }
        List<String> failures = new ArrayList<>();
        for (String url : file.urls()) {
            try {
                log.accept("mlp4j: downloading " + url);
                downloadVerified(url, file, target);
                return target;
            } catch (IOException e) {
                failures.add(url + ": " + describe(e));
            }
        }
        throw new DownloadException("could not download " + file.name() + " (" + String.join("; ", failures) + ")");
    }

    private static String describe(IOException e) {
        if (e instanceof UnknownHostException) {
            return "host not found (offline?)";
        }
        if (e instanceof java.net.ConnectException || e instanceof java.net.NoRouteToHostException) {
            return "cannot connect (offline?): " + e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void downloadVerified(String url, RemoteFile file, Path target) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + file.name() + ".", ".part");
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
            c.setConnectTimeout(CONNECT_TIMEOUT_MS);
            c.setReadTimeout(READ_TIMEOUT_MS);
            c.setInstanceFollowRedirects(true);
            int status = c.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("HTTP " + status);
            }
            long expected = c.getContentLengthLong();
            MessageDigest sha = sha256();
            long received = 0;
            try (InputStream in = c.getInputStream(); OutputStream out = Files.newOutputStream(temp)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                    out.write(buf, 0, n);
                    received += n;
                }
            }
            if (expected >= 0 && received != expected) {
                throw new IOException("connection closed after " + received + " of " + expected + " bytes");
            }
            String digest = HexFormat.of().formatHex(sha.digest());
            if (!digest.equals(file.sha256())) {
                throw new IOException("SHA-256 mismatch: expected " + file.sha256() + ", got " + digest
                        + " (" + received + " bytes)");
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The SHA-256 of a file's bytes, as lower-case hex. */
    public static String sha256Of(Path file) throws DownloadException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new DownloadException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
