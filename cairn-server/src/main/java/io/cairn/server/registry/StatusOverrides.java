package io.cairn.server.registry;

import io.cairn.model.InstanceStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Operator status overrides by instance id (as Eureka keys them: by id alone). An override lapses when nobody has
 * read it for the expiry time; every heartbeat of its instance reads it, so it lives as long as the instance does.
 */
final class StatusOverrides {
    private static final class Entry {
        final InstanceStatus status;
        volatile long lastAccess;

        Entry(InstanceStatus status, long now) {
            this.status = status;
            this.lastAccess = now;
        }
    }

    private final ConcurrentHashMap<String, Entry> byId = new ConcurrentHashMap<>();
    private final long expiryMs;

    StatusOverrides(long expiryMs) {
        this.expiryMs = expiryMs;
    }

    /** The override for {@code id}, or null; reading it keeps it alive. */
    InstanceStatus get(String id, long now) {
        Entry e = byId.get(id);
        if (e == null) {
            return null;
        }
        if (now - e.lastAccess > expiryMs) {
            byId.remove(id, e);
            return null;
        }
        e.lastAccess = now;
        return e.status;
    }

    boolean contains(String id, long now) {
        return get(id, now) != null;
    }

    void put(String id, InstanceStatus status, long now) {
        byId.put(id, new Entry(status, now));
    }

    /** Removes the override and returns what it was, or null. */
    InstanceStatus remove(String id) {
        Entry e = byId.remove(id);
        return e == null ? null : e.status;
    }

    void purgeExpired(long now) {
        byId.values().removeIf(e -> now - e.lastAccess > expiryMs);
    }

    /** A copy of the overrides in force, for {@code /serverinfo/statusoverrides}. */
    Map<String, InstanceStatus> snapshot() {
        Map<String, InstanceStatus> out = new java.util.TreeMap<>();
        byId.forEach((id, e) -> out.put(id, e.status));
        return out;
    }
}
