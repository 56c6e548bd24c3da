package io.cairn.server.watch;

import io.cairn.server.registry.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The last changes of the registry in a fixed ring, by registry index, for watchers to catch up from. The registry
 * appends under its lock; watchers read without one and notice when what they want has been overwritten.
 */
final class ChangeFeed implements Consumer<Change> {
    private final AtomicReferenceArray<FeedEntry> ring;
    private final int capacity;
    private final EventWriter writer;
    private final Runnable onAppend;
    private volatile long last;

    ChangeFeed(int capacity, long startIndex, EventWriter writer, Runnable onAppend) {
        this.capacity = capacity;
        this.ring = new AtomicReferenceArray<>(capacity);
        this.writer = writer;
        this.onAppend = onAppend;
        this.last = startIndex;
    }

    @Override
    public void accept(Change change) {
        ring.set((int) (change.index() % capacity), new FeedEntry(change, writer));
        last = change.index();
        onAppend.run();
    }

    /** The index of the newest change in the feed. */
    long last() {
        return last;
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
        if (index > end || end - index > capacity) {
            return null;
        }
        List<FeedEntry> out = new ArrayList<>();
        for (long i = index + 1; i <= end; i++) {
            FeedEntry e = ring.get((int) (i % capacity));
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
