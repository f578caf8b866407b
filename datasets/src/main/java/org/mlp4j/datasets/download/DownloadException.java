package org.mlp4j.datasets.download;

/** A download that could not be completed; nothing was left at the destination. */
public final class DownloadException extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    /** A failed download, with the failure that ended it. */
    public DownloadException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failed download, said in {@code message}. */
    public DownloadException(String message) {
        super(message);
    }
}
