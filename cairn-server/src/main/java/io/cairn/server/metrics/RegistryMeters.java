package io.cairn.server.metrics;

import io.cairn.model.ActionType;
import io.cairn.model.InstanceStatus;
import io.cairn.server.cache.PayloadCache;
import io.cairn.server.registry.Change;
import io.cairn.server.registry.Registry;
import io.cairn.server.watch.WatchHub;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The registry's meters: instances by status, registrations, cancellations and evictions (counted by a registry
 * listener), self-preservation, the delta queue, the payload cache and the watchers held.
 */
final class RegistryMeters {
    private final Counter registrations;
    private final Counter statusChanges;
    private final Counter cancellations;
    private final Counter evictions;
    // The thread running an eviction: deletions made on it are evictions, every other deletion is a cancellation.
    private volatile Thread evicting;

    RegistryMeters(MeterRegistry meters, Registry registry, PayloadCache cache, WatchHub watch) {
        for (InstanceStatus s : InstanceStatus.values()) {
            Gauge.builder("cairn.instances", registry, r -> r.countsByStatus().get(s))
                    .description("Registered instances by status").tag("status", s.name()).register(meters);
        }
        registrations = Counter.builder("cairn.registrations")
                .description("Registrations and re-registrations (ADDED changes), replicated ones included")
                .register(meters);
        statusChanges = Counter.builder("cairn.status.changes")
                .description("Status changes (MODIFIED changes): overrides set or removed, statuses reported")
                .register(meters);
        cancellations = Counter.builder("cairn.cancellations")
                .description("Instances removed by a cancel, replicated ones included").register(meters);
        evictions = Counter.builder("cairn.evictions")
                .description("Instances removed because their lease expired").register(meters);
        registry.addListener(this::onChange);
        FunctionCounter.builder("cairn.renewals", registry, Registry::renewals)
                .description("Heartbeats accepted, over HTTP or in peers' batches and renewal digests (each folded "
                        + "heartbeat counted), replicated ones included").register(meters);

        Gauge.builder("cairn.registry.index", registry, Registry::index)
                .description("The registry index: changes made since start").register(meters);
        Gauge.builder("cairn.self.preservation.active", registry, r -> r.selfPreservation().active() ? 1 : 0)
                .description("1 while self-preservation holds leases from expiring").register(meters);
        Gauge.builder("cairn.self.preservation.enabled", registry, r -> r.selfPreservation().enabled() ? 1 : 0)
                .description("1 when self-preservation is configured on").register(meters);
        Gauge.builder("cairn.self.preservation.renews.threshold", registry,
                        r -> r.selfPreservation().renewsThreshold())
                .description("Renewals per minute needed to keep expiring leases").register(meters);
        Gauge.builder("cairn.self.preservation.expected.clients", registry,
                        r -> r.selfPreservation().expectedClients())
                .description("Clients expected to send renewals").register(meters);
        Gauge.builder("cairn.renews.last.minute", registry, r -> r.selfPreservation().renewsLastMinute())
                .description("Renewals counted in the last complete minute").register(meters);
        Gauge.builder("cairn.delta.queue.size", registry, Registry::deltaQueueSize)
                .description("Changes retained for delta fetches (Eureka's recently-changed queue)").register(meters);

        FunctionCounter.builder("cairn.cache.rebuilds", cache, PayloadCache::builds)
                .description("Registry documents serialized").register(meters);
        FunctionCounter.builder("cairn.cache.hits", cache, PayloadCache::hits)
                .description("Registry reads answered from an up-to-date cached document").register(meters);

        Gauge.builder("cairn.watchers", watch, WatchHub::parkedWatches)
                .description("Watchers held").tag("kind", "long_poll").register(meters);
        Gauge.builder("cairn.watchers", watch, WatchHub::openStreams)
                .description("Watchers held").tag("kind", "stream").register(meters);
    }

    /** Runs {@code evictionRun} so that the deletions it makes are counted as evictions. */
    Runnable countingEvictions(Runnable evictionRun) {
        return () -> {
            evicting = Thread.currentThread();
            try {
                evictionRun.run();
            } finally {
                evicting = null;
            }
        };
    }

    // Called under the registry lock: only counter increments here.
    private void onChange(Change c) {
        if (c.action() == ActionType.ADDED) {
            registrations.increment();
        } else if (c.action() == ActionType.MODIFIED) {
            statusChanges.increment();
        } else if (c.action() == ActionType.DELETED) {
            (Thread.currentThread() == evicting ? evictions : cancellations).increment();
        }
    }
}
