package io.cairn.server.registry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The recent changes, oldest first, kept for the retention time: the source of deltas. Not thread-safe; the registry
 * calls it under its lock.
 */
final class ChangeLog {
    private final ArrayDeque<Change> entries = new ArrayDeque<>();
    private final long retentionMs;
    /** The number of entries, readable without the registry's lock (it may lag a purge due since). */
    private volatile int size;

    ChangeLog(long retentionMs) {
        this.retentionMs = retentionMs;
    }

    void append(Change change) {
        entries.addLast(change);
        size = entries.size();
    }

    void purge(long now) {
        while (!entries.isEmpty() && now - entries.peekFirst().timestamp() > retentionMs) {
            entries.pollFirst();
        }
        size = entries.size();
    }

    /** Every retained change, oldest first. */
    List<Change> all() {
        return new ArrayList<>(entries);
    }

    int size() {
        return size;
    }

    /** Each changed instance once, with its latest state, grouped by application in order of first change. */
    static List<io.cairn.model.Application> latestByApplication(List<Change> changes) {
        java.util.Map<String, java.util.Map<String, io.cairn.model.InstanceInfo>> byApp = new java.util.LinkedHashMap<>();
        for (Change c : changes) {
            byApp.computeIfAbsent(c.stored().app(), k -> new java.util.LinkedHashMap<>())
                    .put(c.stored().id(), c.instance());
        }
        List<io.cairn.model.Application> out = new ArrayList<>(byApp.size());
        byApp.forEach((app, instances) -> out.add(new io.cairn.model.Application(app, new ArrayList<>(instances.values()))));
        return out;
    }
}
