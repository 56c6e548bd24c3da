package io.cairn.server.registry;

import io.cairn.model.InstanceInfo;
import java.time.Clock;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The periodic eviction run. Allows every lease the time by which this run is late (a GC pause or a busy machine
 * must not mass-expire instances), as Eureka does.
 */
public final class EvictionTask implements Runnable {
    private static final System.Logger LOG = System.getLogger(EvictionTask.class.getName());

    private final Registry registry;
    private final Clock clock;
    private final long intervalMs;
    private final RandomGenerator random;
    private long lastRunMs;

    public EvictionTask(Registry registry, Clock clock, long intervalMs, RandomGenerator random) {
        this.registry = registry;
        this.clock = clock;
        this.intervalMs = intervalMs;
        this.random = random;
    }

    @Override
    public void run() {
        runOnce();
    }

    /** Runs one eviction and returns what it evicted. */
    public synchronized List<InstanceInfo> runOnce() {
        long now = clock.millis();
        long compensation = lastRunMs == 0 ? 0 : Math.max(0, now - lastRunMs - intervalMs);
        lastRunMs = now;
        List<InstanceInfo> evicted = registry.evict(compensation, random);
        if (!evicted.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "evicted {0} expired instance(s): {1}", evicted.size(),
                    evicted.stream().limit(10).map(i -> i.app() + "/" + i.id()).toList());
        }
        return evicted;
    }
}
