package io.cairn.server.registry;

import io.cairn.model.InstanceStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Operator status overrides by application and instance id. Eureka keys them by id alone, so a registration or a
 * cancel in one application could set or clear the override of another application's instance with the same id;
 * here they cannot. An override lapses when nobody has read it for the expiry time; every heartbeat of its instance
 * reads it, so it lives as long as the instance does.
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

    /** Application (upper case), then instance id: two lookups and no key to build on every heartbeat. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Entry>> byApp = new ConcurrentHashMap<>();
    private final long expiryMs;

    StatusOverrides(long expiryMs) {
        this.expiryMs = expiryMs;
    }

    /** The override of {@code app}/{@code id}, or null; reading it keeps it alive. */
    InstanceStatus get(String app, String id, long now) {
        ConcurrentHashMap<String, Entry> ids = byApp.get(app);
        Entry e = ids == null ? null : ids.get(id);
        if (e == null) {
            return null;
        }
        if (now - e.lastAccess > expiryMs) {
            ids.remove(id, e);
            return null;
        }
        e.lastAccess = now;
        return e.status;
    }

    boolean contains(String app, String id, long now) {
        return get(app, id, now) != null;
    }

    void put(String app, String id, InstanceStatus status, long now) {
        byApp.computeIfAbsent(app, a -> new ConcurrentHashMap<>()).put(id, new Entry(status, now));
    }

    /** Removes the override and returns what it was, or null. */
    InstanceStatus remove(String app, String id) {
        ConcurrentHashMap<String, Entry> ids = byApp.get(app);
        Entry e = ids == null ? null : ids.remove(id);
        return e == null ? null : e.status;
    }

    void purgeExpired(long now) {
        byApp.values().forEach(ids -> ids.values().removeIf(e -> now - e.lastAccess > expiryMs));
    }

    /** A copy of the overrides in force, for {@code /serverinfo/statusoverrides}. */
    Map<String, InstanceStatus> snapshot() {
        Map<String, InstanceStatus> out = new java.util.TreeMap<>();
        byApp.forEach((app, ids) -> ids.forEach((id, e) -> out.put(id, e.status)));
        return out;
    }
}
