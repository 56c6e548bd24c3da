package io.cairn.server.watch;

import io.cairn.server.registry.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The last changes of the registry, by registry index, for watchers to catch up from: at most a fixed number, and
 * none older than the delta retention time, so that the history never keeps superseded instances alive longer than
 * the delta queue does. The registry appends under its lock; watchers read without one and notice when what they
 * want is no longer held.
 */
final class ChangeFeed implements Consumer<Change> {
    private final AtomicReferenceArray<FeedEntry> ring;
    private final int capacity;
    private final long retentionMs;
    private final EventWriter writer;
    private final Runnable onAppend;
    private volatile long last;
    /** The first index still held; {@code last + 1} when none is. */
    private volatile long oldest;

    ChangeFeed(int capacity, long retentionMs, long startIndex, EventWriter writer, Runnable onAppend) {
        this.capacity = capacity;
        this.retentionMs = retentionMs;
        this.ring = new AtomicReferenceArray<>(capacity);
        this.writer = writer;
        this.onAppend = onAppend;
        this.last = startIndex;
        this.oldest = startIndex + 1;
    }

    @Override
    public void accept(Change change) {
        synchronized (this) {
            long i = change.index();
            ring.set(slot(i), new FeedEntry(change, writer));
            last = i;
            if (i - oldest >= capacity) {
                oldest = i - capacity + 1;
            }
        }
        onAppend.run();
    }

    /** Forgets the changes older than the retention time. */
    synchronized void purge(long now) {
        long first = oldest;
        long end = last;
        while (first <= end) {
            FeedEntry e = ring.get(slot(first));
            if (e != null && e.index() == first && now - e.change().timestamp() <= retentionMs) {
                break;
            }
            ring.compareAndSet(slot(first), e, null);
            first++;
        }
        oldest = first;
    }

    private int slot(long index) {
        return (int) (index % capacity);
    }

    /** The index of the newest change in the feed. */
    long last() {
        return last;
    }

    /** How many changes are held. */
    long held() {
        return last - oldest + 1;
    }

    /** Changes a watcher is due, and the index up to which they are complete. */
    record Batch(long upTo, List<FeedEntry> entries) {
    }

    /**
     * The changes after {@code index} that match {@code filter}, oldest first; null when some of them are no longer
     * held (or {@code index} is ahead of the feed), so the watcher must be reset.
     */
    Batch after(long index, WatchFilter filter) {
        long end = last;
        if (index > end || index + 1 < oldest) {
            return null;
        }
        if (index == end) {
            return new Batch(end, List.of());
        }
        List<FeedEntry> out = new ArrayList<>(Math.min(16, (int) (end - index)));
        for (long i = index + 1; i <= end; i++) {
            FeedEntry e = ring.get(slot(i));
            if (e == null || e.index() != i) {
                return null;
            }
            if (filter.matches(e.change().stored())) {
                out.add(e);
            }
        }
        return new Batch(end, out);
    }
}
