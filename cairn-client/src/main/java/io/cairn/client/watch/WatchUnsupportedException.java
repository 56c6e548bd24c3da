package io.cairn.client.watch;

/** The server does not offer Cairn's watch API (a plain Eureka server answers 404): poll deltas instead. */
public final class WatchUnsupportedException extends Exception {
    private static final long serialVersionUID = 1L;

    public WatchUnsupportedException(String message) {
        super(message);
    }
}
