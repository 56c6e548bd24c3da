package io.cairn.server.registry;

import io.cairn.model.ActionType;
import io.cairn.model.InstanceInfo;
import io.cairn.model.LeaseInfo;

/**
 * One change to the registry: the registry index it produced, when, what happened, and the instance's state after it
 * (for a deletion, its last state). The stored instance is shared with the registry, and the lease is the live one,
 * so a change costs little memory and a delta built later shows the lease as it is then, as Eureka's does.
 */
public final class Change {
    private final long index;
    private final long timestamp;
    private final ActionType action;
    private final InstanceInfo stored;
    private final Lease lease;
    private final LeaseInfo lastLease;

    /** A registration or status change; {@code lease} is the instance's live lease. */
    Change(long index, long timestamp, ActionType action, InstanceInfo stored, Lease lease) {
        this(index, timestamp, action, stored, lease, null);
    }

    /** A deletion, with the lease as it ended. */
    Change(long index, long timestamp, InstanceInfo stored, LeaseInfo lastLease) {
        this(index, timestamp, ActionType.DELETED, stored, null, lastLease);
    }

    private Change(long index, long timestamp, ActionType action, InstanceInfo stored, Lease lease,
                   LeaseInfo lastLease) {
        this.index = index;
        this.timestamp = timestamp;
        this.action = action;
        this.stored = stored;
        this.lease = lease;
        this.lastLease = lastLease;
    }

    public long index() {
        return index;
    }

    public long timestamp() {
        return timestamp;
    }

    public ActionType action() {
        return action;
    }

    /** The instance as the registry stored it. */
    public InstanceInfo stored() {
        return stored;
    }

    /** The instance as clients see it: the stored state with its lease written in. */
    public InstanceInfo instance() {
        return stored.toBuilder().leaseInfo(lease != null ? lease.leaseInfo(stored, 0) : lastLease).build();
    }

    @Override
    public String toString() {
        return "Change[" + index + " " + action + " " + stored.app() + "/" + stored.id() + "]";
    }
}
