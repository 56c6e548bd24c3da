package io.cairn.client;

/** A registered {@link RegistryListener}; cancelling (or closing) it stops further calls. Idempotent. */
public interface Subscription extends AutoCloseable {

    /** Stops calling the listener; a call already under way finishes. */
    void cancel();

    /** True until cancelled (or the client closed). */
    boolean isActive();

    /** Same as {@link #cancel()}. */
    @Override
    default void close() {
        cancel();
    }
}
