package io.cairn.client.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The order in which one client tries the configured servers: its own zone's servers first, then the next zones of
 * the region's availability-zone list (wrapping around), then any other zone; within a zone the servers are shuffled
 * with the client's own random generator, so that clients spread over the servers of a zone instead of all calling
 * the first one.
 */
public final class EndpointOrder {
    private EndpointOrder() {
    }

    /**
     * @param urlsByZone        configured service URLs per zone, in configuration order
     * @param availabilityZones the region's zones in configured order; zones missing here come last
     * @param ownZone           the client's zone
     * @param preferSameZone    false to keep the availability-zone order without moving the own zone first
     */
    public static List<ServiceEndpoint> order(Map<String, List<String>> urlsByZone, List<String> availabilityZones,
                                              String ownZone, boolean preferSameZone, RandomGenerator random) {
        List<String> azs = new ArrayList<>();
        for (String z : availabilityZones) {
            if (urlsByZone.containsKey(z) && !azs.contains(z)) {
                azs.add(z);
            }
        }
        List<String> others = new ArrayList<>();
        for (String z : urlsByZone.keySet()) {
            if (!azs.contains(z)) {
                others.add(z);
            }
        }
        List<String> zones = new ArrayList<>();
        if (preferSameZone && azs.contains(ownZone)) {
            int start = azs.indexOf(ownZone);
            for (int i = 0; i < azs.size(); i++) {
                zones.add(azs.get((start + i) % azs.size()));
            }
            zones.addAll(others);
        } else if (preferSameZone && others.contains(ownZone)) {
            zones.add(ownZone);
            zones.addAll(azs);
            others.remove(ownZone);
            zones.addAll(others);
        } else {
            zones.addAll(azs);
            zones.addAll(others);
        }

        Map<String, ServiceEndpoint> byUrl = new LinkedHashMap<>();
        Random shuffler = new Random(random.nextLong());
        for (String zone : zones) {
            List<ServiceEndpoint> group = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (String url : urlsByZone.get(zone)) {
                if (url.isBlank()) {
                    continue;
                }
                ServiceEndpoint e = ServiceEndpoint.parse(zone, url);
                String key = e.baseUri().toString();
                if (!byUrl.containsKey(key) && seen.add(key)) {
                    group.add(e);
                }
            }
            Collections.shuffle(group, shuffler);
            for (ServiceEndpoint e : group) {
                byUrl.put(e.baseUri().toString(), e);
            }
        }
        return List.copyOf(byUrl.values());
    }
}
