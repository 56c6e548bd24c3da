package io.cairn.server.cluster;

import java.time.Clock;

/**
 * Holds registry reads back (HTTP 403, as Eureka's own gate) while a node that has peers has not yet copied the
 * registry from any of them, so that clients do not take a freshly started, empty node's word that every service
 * vanished; they try another server instead. Unlike Eureka, which keeps reads closed for five minutes after an empty
 * sync whatever happens, the gate opens as soon as a sync succeeds, or when the wait runs out.
 */
public final class ReadGate {
    private static final System.Logger LOG = System.getLogger(ReadGate.class.getName());

    private final Clock clock;
    private volatile boolean open;
    private volatile long deadline;

    private ReadGate(Clock clock, boolean open, long deadline) {
        this.clock = clock;
        this.open = open;
        this.deadline = deadline;
    }

    /** A gate that never closes: a standalone node. */
    public static ReadGate alwaysOpen(Clock clock) {
        return new ReadGate(clock, true, 0);
    }

    /** A closed gate that opens by itself after {@code waitMs}. */
    public static ReadGate closedFor(Clock clock, long waitMs) {
        return new ReadGate(clock, false, clock.millis() + waitMs);
    }

    public boolean isOpen() {
        if (!open && clock.millis() >= deadline) {
            open("no peer could be synced from within the wait; serving what this node has");
        }
        return open;
    }

    void open(String why) {
        if (!open) {
            open = true;
            LOG.log(System.Logger.Level.INFO, "registry reads open: {0}", why);
        }
    }
}
