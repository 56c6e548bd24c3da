package io.cairn.server.cluster;

import io.cairn.model.InstanceInfo;

/**
 * One operation to replicate to a peer, in the shape of Eureka's {@code ReplicationInstance}. A newer task with the
 * same {@link #key()} replaces a pending one, so that an instance's heartbeats collapse into one.
 *
 * @param action             Eureka's action name: Register, Heartbeat, Cancel, StatusUpdate, DeleteStatusOverride
 * @param lastDirtyTimestamp this node's dirty time for the instance, or null (Cancel)
 * @param status             the status to send, or null
 * @param overriddenStatus   the override in force, or null
 * @param instance           this node's copy, for Register only
 * @param expiresAt          after this time (ms) the task is dropped rather than sent
 */
record ReplicationTask(String action, String app, String id, Long lastDirtyTimestamp, String status,
                       String overriddenStatus, InstanceInfo instance, long expiresAt) {

    String key() {
        return action + "#" + app + "/" + id;
    }
}
