package io.cairn.client.cache;

import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The instances of one application in a registry snapshot, immutable: all of them and the UP ones, both sorted by
 * instance id so that round robin over them is stable from one snapshot to the next.
 *
 * @param name the application name, upper case
 * @param all  every instance, whatever its status
 * @param up   the instances whose status is UP (the same list as {@code all} when all are UP)
 */
public record AppInstances(String name, List<InstanceInfo> all, List<InstanceInfo> up) {

    private static final Comparator<InstanceInfo> BY_ID = Comparator.comparing(InstanceInfo::id,
            Comparator.nullsFirst(Comparator.naturalOrder()));

    /** The application {@code name} holding {@code instances} (any order, ids distinct). */
    public static AppInstances of(String name, Collection<InstanceInfo> instances) {
        InstanceInfo[] sorted = instances.toArray(new InstanceInfo[0]);
        Arrays.sort(sorted, BY_ID);
        List<InstanceInfo> all = List.of(sorted);
        int upCount = 0;
        for (InstanceInfo i : sorted) {
            if (i.status() == InstanceStatus.UP) {
                upCount++;
            }
        }
        if (upCount == sorted.length) {
            return new AppInstances(name, all, all);
        }
        List<InstanceInfo> up = new ArrayList<>(upCount);
        for (InstanceInfo i : sorted) {
            if (i.status() == InstanceStatus.UP) {
                up.add(i);
            }
        }
        return new AppInstances(name, all, List.copyOf(up));
    }

    /** Adds this application's instance counts per status to {@code counts} (indexed by status ordinal). */
    void countInto(int[] counts, int sign) {
        for (InstanceInfo i : all) {
            counts[i.status().ordinal()] += sign;
        }
    }
}
