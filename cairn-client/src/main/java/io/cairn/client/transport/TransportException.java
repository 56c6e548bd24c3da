package io.cairn.client.transport;

/**
 * A call that no server answered acceptably: every attempted server failed (connection error, timeout, 5xx, or a
 * status the operation does not accept). The message names the servers tried and why each failed.
 */
public final class TransportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
