package io.cairn.server.registry;

import io.cairn.model.ActionType;
import io.cairn.model.InstanceInfo;
import io.cairn.model.LeaseInfo;

/**
 * One change to the registry: the registry index it produced, when, what happened, and the instance's state after it
 * (for a deletion, its last state).
 *
 * @param stored the instance as the registry stored it (shared with the registry, so a change costs little memory)
 * @param lease  the lease at the time of the change
 */
public record Change(long index, long timestamp, ActionType action, InstanceInfo stored, LeaseInfo lease) {

    /** The instance as clients see it: the stored state with its lease written in. */
    public InstanceInfo instance() {
        return stored.toBuilder().leaseInfo(lease).build();
    }
}
