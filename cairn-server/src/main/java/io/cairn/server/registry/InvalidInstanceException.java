package io.cairn.server.registry;

/** A registration the registry refuses; the message is a short reason for the 400 answer. */
public final class InvalidInstanceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInstanceException(String message) {
        super(message);
    }
}
