package io.cairn.server.cache;

import io.cairn.model.codec.EurekaJsonCodec;
import io.cairn.model.codec.EurekaXmlCodec;
import io.cairn.server.regions.RegionMerge;
import io.cairn.server.regions.RemoteRegions;
import io.cairn.server.registry.Registry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * Serialized registry documents, keyed by what they contain and valid for the registry index they were built at.
 * Unlike Eureka's 30-second response cache it never serves stale data: a read gets a document at least as new as the
 * registry was when the read arrived (only the lease times heartbeats move may be up to the refresh interval old). Rebuilds run off the event loop, at most one queued per document, so a burst
 * of changes and reads costs one rebuild, not one per read.
 */
public final class PayloadCache {
    private static final class Slot {
        Payload current;
        CompletableFuture<Payload> queued;
    }

    private final Registry registry;
    private final java.time.Clock clock;
    private final long refreshMs;
    private final RemoteRegions remote;
    private final EurekaJsonCodec json;
    private final EurekaXmlCodec xml;
    private final Executor executor;
    private final Map<PayloadKey, Slot> slots;
    private final LongAdder builds = new LongAdder();
    private final LongAdder hits = new LongAdder();

    /**
     * @param executor   runs rebuilds and compression
     * @param maxEntries bound on cached documents (VIP names are open-ended); least recently used go first
     */
    public PayloadCache(Registry registry, RemoteRegions remote, EurekaJsonCodec json, EurekaXmlCodec xml,
                        Executor executor, int maxEntries, java.time.Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.refreshMs = registry.config().leaseTimesRefreshInterval().toMillis();
        this.remote = remote;
        this.json = json;
        this.xml = xml;
        this.executor = executor;
        this.slots = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<PayloadKey, Slot> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The document for {@code key}, reflecting at least every change completed before this call. */
    public CompletableFuture<Payload> get(PayloadKey key) {
        long required = registry.index();
        long requiredGeneration = key.regions().isEmpty() ? 0 : remote.generation();
        Slot slot;
        synchronized (slots) {
            slot = slots.computeIfAbsent(key, k -> new Slot());
        }
        synchronized (slot) {
            if (slot.current != null && slot.current.index() >= required
                    && slot.current.regionsGeneration() >= requiredGeneration && !leaseTimesStale(slot.current)) {
                hits.increment();
                return CompletableFuture.completedFuture(slot.current);
            }
            if (slot.queued == null) {
                slot.queued = new CompletableFuture<>();
                executor.execute(() -> build(key, slot));
            }
            return slot.queued;
        }
    }

    /** Whether heartbeats since the document was built make its lease times older than allowed. */
    private boolean leaseTimesStale(Payload p) {
        return registry.renewals() != p.renewals() && clock.millis() - p.builtAt() > refreshMs;
    }

    /** Drops the plain copies of large documents that nobody read for {@code idleMs}; the node calls it now and then. */
    public void trim(long idleMs) {
        long idleSince = clock.millis() - idleMs;
        java.util.List<Slot> all;
        synchronized (slots) {
            all = new java.util.ArrayList<>(slots.values());
        }
        for (Slot slot : all) {
            Payload p;
            synchronized (slot) {
                p = slot.current;
            }
            if (p != null) {
                p.dropIdlePlainCopy(idleSince);
            }
        }
    }

    /** The executor rebuilds run on, for compressing payloads. */
    public Executor executor() {
        return executor;
    }

    /** The clock documents are timed by. */
    public java.time.Clock clock() {
        return clock;
    }

    /** Documents built so far. */
    public long builds() {
        return builds.sum();
    }

    /** Reads answered without a rebuild. */
    public long hits() {
        return hits.sum();
    }

    private void build(PayloadKey key, Slot slot) {
        CompletableFuture<Payload> promise;
        synchronized (slot) {
            promise = slot.queued;
            slot.queued = null;
        }
        try {
            Payload p = produce(key);
            synchronized (slot) {
                if (slot.current == null || p.index() > slot.current.index()
                        || p.regionsGeneration() > slot.current.regionsGeneration()
                        || p.builtAt() > slot.current.builtAt()) {
                    slot.current = p;
                }
            }
            builds.increment();
            promise.complete(p);
        } catch (RuntimeException | Error e) {
            promise.completeExceptionally(e);
        }
    }

    private Payload produce(PayloadKey key) {
        long generation = key.regions().isEmpty() ? 0 : remote.generation();
        long renewals = registry.renewals();
        long builtAt = clock.millis();
        Registry.Snapshot s = switch (key.kind()) {
            case FULL -> registry.snapshot();
            case DELTA -> registry.delta();
            case VIP -> registry.byVip(key.name(), false);
            case SVIP -> registry.byVip(key.name(), true);
        };
        io.cairn.model.Applications doc = switch (key.kind()) {
            case FULL -> RegionMerge.full(s, remote.applications(key.regions()));
            case DELTA -> RegionMerge.delta(s, remote.recentChanges(key.regions()),
                    remote.applications(key.regions()));
            default -> s.applications();
        };
        return Payload.write(s.index(), generation, renewals, builtAt, out -> {
            if (key.json()) {
                json.writeApplications(doc, key.compact(), out);
            } else {
                xml.writeApplications(doc, key.v1(), out);
            }
        });
    }
}
