package io.cairn.server.registry;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts successful renewals in buckets (a minute, as Eureka's {@code MeasuredRate}, unless configured otherwise)
 * from a start time and reports the last complete bucket as a per-minute rate. Buckets roll lazily on the injected
 * clock, so no timer is needed and tests step time.
 */
final class RenewalMeter {
    private static final long MINUTE_MS = 60_000;

    private final long startMs;
    private final long bucketMs;
    private final LongAdder current = new LongAdder();
    private volatile long currentBucket;
    private volatile long lastMinute;

    RenewalMeter(long startMs) {
        this(startMs, MINUTE_MS);
    }

    RenewalMeter(long startMs, long bucketMs) {
        this.startMs = startMs;
        this.bucketMs = bucketMs;
    }

    void increment(long now) {
        roll(now);
        current.increment();
    }

    void add(long now, int n) {
        roll(now);
        current.add(n);
    }

    /** Renewals per minute in the previous complete bucket (0 during the first bucket). */
    long lastMinute(long now) {
        roll(now);
        return bucketMs == MINUTE_MS ? lastMinute : lastMinute * MINUTE_MS / bucketMs;
    }

    private void roll(long now) {
        long bucket = Math.max(0, (now - startMs) / bucketMs);
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
