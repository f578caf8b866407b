package org.mlp4j.datasets.download;

/** A download that could not be completed; nothing was left at the destination. */
public final class DownloadException extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    public DownloadException(String message, Throwable cause) {
        super(message, cause);
    }

    public DownloadException(String message) {
        super(message);
    }
}
