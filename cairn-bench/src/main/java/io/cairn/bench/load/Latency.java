package io.cairn.bench.load;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Latencies in microseconds, up to an hour, three significant digits; safe to record from any thread. */
public final class Latency {
    private final Histogram h = new ConcurrentHistogram(3_600_000_000L, 3);

    public void recordMicros(long micros) {
        h.recordValue(Math.max(0, Math.min(micros, 3_600_000_000L)));
    }

    public void recordNanos(long nanos) {
        recordMicros(nanos / 1000);
    }

    public long count() {
        return h.getTotalCount();
    }

    /** The value at percentile {@code p} (0..100), in milliseconds. */
    public double ms(double p) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p) / 1000.0;
    }

    public double maxMs() {
        return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0;
    }

    public double meanMs() {
        return h.getTotalCount() == 0 ? Double.NaN : h.getMean() / 1000.0;
    }

    public void add(Latency other) {
        h.add(other.h);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "n=%d p50=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms",
                count(), ms(50), ms(99), ms(99.9), maxMs());
    }
}
