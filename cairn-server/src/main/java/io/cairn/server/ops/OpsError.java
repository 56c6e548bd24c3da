package io.cairn.server.ops;

/** A request the operations endpoints refuse, with the status and the reason given to the caller. */
final class OpsError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    OpsError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
