package io.cairn.server.registry;

import io.cairn.model.ActionType;
import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.model.LeaseInfo;
import io.cairn.server.config.CairnConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The registry of one node: leases by application and instance id, with Eureka's register, renew, cancel, override
 * and metadata semantics. Every change takes one lock, bumps the registry index and is logged, so that any read
 * (full, delta, hash) sees one consistent instant; heartbeats that change nothing take no lock.
 */
public final class Registry {
    private static final class App {
        final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();
        volatile long lastChangeIndex;
    }

    private final CairnConfig config;
    private final Clock clock;
    private final ConcurrentHashMap<String, App> apps = new ConcurrentHashMap<>();
    private final StatusOverrides overrides;
    private final SelfPreservation selfPreservation;
    private final ChangeLog changeLog;
    private final ReentrantLock lock = new ReentrantLock();
    private final int[] statusCounts = new int[InstanceStatus.values().length];
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.LongAdder renewals = new java.util.concurrent.atomic.LongAdder();
    private final ConcurrentHashMap<Long, LeaseInfo> leaseTerms = new ConcurrentHashMap<>();
    private volatile long index;
    private volatile int size;

    public Registry(CairnConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        long now = clock.millis();
        this.overrides = new StatusOverrides(config.statusOverrideExpiry().toMillis());
        this.selfPreservation = new SelfPreservation(config, now);
        this.changeLog = new ChangeLog(config.deltaRetention().toMillis());
    }

    public CairnConfig config() {
        return config;
    }

    /** Upper-cases an application name as Eureka stores it. */
    public static String appKey(String app) {
        return app.toUpperCase(Locale.ROOT);
    }

    /**
     * Calls {@code listener} after every change, in index order, on the thread that made the change (under the
     * registry lock, so it must be quick and must not call back into the registry's writes).
     */
    public void addListener(Consumer<Change> listener) {
        listeners.add(listener);
    }

    // ---------------------------------------------------------------- writes

    /**
     * Registers (or re-registers) an instance. When the stored copy is dirtier than the incoming one the stored copy
     * is kept and only the lease is refreshed, as in Eureka.
     *
     * @return the instance as stored
     */
    public InstanceInfo register(InstanceInfo incoming, boolean replication) {
        String app = appKey(incoming.app());
        String id = incoming.id();
        long now = clock.millis();
        lock.lock();
        try {
            App a = apps.computeIfAbsent(app, k -> new App());
            Lease existing = a.leases.get(id);
            InstanceInfo registrant = incoming;
            if (existing != null && existing.instance().lastDirtyTimestamp() > incoming.lastDirtyTimestamp()) {
                registrant = existing.instance();
            }
            if (existing == null) {
                checkCapacity(app, a);
                selfPreservation.onNewLease();
            }
            if (registrant.overriddenStatus() != InstanceStatus.UNKNOWN && !overrides.contains(app, id, now)) {
                overrides.put(app, id, registrant.overriddenStatus(), now);
            }
            InstanceStatus override = overrides.get(app, id, now);
            InstanceStatus overridden = override != null ? override : registrant.overriddenStatus();
            InstanceStatus effective = StatusRules.effectiveStatus(registrant, override,
                    existing == null ? null : existing.instance().status(), replication);
            InstanceInfo stored = registrant.toBuilder()
                    .app(app)
                    .leaseInfo(terms(registrant.leaseInfo()))
                    .status(effective)
                    .overriddenStatus(overridden)
                    .actionType(ActionType.ADDED)
                    .lastUpdatedTimestamp(now)
                    .coordinatingDiscoveryServer(false)
                    .build();
            Lease lease = new Lease(stored, now, leaseDurationMs(registrant),
                    existing == null ? 0 : existing.serviceUpTimestamp());
            if (effective == InstanceStatus.UP) {
                lease.markServiceUp(now);
            }
            a.leases.put(id, lease);
            if (existing != null) {
                statusCounts[existing.instance().status().ordinal()]--;
            } else {
                size++;
            }
            statusCounts[effective.ordinal()]++;
            record(a, new Change(index + 1, now, ActionType.ADDED, stored, lease));
            return stored;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A heartbeat. Renews the lease, then applies Eureka's {@code lastDirtyTimestamp} rules: a sender with newer data
     * is told the instance is not found (so that it registers again); a peer with older data gets a conflict and this
     * node's copy.
     *
     * @param lastDirtyTimestamp the sender's dirty time, or null
     * @param peerOverride       the override a peer reports for the instance, or null
     */
    public RenewResult renew(String appName, String id, boolean replication, Long lastDirtyTimestamp,
                             InstanceStatus peerOverride) {
        Lease lease = lease(appName, id);
        if (lease == null) {
            return RenewResult.NOT_FOUND;
        }
        long now = clock.millis();
        InstanceInfo stored = lease.instance();
        InstanceStatus effective = StatusRules.effectiveStatus(stored, overrides.get(stored.app(), id, now),
                stored.status(), replication);
        if (effective == InstanceStatus.UNKNOWN) {
            return RenewResult.NOT_FOUND;
        }
        if (effective != stored.status()) {
            // Eureka changes the status silently here, so clients' hashes stop matching; Cairn records the change.
            stored = changeStatus(appName, id, lease, effective, null, null, now);
            if (stored == null) {
                return RenewResult.NOT_FOUND;
            }
        }
        selfPreservation.recordRenewal(now);
        renewals.increment();
        lease.renew(now);
        if (lastDirtyTimestamp != null && config.syncWhenTimestampDiffers()) {
            long storedDirty = stored.lastDirtyTimestamp();
            if (lastDirtyTimestamp > storedDirty) {
                if (replication && peerOverride != null && peerOverride != InstanceStatus.UNKNOWN) {
                    overrides.put(stored.app(), id, peerOverride, now);
                }
                return RenewResult.NOT_FOUND;
            }
            if (lastDirtyTimestamp < storedDirty && replication) {
                return RenewResult.conflict(lease.decorated(0));
            }
        }
        return RenewResult.RENEWED;
    }

    /**
     * Takes a peer's newer copy of an instance (its answer to a heartbeat that was older), override included, as
     * Eureka's replication does on a 409.
     */
    public InstanceInfo adopt(InstanceInfo peerCopy) {
        lock.lock();
        try {
            if (peerCopy.overriddenStatus() != InstanceStatus.UNKNOWN) {
                overrides.put(appKey(peerCopy.app()), peerCopy.id(), peerCopy.overriddenStatus(), clock.millis());
            }
            return register(peerCopy, true);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts renewals that arrived folded into one (a peer's digest reports how many heartbeats an instance sent),
     * so that self-preservation sees every heartbeat once on every node, as with Eureka's replication.
     */
    public void recordFoldedRenewals(int extra) {
        if (extra > 0) {
            selfPreservation.recordRenewals(clock.millis(), extra);
            renewals.add(extra);
        }
    }

    /** Heartbeats taken since start, over HTTP or from peers (folded ones each counted), replicated ones included. */
    public long renewals() {
        return renewals.sum();
    }

    /** Sets how many clients are expected to renew, as at start after copying the registry from a peer. */
    public void resetExpectedClients(int expected) {
        selfPreservation.reset(expected);
    }

    /** Removes an instance and its override. Returns false when it was not registered. */
    public boolean cancel(String appName, String id, boolean replication) {
        lock.lock();
        try {
            overrides.remove(appKey(appName), id);
            App a = apps.get(appKey(appName));
            Lease lease = a == null ? null : a.leases.get(id);
            if (lease == null) {
                return false;
            }
            remove(a, id, lease, clock.millis());
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts an operator override on an instance. As in Eureka, an override equal to the current status records
     * nothing, and the lease is renewed either way.
     *
     * @return false when the instance is not registered
     */
    public boolean setStatusOverride(String appName, String id, InstanceStatus status, Long lastDirtyTimestamp,
                                     boolean replication) {
        Lease lease = lease(appName, id);
        if (lease == null) {
            return false;
        }
        long now = clock.millis();
        lease.renew(now);
        lock.lock();
        try {
            if (!isCurrent(appName, id, lease)) {
                return false;
            }
            if (lease.instance().status() != status) {
                overrides.put(lease.instance().app(), id, status, now);
                changeStatus(appName, id, lease, status, status, lastDirtyTimestamp, now);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes an operator override; the instance takes {@code newStatus} (Eureka: UNKNOWN, which makes its next
     * heartbeat fail so that it registers again with its real status).
     *
     * @return false when the instance is not registered
     */
    public boolean deleteStatusOverride(String appName, String id, InstanceStatus newStatus, Long lastDirtyTimestamp,
                                        boolean replication) {
        Lease lease = lease(appName, id);
        if (lease == null) {
            return false;
        }
        long now = clock.millis();
        lease.renew(now);
        lock.lock();
        try {
            if (!isCurrent(appName, id, lease)) {
                return false;
            }
            if (overrides.remove(lease.instance().app(), id) != null) {
                changeStatus(appName, id, lease, newStatus, InstanceStatus.UNKNOWN, lastDirtyTimestamp, now);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Merges metadata into an instance, then registers it again as Eureka does (a delta shows it ADDED).
     *
     * @return false when the instance is not registered
     */
    public boolean mergeMetadata(String appName, String id, Map<String, String> metadata) {
        lock.lock();
        try {
            Lease lease = lease(appName, id);
            if (lease == null) {
                return false;
            }
            Map<String, String> merged = new LinkedHashMap<>(lease.instance().metadata());
            merged.putAll(metadata);
            register(lease.instance().toBuilder().metadata(merged).build(), false);
            return true;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- timers

    /**
     * One eviction run: expire leases that ran out, at most the renewal-percentage cap of the registry per run,
     * chosen at random so that no single application is wiped first. Nothing expires while self-preservation holds.
     *
     * @param compensationMs extra time allowed to every lease because this run started late
     * @param random         picks which expired leases go when more than the cap expired
     * @return the instances evicted
     */
    public List<InstanceInfo> evict(long compensationMs, java.util.random.RandomGenerator random) {
        long now = clock.millis();
        overrides.purgeExpired(now);
        if (!selfPreservation.isLeaseExpirationEnabled(now)) {
            return List.of();
        }
        List<String[]> expired = new ArrayList<>();
        apps.forEach((app, a) -> a.leases.forEach((id, lease) -> {
            if (lease.isExpired(now, compensationMs, config.legacyLeaseExpiry())) {
                expired.add(new String[] {app, id});
            }
        }));
        int registrySize = size;
        int cap = registrySize - (int) (registrySize * config.renewalPercentThreshold());
        int toEvict = Math.min(expired.size(), cap);
        List<InstanceInfo> evicted = new ArrayList<>(toEvict);
        for (int i = 0; i < toEvict; i++) {
            int j = i + random.nextInt(expired.size() - i);
            String[] pick = expired.get(j);
            expired.set(j, expired.get(i));
            lock.lock();
            try {
                App a = apps.get(pick[0]);
                Lease lease = a == null ? null : a.leases.get(pick[1]);
                if (lease != null && lease.isExpired(clock.millis(), compensationMs, config.legacyLeaseExpiry())) {
                    evicted.add(remove(a, pick[1], lease, clock.millis()));
                }
            } finally {
                lock.unlock();
            }
        }
        return evicted;
    }

    /** Drops changes older than the delta retention time. */
    public void purgeChangeLog() {
        lock.lock();
        try {
            changeLog.purge(clock.millis());
        } finally {
            lock.unlock();
        }
    }

    /** The periodic recount of how many clients are expected to renew (Eureka's renewal threshold update). */
    public void updateRenewalThreshold() {
        selfPreservation.recount(size);
    }

    // ---------------------------------------------------------------- reads

    /** The registry index: the number of changes made so far. */
    public long index() {
        return index;
    }

    /** The index of the last change to one application, 0 if it never changed. */
    public long applicationIndex(String appName) {
        App a = apps.get(appKey(appName));
        return a == null ? 0 : a.lastChangeIndex;
    }

    /** The number of registered instances. */
    public int size() {
        return size;
    }

    /** One instance, unless it is unknown, or its lease ran out while leases are being expired. */
    public Optional<InstanceInfo> instance(String appName, String id) {
        Lease lease = liveLease(appName, id);
        return lease == null ? Optional.empty() : Optional.of(lease.decorated(0));
    }

    /** The lease of an instance, unless it is unknown or ran out while leases are being expired. */
    private Lease liveLease(String appName, String id) {
        Lease lease = lease(appName, id);
        if (lease == null) {
            return null;
        }
        long now = clock.millis();
        boolean gone = lease.isExpired(now, 0, config.legacyLeaseExpiry())
                && selfPreservation.isLeaseExpirationEnabled(now);
        return gone ? null : lease;
    }

    /**
     * The instance as stored, without its lease written in (no copy is made): for callers that need only its own
     * fields, such as the dirty time and override a renewal digest carries. Empty as {@link #instance} would be.
     */
    public Optional<InstanceInfo> stored(String appName, String id) {
        Lease lease = liveLease(appName, id);
        return lease == null ? Optional.empty() : Optional.of(lease.instance());
    }

    /** Whether an instance is registered, as {@link #instance} would find it, without building its copy. */
    public boolean contains(String appName, String id) {
        return liveLease(appName, id) != null;
    }

    /** The first instance with this id in any application. */
    public Optional<InstanceInfo> instanceById(String id) {
        for (Map.Entry<String, App> e : new TreeMap<>(apps).entrySet()) {
            if (e.getValue().leases.containsKey(id)) {
                Optional<InstanceInfo> found = instance(e.getKey(), id);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The whole registry at one instant, applications in name order, as a full fetch returns it. */
    public Snapshot snapshot() {
        List<Lease> leases = new ArrayList<>(size);
        List<InstanceInfo> states = new ArrayList<>(size);
        List<String> appNames = new ArrayList<>();
        List<Integer> appEnds = new ArrayList<>();
        long at;
        lock.lock();
        try {
            at = index;
            for (Map.Entry<String, App> e : new TreeMap<>(apps).entrySet()) {
                Collection<Lease> ls = e.getValue().leases.values();
                if (ls.isEmpty()) {
                    continue;
                }
                for (Lease l : ls) {
                    leases.add(l);
                    states.add(l.instance());
                }
                appNames.add(e.getKey());
                appEnds.add(leases.size());
            }
        } finally {
            lock.unlock();
        }
        List<Application> out = new ArrayList<>(appNames.size());
        int start = 0;
        int[] counts = new int[InstanceStatus.values().length];
        for (int a = 0; a < appNames.size(); a++) {
            int end = appEnds.get(a);
            List<InstanceInfo> instances = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                InstanceInfo state = states.get(i);
                counts[state.status().ordinal()]++;
                instances.add(leases.get(i).decorate(state, 0));
            }
            out.add(new Application(appNames.get(a), instances));
            start = end;
        }
        return new Snapshot(at, new Applications(1, Applications.reconcileHashCode(counts), out), counts);
    }

    /** One application at one instant, or empty when it has no instances. */
    public Optional<Application> application(String appName) {
        String app = appKey(appName);
        App a = apps.get(app);
        if (a == null) {
            return Optional.empty();
        }
        List<InstanceInfo> instances = new ArrayList<>();
        lock.lock();
        try {
            a.leases.values().forEach(l -> instances.add(l.decorate(l.instance(), 0)));
        } finally {
            lock.unlock();
        }
        return instances.isEmpty() ? Optional.empty() : Optional.of(new Application(app, instances));
    }

    /**
     * The changes within the retention window, each instance once with its latest state and action, together with
     * the hash of the whole registry at the same instant; {@code versions__delta} is the registry index.
     */
    public Snapshot delta() {
        List<Change> changes;
        int[] counts;
        long at;
        lock.lock();
        try {
            changeLog.purge(clock.millis());
            changes = changeLog.all();
            counts = statusCounts.clone();
            at = index;
        } finally {
            lock.unlock();
        }
        return new Snapshot(at, new Applications(at, Applications.reconcileHashCode(counts),
                ChangeLog.latestByApplication(changes)), counts);
    }

    /**
     * The changes retained for delta fetches, without taking the lock: it runs for every delta fetch, and may still
     * count changes that the next purge (every delta retention timer interval) drops.
     */
    public int retainedChanges() {
        return changeLog.size();
    }

    /** The changes retained for delta fetches (Eureka's recently-changed queue), after dropping expired ones. */
    public int deltaQueueSize() {
        lock.lock();
        try {
            changeLog.purge(clock.millis());
            return changeLog.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Instances whose VIP (or secure VIP) list contains {@code vip} exactly, as Eureka's {@code /vips} answers:
     * version -1 and the hash of the instances returned.
     */
    public Snapshot byVip(String vip, boolean secure) {
        Snapshot all = snapshot();
        return new Snapshot(all.index(), Vips.select(all.applications(), vip, secure), all.statusCounts());
    }

    /** The overrides in force, by instance id. */
    public Map<String, InstanceStatus> statusOverrides() {
        return overrides.snapshot();
    }

    public SelfPreservationState selfPreservation() {
        return selfPreservation.state(clock.millis());
    }

    /** Whether leases are being expired now (false while self-preservation holds them). */
    public boolean isLeaseExpirationEnabled() {
        return selfPreservation.isLeaseExpirationEnabled(clock.millis());
    }

    /** Counts of registered instances by status. */
    public Map<InstanceStatus, Integer> countsByStatus() {
        lock.lock();
        try {
            Map<InstanceStatus, Integer> out = new java.util.EnumMap<>(InstanceStatus.class);
            for (InstanceStatus s : InstanceStatus.values()) {
                out.put(s, statusCounts[s.ordinal()]);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- internals

    private Lease lease(String appName, String id) {
        App a = apps.get(appKey(appName));
        return a == null ? null : a.leases.get(id);
    }

    private void checkCapacity(String app, App a) {
        if (size >= config.limits().maxInstances()) {
            throw new RegistryFullException("the registry holds its limit of " + config.limits().maxInstances()
                    + " instances");
        }
        if (a.leases.size() >= config.limits().maxInstancesPerApp()) {
            throw new RegistryFullException(app + " holds its limit of " + config.limits().maxInstancesPerApp()
                    + " instances");
        }
    }

    private boolean isCurrent(String appName, String id, Lease lease) {
        return lease(appName, id) == lease;
    }

    /**
     * The terms an instance asked for, without the timestamps its client sent (the lease owns those): one shared
     * value per distinct pair of interval and duration instead of one object per instance.
     */
    private LeaseInfo terms(LeaseInfo requested) {
        int interval = requested != null && requested.renewalIntervalInSecs() > 0
                ? requested.renewalIntervalInSecs() : LeaseInfo.DEFAULT_RENEWAL_INTERVAL_SECS;
        int duration = requested != null && requested.durationInSecs() > 0
                ? requested.durationInSecs() : LeaseInfo.DEFAULT_DURATION_SECS;
        if (interval == LeaseInfo.DEFAULT_RENEWAL_INTERVAL_SECS && duration == LeaseInfo.DEFAULT_DURATION_SECS) {
            return LeaseInfo.DEFAULT;
        }
        long key = (long) interval << 32 | duration & 0xffffffffL;
        LeaseInfo shared = leaseTerms.get(key);
        if (shared == null) {
            shared = new LeaseInfo(interval, duration, 0, 0, 0, 0);
            if (leaseTerms.size() < 1024) {
                leaseTerms.putIfAbsent(key, shared);
            }
        }
        return shared;
    }

    private long leaseDurationMs(InstanceInfo registrant) {
        LeaseInfo li = registrant.leaseInfo();
        int secs = li != null && li.durationInSecs() > 0 ? li.durationInSecs() : LeaseInfo.DEFAULT_DURATION_SECS;
        return secs * 1000L;
    }

    /** Changes the stored status; returns the new stored instance, or null if the lease is gone. */
    private InstanceInfo changeStatus(String appName, String id, Lease lease, InstanceStatus status,
                                      InstanceStatus overriddenStatus, Long lastDirtyTimestamp, long now) {
        lock.lock();
        try {
            if (!isCurrent(appName, id, lease)) {
                return null;
            }
            InstanceInfo before = lease.instance();
            InstanceInfo.Builder b = before.toBuilder()
                    .status(status)
                    .actionType(ActionType.MODIFIED)
                    .lastUpdatedTimestamp(now);
            if (overriddenStatus != null) {
                b.overriddenStatus(overriddenStatus);
            }
            if (lastDirtyTimestamp != null && lastDirtyTimestamp > before.lastDirtyTimestamp()) {
                b.lastDirtyTimestamp(lastDirtyTimestamp);
            }
            if (status == InstanceStatus.UP) {
                lease.markServiceUp(now);
            }
            InstanceInfo after = b.build();
            lease.instance(after);
            statusCounts[before.status().ordinal()]--;
            statusCounts[status.ordinal()]++;
            record(apps.get(appKey(appName)), new Change(index + 1, now, ActionType.MODIFIED, after, lease));
            return after;
        } finally {
            lock.unlock();
        }
    }

    /** Removes a lease under the lock and records the deletion; returns the instance's last state. */
    private InstanceInfo remove(App a, String id, Lease lease, long now) {
        a.leases.remove(id, lease);
        size--;
        statusCounts[lease.instance().status().ordinal()]--;
        selfPreservation.onLeaseRemoved();
        InstanceInfo deleted = lease.instance().toBuilder()
                .actionType(ActionType.DELETED)
                .lastUpdatedTimestamp(now)
                .build();
        LeaseInfo last = lease.leaseInfo(deleted, now);
        record(a, new Change(index + 1, now, deleted, last));
        return deleted.toBuilder().leaseInfo(last).build();
    }

    /** Records a change made under the lock; it carries the next index. */
    private void record(App a, Change change) {
        long i = ++index;
        assert change.index() == i;
        a.lastChangeIndex = i;
        changeLog.append(change);
        for (Consumer<Change> l : listeners) {
            l.accept(change);
        }
    }

    /**
     * A registry document, the index it reflects, and the counts by status of the whole local registry at that
     * instant (indexed by {@link InstanceStatus#ordinal()}), from which documents that add other regions take their
     * hash.
     */
    public record Snapshot(long index, Applications applications, int[] statusCounts) {
    }
}
