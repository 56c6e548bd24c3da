package io.cairn.client.transport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Servers that failed recently and are skipped until their quarantine ends. Unlike Eureka's quarantine (kept until
 * two thirds of the servers are in it), each entry expires on its own, so a recovered server gets traffic back
 * without waiting for others to fail. Thread-safe.
 */
public final class Quarantine {
    private final Clock clock;
    private final Duration duration;
    private final Map<ServiceEndpoint, Instant> until = new ConcurrentHashMap<>();

    public Quarantine(Clock clock, Duration duration) {
        this.clock = clock;
        this.duration = duration;
    }

    /** Quarantines {@code e} from now on for the configured duration. */
    public void add(ServiceEndpoint e) {
        until.put(e, clock.instant().plus(duration));
    }

    /** Lifts the quarantine of {@code e}, after it answered well. */
    public void remove(ServiceEndpoint e) {
        until.remove(e);
    }

    /** True while {@code e} is quarantined. */
    public boolean contains(ServiceEndpoint e) {
        Instant end = until.get(e);
        if (end == null) {
            return false;
        }
        if (!clock.instant().isBefore(end)) {
            until.remove(e, end);
            return false;
        }
        return true;
    }

    /** When the quarantine of {@code e} ends; {@link Instant#MIN} if it is not quarantined. */
    public Instant endOf(ServiceEndpoint e) {
        return until.getOrDefault(e, Instant.MIN);
    }
}
