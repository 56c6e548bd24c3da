package io.cairn.server.registry;

import io.cairn.server.config.CairnConfig;

/**
 * Eureka's self-preservation: when fewer renewals arrive than the registry expects, assume the network is at fault
 * rather than the instances, and stop expiring leases. Uses Eureka's formula and strict comparison.
 */
final class SelfPreservation {
    private final boolean enabled;
    private final double renewalPercentThreshold;
    private final int expectedClientRenewalIntervalSeconds;
    private final RenewalMeter meter;
    private int expectedClients;
    private volatile int threshold;

    SelfPreservation(CairnConfig config, long startMs) {
        this.enabled = config.enableSelfPreservation();
        this.renewalPercentThreshold = config.renewalPercentThreshold();
        this.expectedClientRenewalIntervalSeconds = config.expectedClientRenewalIntervalSeconds();
        this.meter = new RenewalMeter(startMs, config.renewsMeasureInterval().toMillis());
        this.expectedClients = config.expectedNumberOfClientsSendingRenews();
        recompute();
    }

    void recordRenewal(long now) {
        meter.increment(now);
    }

    void recordRenewals(long now, int n) {
        meter.add(now, n);
    }

    /** A brand-new lease; like Eureka, the expectation only moves while it is above zero. */
    synchronized void onNewLease() {
        if (expectedClients > 0) {
            expectedClients++;
            recompute();
        }
    }

    synchronized void onLeaseRemoved() {
        if (expectedClients > 0) {
            expectedClients--;
            recompute();
        }
    }

    /**
     * The periodic recount: the registry's size replaces the expectation if it is above the renewal percentage of
     * it (or self-preservation is off), so the expectation may rise freely but drop only slowly.
     */
    synchronized void recount(int registeredInstances) {
        if (!enabled || registeredInstances > renewalPercentThreshold * expectedClients) {
            expectedClients = registeredInstances;
            recompute();
        }
    }

    /** Sets the expectation outright, as at the start of a node after syncing from peers. */
    synchronized void reset(int expected) {
        expectedClients = expected;
        recompute();
    }

    private void recompute() {
        threshold = (int) (expectedClients * (60.0 / expectedClientRenewalIntervalSeconds) * renewalPercentThreshold);
    }

    boolean isLeaseExpirationEnabled(long now) {
        if (!enabled) {
            return true;
        }
        int t = threshold;
        return t > 0 && meter.lastMinute(now) > t;
    }

    synchronized SelfPreservationState state(long now) {
        long renews = meter.lastMinute(now);
        return new SelfPreservationState(enabled, expectedClients, threshold, renews, !isLeaseExpirationEnabled(now));
    }
}
