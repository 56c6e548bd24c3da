package io.cairn.server;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits, in tests against live servers, for something another thread or process does, within a deadline. */
public final class Eventually {
    private Eventually() {
    }

    /** Returns once {@code condition} holds; fails with {@code what} if it does not within {@code within}. */
    public static void awaitTrue(String what, Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + within);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }
}
