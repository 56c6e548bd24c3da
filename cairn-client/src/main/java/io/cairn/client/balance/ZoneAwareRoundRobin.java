package io.cairn.client.balance;

import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The default {@link InstanceChooser}: round robin over the UP instances only (never DOWN, OUT_OF_SERVICE,
 * STARTING or UNKNOWN ones), preferring those in the client's own zone while there is any, and honouring the
 * {@code weight} metadata with smooth weighted round robin (an instance of weight 3 gets three calls out of every
 * four next to one of weight 1, interleaved). Each key starts its rotation at a random position, so that clients do
 * not all begin with the same instance. Thread-safe.
 */
public final class ZoneAwareRoundRobin implements InstanceChooser {
    private final String ownZone;
    private final RandomGenerator random;
    private final Map<String, Rotation> rotations = new ConcurrentHashMap<>();

    /**
     * @param ownZone the client's zone, or null to ignore zones
     * @param random  picks each key's starting position
     */
    public ZoneAwareRoundRobin(String ownZone, RandomGenerator random) {
        this.ownZone = ownZone;
        this.random = random;
    }

    @Override
    public Optional<InstanceInfo> choose(String key, List<InstanceInfo> instances) {
        List<InstanceInfo> candidates = candidates(instances);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Rotation r = rotations.computeIfAbsent(key, k -> new Rotation(random.nextInt(1 << 20)));
        return Optional.of(r.next(candidates));
    }

    /** The instances a call may go to: UP, in the own zone if any is, and of positive weight if any is. */
    List<InstanceInfo> candidates(List<InstanceInfo> instances) {
        List<InstanceInfo> up = new ArrayList<>(instances.size());
        for (InstanceInfo i : instances) {
            if (i.status() == InstanceStatus.UP) {
                up.add(i);
            }
        }
        if (ownZone != null) {
            List<InstanceInfo> local = new ArrayList<>(up.size());
            for (InstanceInfo i : up) {
                if (ownZone.equalsIgnoreCase(Zones.zoneOf(i))) {
                    local.add(i);
                }
            }
            if (!local.isEmpty()) {
                up = local;
            }
        }
        List<InstanceInfo> weighted = new ArrayList<>(up.size());
        for (InstanceInfo i : up) {
            if (Zones.weightOf(i) > 0) {
                weighted.add(i);
            }
        }
        return weighted.isEmpty() ? up : weighted;
    }

    /** The rotation state of one key. */
    private static final class Rotation {
        private long counter;
        private List<String> ids = List.of();
        private int[] current = new int[0];

        Rotation(long start) {
            this.counter = start;
        }

        synchronized InstanceInfo next(List<InstanceInfo> candidates) {
            int n = candidates.size();
            int first = Math.max(1, Zones.weightOf(candidates.get(0)));
            boolean uniform = true;
            for (int i = 1; i < n && uniform; i++) {
                uniform = Math.max(1, Zones.weightOf(candidates.get(i))) == first;
            }
            if (uniform) {
                return candidates.get((int) Math.floorMod(counter++, (long) n));
            }
            return smooth(candidates);
        }

        /** Nginx's smooth weighted round robin; the state restarts when the candidates change. */
        private InstanceInfo smooth(List<InstanceInfo> candidates) {
            int n = candidates.size();
            List<String> nowIds = new ArrayList<>(n);
            for (InstanceInfo i : candidates) {
                nowIds.add(i.id());
            }
            if (!nowIds.equals(ids)) {
                ids = nowIds;
                current = new int[n];
            }
            int total = 0;
            int best = 0;
            for (int i = 0; i < n; i++) {
                int w = Math.max(1, Zones.weightOf(candidates.get(i)));
                current[i] += w;
                total += w;
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            return candidates.get(best);
        }
    }
}
