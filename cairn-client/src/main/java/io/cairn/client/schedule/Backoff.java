package io.cairn.client.schedule;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with jitter for retries after failures: the n-th consecutive failure waits
 * {@code min(max, initial * 2^(n-1))}, of which the upper half is randomized ("equal jitter") so that many clients
 * failing at once do not retry in lockstep. A success resets it. Not thread-safe; each task owns one.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;
    private int failures;

    /**
     * @param initial the delay after the first failure
     * @param max     the longest delay
     * @param random  source of jitter; a generator that always returns 0 gives the lower bound exactly
     */
    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** Records a failure and returns how long to wait before the next attempt. */
    public Duration next() {
        failures++;
        long ceiling = ceilingMillis(failures);
        long half = ceiling / 2;
        return Duration.ofMillis(ceiling - half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }

    /** The delay before randomization for the n-th consecutive failure (n &ge; 1). */
    long ceilingMillis(int n) {
        long d = initial.toMillis();
        for (int i = 1; i < n && d < max.toMillis(); i++) {
            d *= 2;
        }
        return Math.min(d, max.toMillis());
    }

    /** Records a success: the next failure starts from the initial delay again. */
    public void reset() {
        failures = 0;
    }

    /** Consecutive failures so far. */
    public int failures() {
        return failures;
    }
}
