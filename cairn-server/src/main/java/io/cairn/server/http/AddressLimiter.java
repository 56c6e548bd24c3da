package io.cairn.server.http;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address: {@code perSecond} requests a second on average, bursts of twice that. Idle
 * addresses are forgotten when too many are tracked, so the limiter's own memory is bounded too.
 */
final class AddressLimiter {
    private static final int MAX_TRACKED = 100_000;

    private static final class Bucket {
        double tokens;
        long lastMs;
    }

    private final int perSecond;
    private final double burst;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    /** @param perSecond the sustained rate; 0 disables the limit */
    AddressLimiter(int perSecond, Clock clock) {
        this.perSecond = perSecond;
        this.burst = 2.0 * perSecond;
        this.clock = clock;
    }

    boolean tryAcquire(String address) {
        if (perSecond <= 0) {
            return true;
        }
        long now = clock.millis();
        if (buckets.size() > MAX_TRACKED && now - lastSweep >= 1000) {
            // At most once a second: a flood of new addresses must not make every request scan the map.
            lastSweep = now;
            buckets.values().removeIf(b -> {
                synchronized (b) {
                    return b.tokens + (now - b.lastMs) * perSecond / 1000.0 >= burst;
                }
            });
            if (buckets.size() > MAX_TRACKED) {
                // Every tracked address is busy: forgetting them all (each gets a fresh burst) keeps memory bounded.
                buckets.clear();
            }
        }
        Bucket b = buckets.computeIfAbsent(address, a -> {
            Bucket fresh = new Bucket();
            fresh.tokens = burst;
            fresh.lastMs = now;
            return fresh;
        });
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.lastMs) * perSecond / 1000.0);
            b.lastMs = now;
            if (b.tokens < 1) {
                return false;
            }
            b.tokens -= 1;
            return true;
        }
    }
}
