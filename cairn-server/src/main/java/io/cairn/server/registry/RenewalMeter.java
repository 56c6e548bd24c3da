package io.cairn.server.registry;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts successful renewals in one-minute buckets from a start time and reports the last complete minute, like
 * Eureka's {@code MeasuredRate}. Buckets roll lazily on the injected clock, so no timer is needed and tests step time.
 */
final class RenewalMeter {
    private static final long MINUTE_MS = 60_000;

    private final long startMs;
    private final LongAdder current = new LongAdder();
    private volatile long currentBucket;
    private volatile long lastMinute;

    RenewalMeter(long startMs) {
        this.startMs = startMs;
    }

    void increment(long now) {
        roll(now);
        current.increment();
    }

    /** Renewals counted in the previous complete minute (0 during the first minute). */
    long lastMinute(long now) {
        roll(now);
        return lastMinute;
    }

    private void roll(long now) {
        long bucket = Math.max(0, (now - startMs) / MINUTE_MS);
        if (bucket == currentBucket) {
            return;
        }
        synchronized (this) {
            long cb = currentBucket;
            if (bucket <= cb) {
                return;
            }
            long finished = current.sumThenReset();
            lastMinute = bucket == cb + 1 ? finished : 0;
            currentBucket = bucket;
        }
    }
}
