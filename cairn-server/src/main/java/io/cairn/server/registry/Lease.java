package io.cairn.server.registry;

import io.cairn.model.InstanceInfo;
import io.cairn.model.LeaseInfo;

/**
 * The server's record of one registered instance: the stored instance and its lease times. The instance is replaced
 * only under the registry lock; the renewal time is written by heartbeats without it.
 */
final class Lease {
    private volatile InstanceInfo instance;
    private final long registrationTimestamp;
    private final long durationMs;
    private volatile long lastRenewalTimestamp;
    private volatile long serviceUpTimestamp;
    private volatile boolean renewedOnce;

    Lease(InstanceInfo instance, long now, long durationMs, long serviceUpTimestamp) {
        this.instance = instance;
        this.registrationTimestamp = now;
        this.lastRenewalTimestamp = now;
        this.durationMs = durationMs;
        this.serviceUpTimestamp = serviceUpTimestamp;
    }

    InstanceInfo instance() {
        return instance;
    }

    void instance(InstanceInfo replacement) {
        this.instance = replacement;
    }

    long registrationTimestamp() {
        return registrationTimestamp;
    }

    long lastRenewalTimestamp() {
        return lastRenewalTimestamp;
    }

    long serviceUpTimestamp() {
        return serviceUpTimestamp;
    }

    long durationMs() {
        return durationMs;
    }

    void renew(long now) {
        lastRenewalTimestamp = now;
        renewedOnce = true;
    }

    /** Eureka marks the service up only the first time it is seen UP. */
    void markServiceUp(long now) {
        if (serviceUpTimestamp == 0) {
            serviceUpTimestamp = now;
        }
    }

    /**
     * Whether the lease has run out at {@code now}, allowing {@code extraMs} for a late eviction run. Cairn expires a
     * lease one duration after the last renewal; Eureka, once renewed, waits two ({@code legacy}).
     */
    boolean isExpired(long now, long extraMs, boolean legacy) {
        long window = legacy && renewedOnce ? 2 * durationMs : durationMs;
        return now > lastRenewalTimestamp + window + extraMs;
    }

    /** The stored instance with this lease written into its {@code leaseInfo}. */
    InstanceInfo decorated(long evictionTimestamp) {
        return decorate(instance, evictionTimestamp);
    }

    /** {@code i}, a state of this lease's instance, with this lease written into its {@code leaseInfo}. */
    InstanceInfo decorate(InstanceInfo i, long evictionTimestamp) {
        return i.toBuilder().leaseInfo(leaseInfo(i, evictionTimestamp)).build();
    }

    /** This lease as Eureka reports it, with the renewal interval {@code i} asked for. */
    LeaseInfo leaseInfo(InstanceInfo i, long evictionTimestamp) {
        LeaseInfo requested = i.leaseInfo();
        int interval = requested != null && requested.renewalIntervalInSecs() > 0
                ? requested.renewalIntervalInSecs() : LeaseInfo.DEFAULT_RENEWAL_INTERVAL_SECS;
        return new LeaseInfo(interval, (int) (durationMs / 1000), registrationTimestamp, lastRenewalTimestamp,
                evictionTimestamp, serviceUpTimestamp);
    }
}
