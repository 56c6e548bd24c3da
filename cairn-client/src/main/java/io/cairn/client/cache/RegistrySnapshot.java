package io.cairn.client.cache;

import io.cairn.model.ActionType;
import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One immutable state of the registry cache: applications by upper-case name, status counts for Eureka's
 * reconcile hash, and VIP indexes built on first use. Applying changes makes a new snapshot that shares every
 * untouched application with this one, so a delta costs in proportion to what it changes.
 */
public final class RegistrySnapshot {
    /** The snapshot of a client that has not fetched anything yet. */
    public static final RegistrySnapshot EMPTY = new RegistrySnapshot(Map.of(), new int[InstanceStatus.values().length], -1);

    private final Map<String, AppInstances> apps;
    private final int[] counts;
    private final long version;
    private volatile Map<String, List<InstanceInfo>> vips;
    private volatile Map<String, List<InstanceInfo>> secureVips;

    private RegistrySnapshot(Map<String, AppInstances> apps, int[] counts, long version) {
        this.apps = apps;
        this.counts = counts;
        this.version = version;
        if (apps.isEmpty()) {
            // Nothing to index; this also keeps the shared EMPTY snapshot from ever being written to.
            this.vips = Map.of();
            this.secureVips = Map.of();
        }
    }

    /** A snapshot holding exactly {@code instances}. */
    public static RegistrySnapshot of(Collection<InstanceInfo> instances, long version) {
        Map<String, Map<String, InstanceInfo>> byApp = new LinkedHashMap<>();
        for (InstanceInfo i : instances) {
            byApp.computeIfAbsent(key(i.app()), a -> new LinkedHashMap<>()).put(i.id(), i);
        }
        Map<String, AppInstances> apps = new HashMap<>(Math.max(16, byApp.size() * 2));
        int[] counts = new int[InstanceStatus.values().length];
        byApp.forEach((name, m) -> {
            AppInstances a = AppInstances.of(name, m.values());
            a.countInto(counts, 1);
            apps.put(name, a);
        });
        return new RegistrySnapshot(Collections.unmodifiableMap(apps), counts, version);
    }

    /** A snapshot holding the instances of a full-fetch document. */
    public static RegistrySnapshot of(Applications document) {
        return of(document.instances(), document.versionsDelta());
    }

    /** The result of {@link #apply}: the new snapshot and the applications whose instances changed. */
    public record Applied(RegistrySnapshot snapshot, List<AppDiff> diffs) {
    }

    /**
     * This snapshot with {@code changes} applied in order: ADDED and MODIFIED put the instance (by id), DELETED
     * removes it; an application left without instances disappears.
     */
    public Applied apply(List<InstanceChange> changes, long newVersion) {
        Map<String, Map<String, InstanceInfo>> edited = new LinkedHashMap<>();
        for (InstanceChange c : changes) {
            String app = key(c.instance().app());
            Map<String, InstanceInfo> m = edited.computeIfAbsent(app, a -> {
                AppInstances current = apps.get(a);
                Map<String, InstanceInfo> copy = new LinkedHashMap<>();
                if (current != null) {
                    for (InstanceInfo i : current.all()) {
                        copy.put(i.id(), i);
                    }
                }
                return copy;
            });
            if (c.action() == ActionType.DELETED) {
                m.remove(c.instance().id());
            } else {
                m.put(c.instance().id(), c.instance());
            }
        }
        if (edited.isEmpty()) {
            return new Applied(version == newVersion ? this : new RegistrySnapshot(apps, counts, newVersion), List.of());
        }
        Map<String, AppInstances> next = new HashMap<>(apps);
        int[] nextCounts = counts.clone();
        List<AppDiff> diffs = new ArrayList<>();
        edited.forEach((name, m) -> {
            AppInstances before = apps.get(name);
            AppInstances after = m.isEmpty() ? null : AppInstances.of(name, m.values());
            if (before != null) {
                before.countInto(nextCounts, -1);
            }
            if (after != null) {
                after.countInto(nextCounts, 1);
                next.put(name, after);
            } else {
                next.remove(name);
            }
            diff(name, before, after, diffs);
        });
        return new Applied(new RegistrySnapshot(Collections.unmodifiableMap(next), nextCounts, newVersion), diffs);
    }

    /** The applications whose instances differ (in a way that matters to callers) between this and {@code next}. */
    public List<AppDiff> diff(RegistrySnapshot next) {
        List<AppDiff> diffs = new ArrayList<>();
        for (Map.Entry<String, AppInstances> e : apps.entrySet()) {
            diff(e.getKey(), e.getValue(), next.apps.get(e.getKey()), diffs);
        }
        for (Map.Entry<String, AppInstances> e : next.apps.entrySet()) {
            if (!apps.containsKey(e.getKey())) {
                diff(e.getKey(), null, e.getValue(), diffs);
            }
        }
        return diffs;
    }

    private static void diff(String name, AppInstances before, AppInstances after, List<AppDiff> out) {
        List<InstanceInfo> b = before == null ? List.of() : before.all();
        List<InstanceInfo> a = after == null ? List.of() : after.all();
        if (changed(b, a)) {
            out.add(new AppDiff(name, b, a));
        }
    }

    /** Both lists are sorted by id. */
    private static boolean changed(List<InstanceInfo> before, List<InstanceInfo> after) {
        if (before.size() != after.size()) {
            return true;
        }
        for (int i = 0; i < before.size(); i++) {
            if (Instances.differ(before.get(i), after.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** The application named {@code app} (any case), or null. */
    public AppInstances app(String app) {
        return apps.get(key(app));
    }

    /** The upper-case names of every application with instances. */
    public Set<String> appNames() {
        return apps.keySet();
    }

    /** How many instances the snapshot holds, whatever their status. */
    public int size() {
        int n = 0;
        for (int c : counts) {
            n += c;
        }
        return n;
    }

    /** {@code versions__delta} of the last document applied; -1 before any. */
    public long version() {
        return version;
    }

    /** Eureka's reconcile hash of this snapshot, e.g. {@code DOWN_1_UP_3_}. */
    public String hash() {
        return Applications.reconcileHashCode(counts);
    }

    /** The UP instances whose VIP address list contains {@code vip} (case-insensitive). */
    public List<InstanceInfo> byVip(String vip) {
        Map<String, List<InstanceInfo>> index = vips;
        if (index == null) {
            index = vipIndex(false);
            vips = index;
        }
        return index.getOrDefault(vip.trim().toUpperCase(Locale.ROOT), List.of());
    }

    /** The UP instances whose secure VIP address list contains {@code vip} (case-insensitive). */
    public List<InstanceInfo> bySecureVip(String vip) {
        Map<String, List<InstanceInfo>> index = secureVips;
        if (index == null) {
            index = vipIndex(true);
            secureVips = index;
        }
        return index.getOrDefault(vip.trim().toUpperCase(Locale.ROOT), List.of());
    }

    private Map<String, List<InstanceInfo>> vipIndex(boolean secure) {
        Map<String, List<InstanceInfo>> index = new HashMap<>();
        List<String> names = new ArrayList<>(apps.keySet());
        Collections.sort(names);
        for (String name : names) {
            for (InstanceInfo i : apps.get(name).up()) {
                String list = secure ? i.secureVipAddress() : i.vipAddress();
                if (list == null || list.isEmpty()) {
                    continue;
                }
                String[] parts = list.split(",");
                for (int p = 0; p < parts.length; p++) {
                    String k = parts[p].trim().toUpperCase(Locale.ROOT);
                    if (!k.isEmpty() && !listedBefore(parts, p, k)) {
                        index.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
                    }
                }
            }
        }
        index.replaceAll((k, l) -> List.copyOf(l));
        return index;
    }

    private static boolean listedBefore(String[] parts, int p, String k) {
        for (int q = 0; q < p; q++) {
            if (parts[q].trim().equalsIgnoreCase(k)) {
                return true;
            }
        }
        return false;
    }

    /** The whole snapshot as a registry document (what the cache file stores). */
    public Applications toApplications() {
        List<String> names = new ArrayList<>(apps.keySet());
        Collections.sort(names);
        List<Application> list = new ArrayList<>(names.size());
        for (String n : names) {
            list.add(new Application(n, apps.get(n).all()));
        }
        return new Applications(Math.max(version, 1), hash(), list);
    }

    static String key(String app) {
        return app == null ? "" : app.toUpperCase(Locale.ROOT);
    }
}
