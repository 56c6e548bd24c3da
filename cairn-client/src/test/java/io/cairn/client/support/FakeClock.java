package io.cairn.client.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that only moves when told to. */
public final class FakeClock extends Clock {
    private volatile long millis;

    public FakeClock(long startMillis) {
        this.millis = startMillis;
    }

    public FakeClock() {
        this(1_700_000_000_000L);
    }

    public void advance(Duration d) {
        millis += d.toMillis();
    }

    public void set(long m) {
        millis = m;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
