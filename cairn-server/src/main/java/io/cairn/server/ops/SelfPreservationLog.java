package io.cairn.server.ops;

import io.cairn.server.registry.Registry;
import io.cairn.server.registry.SelfPreservationState;

/**
 * Logs one line when self-preservation engages and one when it lets go, checked periodically; nothing in between, so
 * that a node under heartbeat load stays quiet.
 */
final class SelfPreservationLog implements Runnable {
    private static final System.Logger LOG = System.getLogger(SelfPreservationLog.class.getName());

    private final Registry registry;
    private boolean active;

    SelfPreservationLog(Registry registry) {
        this.registry = registry;
    }

    @Override
    public synchronized void run() {
        SelfPreservationState sp = registry.selfPreservation();
        if (sp.active() == active) {
            return;
        }
        active = sp.active();
        if (active) {
            LOG.log(System.Logger.Level.WARNING, "self-preservation ON: {0} heartbeats in the last minute, below the "
                    + "threshold of {1}; leases are no longer expired", sp.renewsLastMinute(), sp.renewsThreshold());
        } else {
            LOG.log(System.Logger.Level.INFO, "self-preservation OFF: {0} heartbeats in the last minute (threshold "
                    + "{1}); leases expire again", sp.renewsLastMinute(), sp.renewsThreshold());
        }
    }
}
