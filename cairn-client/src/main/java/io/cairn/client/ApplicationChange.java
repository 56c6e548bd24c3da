package io.cairn.client;

import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one application's instances changed, as delivered to a {@link RegistryListener}.
 *
 * @param app    the application name, upper case
 * @param before every instance before the change (any status), sorted by id; empty if the application is new
 * @param after  every instance after the change (any status), sorted by id; empty if the application is gone
 */
public record ApplicationChange(String app, List<InstanceInfo> before, List<InstanceInfo> after) {

    /** Copies the lists. */
    public ApplicationChange {
        Objects.requireNonNull(app, "app");
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    /** Instances present after but not before. */
    public List<InstanceInfo> added() {
        Map<String, InstanceInfo> old = byId(before);
        return after.stream().filter(i -> !old.containsKey(i.id())).toList();
    }

    /** Instances present before but not after. */
    public List<InstanceInfo> removed() {
        Map<String, InstanceInfo> now = byId(after);
        return before.stream().filter(i -> !now.containsKey(i.id())).toList();
    }

    /** Instances present before and after whose state changed (their state after). */
    public List<InstanceInfo> modified() {
        Map<String, InstanceInfo> old = byId(before);
        List<InstanceInfo> out = new ArrayList<>();
        for (InstanceInfo i : after) {
            InstanceInfo was = old.get(i.id());
            if (was != null && io.cairn.client.cache.Instances.differ(was, i)) {
                out.add(i);
            }
        }
        return out;
    }

    /** The UP instances after the change. */
    public List<InstanceInfo> upInstances() {
        return after.stream().filter(i -> i.status() == InstanceStatus.UP).toList();
    }

    private static Map<String, InstanceInfo> byId(List<InstanceInfo> list) {
        Map<String, InstanceInfo> m = new HashMap<>();
        for (InstanceInfo i : list) {
            m.put(i.id(), i);
        }
        return m;
    }
}
