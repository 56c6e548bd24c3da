package io.cairn.server.registry;

import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;

/**
 * Eureka's overridden-status rule chain: which status an instance really has, given what it reports, the operator's
 * override and what the registry held before. First match wins.
 */
final class StatusRules {
    private StatusRules() {
    }

    /**
     * @param reported    the registrant (on register) or the stored instance (on renew)
     * @param override    the override in force for its id, or null
     * @param existing    the status stored before this operation, or null when there was no lease
     * @param replication whether the operation came from a peer
     */
    static InstanceStatus effectiveStatus(InstanceInfo reported, InstanceStatus override, InstanceStatus existing,
                                          boolean replication) {
        InstanceStatus s = reported.status();
        // DownOrStartingRule: trust DOWN, STARTING and UNKNOWN from the instance or a peer.
        if (s != InstanceStatus.UP && s != InstanceStatus.OUT_OF_SERVICE) {
            return s;
        }
        // OverrideExistsRule
        if (override != null) {
            return override;
        }
        // LeaseExistsRule: a client cannot lift itself out of OUT_OF_SERVICE (or into it) by re-registering.
        if (!replication && (existing == InstanceStatus.UP || existing == InstanceStatus.OUT_OF_SERVICE)) {
            return existing;
        }
        // AlwaysMatchInstanceStatusRule
        return s;
    }
}
