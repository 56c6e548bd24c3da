package io.cairn.server.watch;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The watchers held on one event loop, in cohorts by index and filter. Touched only from that loop, except
 * {@link #signal()}, which any thread may call to have the loop deliver new changes once, however many arrived
 * meanwhile.
 */
final class LoopWatchers {
    /** The event loop's own context: every request on it runs on a duplicate of this one. */
    final Context context;
    private final Map<Cohort.Key, Cohort<Waiter>> waiting = new HashMap<>();
    private final Map<Cohort.Key, Cohort<Stream>> streaming = new HashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Consumer<LoopWatchers> delivery;
    private final AtomicInteger parkedTotal;
    private final AtomicInteger streamsTotal;
    private int streams;
    /** The periodic keep-alive timer of this loop's streams, or -1 while none runs. */
    long keepAliveTimer = -1;
    /** The periodic sweep that answers long polls whose wait ran out, or -1 while none is parked. */
    long sweepTimer = -1;
    /** No parked long poll's wait runs out before this ({@link System#nanoTime()}). */
    private long earliestDeadline = Long.MAX_VALUE;

    /**
     * @param parkedTotal  the node's count of parked long polls, kept up to date by this loop
     * @param streamsTotal the node's count of open streams, likewise
     */
    LoopWatchers(Context context, Consumer<LoopWatchers> delivery, AtomicInteger parkedTotal,
                 AtomicInteger streamsTotal) {
        this.context = context;
        this.delivery = delivery;
        this.parkedTotal = parkedTotal;
        this.streamsTotal = streamsTotal;
    }

    void signal() {
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                scheduled.set(false);
                delivery.accept(this);
            });
        }
    }

    // ---------------------------------------------------------------- long polls

    void park(Waiter w, long index, long deadline) {
        w.deadline = deadline;
        earliestDeadline = Math.min(earliestDeadline, deadline);
        join(waiting, w, new Cohort.Key(index, w.filter));
        parkedTotal.incrementAndGet();
    }

    boolean hasWaiters() {
        return !waiting.isEmpty();
    }

    /**
     * Takes out the long polls whose wait ran out by {@code now}, for their answers. One sweep of every parked long
     * poll, and only when the earliest deadline has come: cheaper than a timer scheduled and cancelled per poll.
     */
    List<Waiter> expired(long now) {
        if (now < earliestDeadline) {
            return List.of();
        }
        List<Waiter> out = new ArrayList<>();
        long next = Long.MAX_VALUE;
        for (Cohort<Waiter> c : waiting.values()) {
            for (Waiter w : c.members) {
                if (w.deadline - now <= 0) {
                    out.add(w);
                } else {
                    next = Math.min(next, w.deadline);
                }
            }
        }
        earliestDeadline = next;
        return out;
    }

    /** Takes a long poll out of its cohort; false if it was not parked (already answered or gone). */
    boolean unpark(Waiter w) {
        if (leave(waiting, w)) {
            parkedTotal.decrementAndGet();
            return true;
        }
        return false;
    }

    List<Cohort<Waiter>> waitingCohorts() {
        return new ArrayList<>(waiting.values());
    }

    /** Takes every long poll of a cohort out, for one answer to all of them. */
    List<Waiter> dismiss(Cohort<Waiter> c) {
        List<Waiter> out = new ArrayList<>(c.members);
        if (waiting.remove(c.key, c)) {
            for (Waiter w : out) {
                w.cohort = null;
            }
            parkedTotal.addAndGet(-out.size());
        }
        return out;
    }

    // ---------------------------------------------------------------- streams

    /** @return whether this is the loop's only stream now (it then needs a keep-alive timer) */
    boolean follow(Stream s, long index) {
        join(streaming, s, new Cohort.Key(index, s.filter));
        streamsTotal.incrementAndGet();
        return ++streams == 1;
    }

    boolean unfollow(Stream s) {
        if (leave(streaming, s)) {
            streamsTotal.decrementAndGet();
            streams--;
            return true;
        }
        return false;
    }

    int streams() {
        return streams;
    }

    List<Cohort<Stream>> streamCohorts() {
        return new ArrayList<>(streaming.values());
    }

    List<Stream> allStreams() {
        List<Stream> out = new ArrayList<>(streams);
        for (Cohort<Stream> c : streaming.values()) {
            out.addAll(c.members);
        }
        return out;
    }

    /** The cohort's members have been sent everything up to {@code index}. */
    void advance(Cohort<Stream> c, long index) {
        move(streaming, c, index);
    }

    /** The cohort's long polls had nothing to be told up to {@code index}; they go on waiting from there. */
    void advanceWaiting(Cohort<Waiter> c, long index) {
        move(waiting, c, index);
    }

    // ---------------------------------------------------------------- cohorts

    private static <W extends Watcher> void join(Map<Cohort.Key, Cohort<W>> map, W w, Cohort.Key key) {
        Cohort<W> c = map.computeIfAbsent(key, Cohort::new);
        c.members.add(w);
        w.cohort = c;
    }

    @SuppressWarnings("unchecked")
    private static <W extends Watcher> boolean leave(Map<Cohort.Key, Cohort<W>> map, W w) {
        Cohort<W> c = (Cohort<W>) w.cohort;
        if (c == null || !c.members.remove(w)) {
            return false;
        }
        w.cohort = null;
        if (c.members.isEmpty()) {
            map.remove(c.key, c);
        }
        return true;
    }

    /** Re-keys a cohort at a later index, merging it into the cohort already there (the smaller one moves). */
    private static <W extends Watcher> void move(Map<Cohort.Key, Cohort<W>> map, Cohort<W> c, long index) {
        if (c.key.index() == index || !map.remove(c.key, c)) {
            return;
        }
        Cohort.Key to = new Cohort.Key(index, c.key.filter());
        Cohort<W> there = map.get(to);
        if (there == null) {
            c.key = to;
            map.put(to, c);
            return;
        }
        Cohort<W> big = there.members.size() >= c.members.size() ? there : c;
        Cohort<W> small = big == there ? c : there;
        for (W w : small.members) {
            w.cohort = big;
        }
        big.members.addAll(small.members);
        small.members.clear();
        big.key = to;
        map.put(to, big);
    }
}
