package io.cairn.client.cache;

import io.cairn.model.ActionType;
import io.cairn.model.Applications;
import io.cairn.model.InstanceInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The client's copy of the registry: the current {@link RegistrySnapshot}, replaced as a whole by full fetches (or
 * a watch reset, or the cache file) and changed by {@link InstanceChange}s, which come from Eureka deltas or from
 * Cairn's watch events alike. Readers take the current snapshot without locking; writers are serialized. Every
 * write that changes some application is reported, in order, to the change consumer.
 *
 * <p>The cache never empties itself on a failure: when every server is down it keeps serving the last good state.
 */
public final class RegistryCache {

    /** Where the current snapshot came from. */
    public enum Source {
        /** Nothing fetched or loaded yet. */
        NONE,
        /** Loaded from the cache file; not yet confirmed by a server. */
        FILE,
        /** Fetched from a server (full fetch, deltas, watch). */
        SERVER
    }

    private final Clock clock;
    private final Consumer<List<AppDiff>> onChange;
    private volatile RegistrySnapshot snapshot = RegistrySnapshot.EMPTY;
    private volatile Source source = Source.NONE;
    private volatile Instant confirmedAt;
    private volatile long generation;

    /** @param onChange receives the applications each write changed; called under the cache's lock, must not block */
    public RegistryCache(Clock clock, Consumer<List<AppDiff>> onChange) {
        this.clock = clock;
        this.onChange = onChange;
    }

    /** The current snapshot. */
    public RegistrySnapshot snapshot() {
        return snapshot;
    }

    /** Where the current snapshot came from. */
    public Source source() {
        return source;
    }

    /** When a server last confirmed the cache (any successful fetch or watch answer); null if never. */
    public Instant confirmedAt() {
        return confirmedAt;
    }

    /** A counter that moves on every write that changed the registry (for the cache file). */
    public long generation() {
        return generation;
    }

    /** Replaces everything with a full-fetch document from a server. */
    public synchronized void replace(Applications document) {
        replace(RegistrySnapshot.of(document), Source.SERVER);
    }

    /** Replaces everything with {@code instances} from a server (a watch reset), keeping the delta version. */
    public synchronized void replace(List<InstanceInfo> instances) {
        replace(RegistrySnapshot.of(instances, snapshot.version()), Source.SERVER);
    }

    /** Loads a document read from the cache file, unless a server has already filled the cache. */
    public synchronized boolean loadFromFile(Applications document) {
        if (source == Source.SERVER) {
            return false;
        }
        replace(RegistrySnapshot.of(document), Source.FILE);
        return true;
    }

    private void replace(RegistrySnapshot next, Source from) {
        List<AppDiff> diffs = snapshot.diff(next);
        snapshot = next;
        source = from;
        if (from == Source.SERVER) {
            confirmedAt = clock.instant();
        }
        publish(diffs);
    }

    /**
     * Applies a Eureka delta document: its instances by {@code actionType} (a missing one counts as MODIFIED),
     * then compares the result's reconcile hash with the delta's {@code apps__hashcode}.
     *
     * @return true if the hashes agree and the delta was applied; false means the cache has drifted, nothing was
     *         applied, and a full fetch must follow
     */
    public synchronized boolean applyDelta(Applications delta) {
        List<InstanceInfo> items = delta.instances();
        List<InstanceChange> changes = new ArrayList<>(items.size());
        for (InstanceInfo i : items) {
            changes.add(new InstanceChange(i.actionType() == null ? ActionType.MODIFIED : i.actionType(), i));
        }
        RegistrySnapshot.Applied applied = snapshot.apply(changes, delta.versionsDelta());
        if (!applied.snapshot().hash().equals(delta.appsHashcode())) {
            // Not kept, and not told to listeners: the full fetch that follows says what really changed (and the
            // next delta repeats these changes if that fetch fails).
            return false;
        }
        commit(applied);
        return true;
    }

    /** Applies changes seen by a watch, in order. */
    public synchronized void apply(List<InstanceChange> changes) {
        commit(snapshot.apply(changes, snapshot.version()));
    }

    /** Records that a server answered and had nothing new. */
    public void confirmed() {
        confirmedAt = clock.instant();
    }

    private void commit(RegistrySnapshot.Applied applied) {
        snapshot = applied.snapshot();
        source = Source.SERVER;
        confirmedAt = clock.instant();
        publish(applied.diffs());
    }

    private void publish(List<AppDiff> diffs) {
        if (!diffs.isEmpty()) {
            generation++;
            onChange.accept(diffs);
        }
    }
}
