package io.cairn.client.schedule;

import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket: up to {@code burst} actions at once, refilled at {@code perMinute} tokens a minute. Eureka limits
 * on-demand re-registrations this way (burst 2, 4 a minute). Kept in whole milliseconds of refill time, so it is
 * exact. Thread-safe.
 */
public final class TokenBucket {
    private final Clock clock;
    private final long millisPerToken;
    private final long capacityMillis;
    private long budgetMillis;
    private long lastRefill;

    public TokenBucket(Clock clock, int burst, int perMinute) {
        if (burst < 1 || perMinute < 1) {
            throw new IllegalArgumentException("burst and rate must be positive");
        }
        this.clock = clock;
        this.millisPerToken = Math.max(1, 60_000L / perMinute);
        this.capacityMillis = burst * millisPerToken;
        this.budgetMillis = capacityMillis;
        this.lastRefill = clock.millis();
    }

    /** Takes a token if one is available now. */
    public synchronized boolean tryAcquire() {
        refill();
        if (budgetMillis >= millisPerToken) {
            budgetMillis -= millisPerToken;
            return true;
        }
        return false;
    }

    /** How long until a token is available (zero if one is available now). */
    public synchronized Duration untilAvailable() {
        refill();
        return Duration.ofMillis(Math.max(0, millisPerToken - budgetMillis));
    }

    private void refill() {
        long now = clock.millis();
        if (now > lastRefill) {
            budgetMillis = Math.min(capacityMillis, budgetMillis + (now - lastRefill));
        }
        lastRefill = Math.max(lastRefill, now);
    }
}
