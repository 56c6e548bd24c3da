package io.cairn.server.cluster;

import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;

/**
 * Receives the operations this node's own clients made, to pass them on to the peers. Operations that arrived as
 * replication are never passed on (every node knows every other, as in Eureka).
 */
public interface Replication {
    /** Replicates nothing: a standalone node. */
    Replication NONE = new Replication() {
        @Override
        public void registered(InstanceInfo stored) {
        }

        @Override
        public void renewed(String app, String id) {
        }

        @Override
        public void cancelled(String app, String id) {
        }

        @Override
        public void statusUpdated(String app, String id, InstanceStatus status) {
        }

        @Override
        public void overrideDeleted(String app, String id, InstanceStatus status) {
        }
    };

    /** A registration (or metadata change), with this node's stored copy. */
    void registered(InstanceInfo stored);

    void renewed(String app, String id);

    void cancelled(String app, String id);

    void statusUpdated(String app, String id, InstanceStatus status);

    void overrideDeleted(String app, String id, InstanceStatus status);
}
