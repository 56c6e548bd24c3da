package io.cairn.server.regions;

import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.InstanceInfo;
import io.cairn.server.registry.Registry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the documents of reads that include other regions: local applications plus the regions' instances. */
public final class RegionMerge {
    private RegionMerge() {
    }

    /** The whole registry plus the regions' applications (an application present in both gets both sets). */
    public static Applications full(Registry.Snapshot local, List<Application> remote) {
        if (remote.isEmpty()) {
            return local.applications();
        }
        Map<String, List<InstanceInfo>> byApp = new LinkedHashMap<>();
        for (Application a : local.applications().applications()) {
            byApp.put(a.name(), new ArrayList<>(a.instances()));
        }
        for (Application a : remote) {
            byApp.computeIfAbsent(a.name(), k -> new ArrayList<>()).addAll(a.instances());
        }
        List<Application> out = new ArrayList<>(byApp.size());
        byApp.forEach((name, instances) -> out.add(new Application(name, instances)));
        return new Applications(local.applications().versionsDelta(), hash(local.statusCounts(), remote), out);
    }

    /**
     * The local delta plus the regions' recent changes, with the hash of the local registry and the regions taken
     * together, as a client that fetched both computes it.
     */
    public static Applications delta(Registry.Snapshot localDelta, List<InstanceInfo> remoteChanges,
                                     List<Application> remoteNow) {
        if (remoteChanges.isEmpty() && remoteNow.isEmpty()) {
            return localDelta.applications();
        }
        Map<String, Map<String, InstanceInfo>> byApp = new LinkedHashMap<>();
        for (Application a : localDelta.applications().applications()) {
            Map<String, InstanceInfo> m = byApp.computeIfAbsent(a.name(), k -> new LinkedHashMap<>());
            a.instances().forEach(i -> m.put(i.id(), i));
        }
        for (InstanceInfo i : remoteChanges) {
            byApp.computeIfAbsent(i.app(), k -> new LinkedHashMap<>()).put(i.id(), i);
        }
        List<Application> out = new ArrayList<>(byApp.size());
        byApp.forEach((name, m) -> out.add(new Application(name, new ArrayList<>(m.values()))));
        return new Applications(localDelta.applications().versionsDelta(),
                hash(localDelta.statusCounts(), remoteNow), out);
    }

    private static String hash(int[] localCounts, List<Application> remote) {
        int[] counts = localCounts.clone();
        for (Application a : remote) {
            for (InstanceInfo i : a.instances()) {
                counts[i.status().ordinal()]++;
            }
        }
        return Applications.reconcileHashCode(counts);
    }

}
