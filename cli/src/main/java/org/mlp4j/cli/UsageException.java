package org.mlp4j.cli;

/** A command line that is well-formed but asks for something invalid; exits with status 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
