package io.cairn.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A registry document: the applications of a full fetch, a delta or a VIP query, with the delta version and the
 * status-count hash clients use to check that their copy matches the server's.
 *
 * @param versionsDelta {@code versions__delta}: 1 for a full fetch, a counter for deltas, -1 for VIP queries
 * @param appsHashcode  {@code apps__hashcode}, see {@link #reconcileHashCode(Iterable)}
 */
public record Applications(long versionsDelta, String appsHashcode, List<Application> applications) {

    public Applications {
        Objects.requireNonNull(appsHashcode, "appsHashcode");
        applications = List.copyOf(applications);
    }

    /** Every instance of every application, in document order. */
    public List<InstanceInfo> instances() {
        return applications.stream().flatMap(a -> a.instances().stream()).toList();
    }

    /**
     * Eureka's reconcile hash: {@code STATUS_count_} for each status present, ordered by status name, for example
     * {@code DOWN_1_UP_3_}; empty for no instances.
     */
    public static String reconcileHashCode(Iterable<InstanceInfo> instances) {
        int[] counts = new int[InstanceStatus.values().length];
        for (InstanceInfo i : instances) {
            counts[i.status().ordinal()]++;
        }
        return reconcileHashCode(counts);
    }

    /** The reconcile hash from counts indexed by {@link InstanceStatus#ordinal()}. */
    public static String reconcileHashCode(int[] countsByStatusOrdinal) {
        Map<String, Integer> byName = new TreeMap<>();
        for (InstanceStatus s : InstanceStatus.values()) {
            int n = countsByStatusOrdinal[s.ordinal()];
            if (n > 0) {
                byName.put(s.name(), n);
            }
        }
        StringBuilder sb = new StringBuilder();
        byName.forEach((name, n) -> sb.append(name).append('_').append(n).append('_'));
        return sb.toString();
    }
}
