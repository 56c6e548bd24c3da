package io.cairn.server.watch;

import io.cairn.model.InstanceInfo;
import io.cairn.model.codec.EurekaJsonCodec;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.registry.Registry;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cairn's watch API: long polls ({@code GET /eureka/watch}) and server-sent-event streams
 * ({@code GET /eureka/events}) that receive registry changes as they happen. Watchers live on the event loop that
 * accepted them, cost no thread, and share one serialization of every change.
 */
public final class WatchHub {
    static final String INDEX_HEADER = "X-Cairn-Index";
    static final String EPOCH_HEADER = "X-Cairn-Epoch";
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Registry registry;
    private final CairnConfig config;
    private final Executor executor;
    private final EventWriter writer;
    private final ChangeFeed feed;
    private final String epoch;
    private final Map<Context, LoopWatchers> loops = new ConcurrentHashMap<>();
    private final AtomicInteger parked = new AtomicInteger();
    private final AtomicInteger streaming = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    /**
     * @param executor runs resets (whole-registry snapshots) off the event loops
     * @param epoch    names this run of the node; an index is only meaningful with the epoch it came from
     */
    public WatchHub(Registry registry, CairnConfig config, EurekaJsonCodec json, Executor executor, String epoch) {
        this.registry = registry;
        this.config = config;
        this.executor = executor;
        this.writer = new EventWriter(json);
        this.epoch = epoch;
        this.feed = new ChangeFeed(config.watchHistory(), registry.index(), writer, this::signalAll);
        registry.addListener(feed);
    }

    public String epoch() {
        return epoch;
    }

    /** Long polls currently parked. */
    public int parkedWatches() {
        return parked.get();
    }

    /** Event streams currently open. */
    public int openStreams() {
        return streaming.get();
    }

    private void signalAll() {
        for (LoopWatchers l : loops.values()) {
            if (!l.waiters.isEmpty() || !l.streams.isEmpty()) {
                l.signal();
            }
        }
    }

    /**
     * Counts a held watch against its client's address; false (and nothing counted) when the address already holds
     * as many as it may.
     */
    private boolean holdFor(HttpServerRequest req) {
        String address = req.remoteAddress() == null ? "unknown" : req.remoteAddress().host();
        AtomicInteger n = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (n.incrementAndGet() > config.limits().maxWatchesPerAddress()) {
            n.decrementAndGet();
            return false;
        }
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable once = () -> {
            if (released.compareAndSet(false, true)) {
                release(address);
            }
        };
        req.response().endHandler(v -> once.run());
        req.connection().closeHandler(v -> once.run());
        return true;
    }

    private void release(String address) {
        perAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    private static void tooMany(HttpServerRequest req) {
        req.response().setStatusCode(429).putHeader("Content-Type", "text/plain; charset=utf-8")
                .putHeader("Retry-After", "5").end("too many watches from this address\n");
    }

    private LoopWatchers loop() {
        Context ctx = Vertx.currentContext();
        return loops.computeIfAbsent(ctx, c -> new LoopWatchers(c, this::deliver));
    }

    // ---------------------------------------------------------------- long poll

    /** {@code GET /watch?index=N&wait=30s[&app=A…][&vip=V…][&epoch=E]}. */
    public void longPoll(HttpServerRequest req) {
        WatchRequest w = WatchRequest.parse(req, config);
        if (!holdFor(req)) {
            tooMany(req);
            return;
        }
        LoopWatchers loop = loop();
        if (w.index() == null || (w.epoch() != null && !w.epoch().equals(epoch))) {
            reset(req, w.filter());
            return;
        }
        ChangeFeed.Batch batch = feed.after(w.index(), w.filter());
        if (batch == null) {
            reset(req, w.filter());
            return;
        }
        if (!batch.entries().isEmpty()) {
            answer(req, batch.upTo(), answerBytes(batch));
            return;
        }
        Waiter waiter = new Waiter(req, w.filter(), batch.upTo());
        loop.waiters.add(waiter);
        parked.incrementAndGet();
        Vertx vertx = loop.context.owner();
        waiter.timerId = vertx.setTimer(w.waitMs(), id -> {
            if (unpark(loop, waiter)) {
                long upTo = Math.max(waiter.index, feed.last());
                answer(req, upTo, concat(writer.answerHead(upTo, epoch, false), new byte[] {']', '}'}));
            }
        });
        req.response().closeHandler(v -> unpark(loop, waiter));
    }

    private boolean unpark(LoopWatchers loop, Waiter waiter) {
        if (loop.waiters.remove(waiter)) {
            parked.decrementAndGet();
            loop.context.owner().cancelTimer(waiter.timerId);
            return true;
        }
        return false;
    }

    private void answer(HttpServerRequest req, long index, byte[] body) {
        HttpServerResponse r = req.response();
        if (r.ended() || r.closed()) {
            return;
        }
        r.putHeader("Content-Type", "application/json");
        r.putHeader("Cache-Control", "no-store");
        r.putHeader(INDEX_HEADER, Long.toString(index));
        r.putHeader(EPOCH_HEADER, epoch);
        r.end(Buffer.buffer(Unpooled.wrappedBuffer(body)));
    }

    private byte[] answerBytes(ChangeFeed.Batch batch) {
        byte[] head = writer.answerHead(batch.upTo(), epoch, false);
        int size = head.length + 2 + batch.entries().size();
        for (FeedEntry e : batch.entries()) {
            size += e.json().length;
        }
        byte[] out = new byte[size];
        int at = 0;
        System.arraycopy(head, 0, out, at, head.length);
        at += head.length;
        boolean first = true;
        for (FeedEntry e : batch.entries()) {
            if (!first) {
                out[at++] = ',';
            }
            first = false;
            byte[] j = e.json();
            System.arraycopy(j, 0, out, at, j.length);
            at += j.length;
        }
        out[at++] = ']';
        out[at++] = '}';
        return java.util.Arrays.copyOf(out, at);
    }

    /** Answers with every instance the filter matches, from a snapshot taken off the event loop. */
    private void reset(HttpServerRequest req, WatchFilter filter) {
        Context ctx = Vertx.currentContext();
        CompletableFuture.supplyAsync(() -> resetBody(filter), executor)
                .whenComplete((r, err) -> ctx.runOnContext(v -> {
                    if (err != null) {
                        req.response().setStatusCode(500).end();
                        return;
                    }
                    answer(req, r.index, r.body);
                }));
    }

    private record Reset(long index, byte[] body) {
    }

    private Reset resetBody(WatchFilter filter) {
        Registry.Snapshot s = registry.snapshot();
        List<InstanceInfo> matching = new ArrayList<>();
        for (InstanceInfo i : s.applications().instances()) {
            if (filter.matches(i)) {
                matching.add(i);
            }
        }
        return new Reset(s.index(), writer.reset(s.index(), epoch, matching));
    }

    // ---------------------------------------------------------------- streams

    /** {@code GET /events?index=N[&app=A…][&vip=V…]}, resumable with {@code Last-Event-ID}. */
    public void stream(HttpServerRequest req) {
        WatchRequest w = WatchRequest.parse(req, config);
        if (!holdFor(req)) {
            tooMany(req);
            return;
        }
        Long from = w.index();
        String lastEventId = req.getHeader("Last-Event-ID");
        if (lastEventId != null && !lastEventId.isBlank()) {
            from = WatchRequest.parseIndex(lastEventId.trim(), "Last-Event-ID");
        }
        boolean epochMismatch = w.epoch() != null && !w.epoch().equals(epoch);
        LoopWatchers loop = loop();
        HttpServerResponse r = req.response();
        r.setChunked(true);
        r.putHeader("Content-Type", "text/event-stream");
        r.putHeader("Cache-Control", "no-store");
        r.putHeader(EPOCH_HEADER, epoch);
        r.setWriteQueueMaxSize(config.watchMaxQueuedBytes());
        ChangeFeed.Batch batch = from == null || epochMismatch ? null : feed.after(from, w.filter());
        if (batch != null) {
            r.putHeader(INDEX_HEADER, Long.toString(batch.upTo()));
            r.write(Buffer.buffer(": cairn events, epoch " + epoch + "\n\n"));
            register(loop, new Stream(r, w.filter(), batch.upTo()), batch);
            return;
        }
        Context ctx = Vertx.currentContext();
        CompletableFuture.supplyAsync(() -> resetBody(w.filter()), executor)
                .whenComplete((reset, err) -> ctx.runOnContext(v -> {
                    if (err != null || r.closed()) {
                        r.reset();
                        return;
                    }
                    r.putHeader(INDEX_HEADER, Long.toString(reset.index));
                    byte[] head = ("id: " + reset.index + "\nevent: reset\ndata: ").getBytes(StandardCharsets.US_ASCII);
                    r.write(Buffer.buffer(Unpooled.wrappedBuffer(concat(head, reset.body, new byte[] {'\n', '\n'}))));
                    ChangeFeed.Batch missed = feed.after(reset.index, w.filter());
                    if (missed == null) {
                        r.end();
                        return;
                    }
                    register(loop, new Stream(r, w.filter(), missed.upTo()), missed);
                }));
    }

    private void register(LoopWatchers loop, Stream s, ChangeFeed.Batch pending) {
        for (FeedEntry e : pending.entries()) {
            s.response.write(Buffer.buffer(Unpooled.wrappedBuffer(e.sseFrame())));
        }
        if (s.response.closed()) {
            return;
        }
        boolean first = loop.streams.isEmpty();
        loop.streams.add(s);
        streaming.incrementAndGet();
        s.response.closeHandler(v -> {
            if (loop.streams.remove(s)) {
                streaming.decrementAndGet();
            }
        });
        if (first) {
            Vertx vertx = loop.context.owner();
            vertx.setPeriodic(config.watchKeepAlive().toMillis(), id -> {
                if (loop.streams.isEmpty()) {
                    vertx.cancelTimer(id);
                    return;
                }
                for (Stream st : loop.streamsSnapshot()) {
                    write(loop, st, KEEP_ALIVE);
                }
            });
        }
    }

    private void write(LoopWatchers loop, Stream s, byte[] bytes) {
        if (!s.response.writeQueueFull()) {
            s.response.write(Buffer.buffer(Unpooled.wrappedBuffer(bytes)));
        }
        if (s.response.writeQueueFull()) {
            // A consumer this far behind is dropped rather than buffered without bound (resetting the stream frees
            // what was queued); it resumes from its last event id when it reconnects.
            if (loop.streams.remove(s)) {
                streaming.decrementAndGet();
            }
            s.response.reset();
        }
    }

    // ---------------------------------------------------------------- delivery, on each loop

    /** What one batch of changes means for every unfiltered watcher that was at the same index. */
    private record Outcome(boolean reset, long upTo, byte[] body) {
        static final Outcome RESET = new Outcome(true, 0, null);
        static final Outcome NOTHING = new Outcome(false, 0, null);
    }

    private Outcome outcome(long index, WatchFilter filter, boolean stream) {
        ChangeFeed.Batch batch = feed.after(index, filter);
        if (batch == null) {
            return Outcome.RESET;
        }
        if (batch.entries().isEmpty()) {
            return stream ? new Outcome(false, batch.upTo(), new byte[0]) : Outcome.NOTHING;
        }
        return new Outcome(false, batch.upTo(), stream ? frames(batch.entries()) : answerBytes(batch));
    }

    private void deliver(LoopWatchers loop) {
        // Watchers without a filter that were at the same index get the very same bytes.
        Map<Long, Outcome> shared = new HashMap<>();
        for (Waiter w : loop.waitersSnapshot()) {
            Outcome o = w.filter.isAll()
                    ? shared.computeIfAbsent(w.index, i -> outcome(i, WatchFilter.ALL, false))
                    : outcome(w.index, w.filter, false);
            if (o.reset()) {
                if (unpark(loop, w)) {
                    reset(w.request, w.filter);
                }
            } else if (o.body() != null && unpark(loop, w)) {
                answer(w.request, o.upTo(), o.body());
            }
        }
        shared.clear();
        for (Stream s : loop.streamsSnapshot()) {
            Outcome o = s.filter.isAll()
                    ? shared.computeIfAbsent(s.sentUpTo, i -> outcome(i, WatchFilter.ALL, true))
                    : outcome(s.sentUpTo, s.filter, true);
            if (o.reset()) {
                // The stream fell too far behind the history; the client reconnects and gets a reset.
                if (loop.streams.remove(s)) {
                    streaming.decrementAndGet();
                }
                s.response.end();
                continue;
            }
            s.sentUpTo = o.upTo();
            if (o.body().length > 0) {
                write(loop, s, o.body());
            }
        }
    }

    private static byte[] frames(List<FeedEntry> entries) {
        if (entries.size() == 1) {
            return entries.get(0).sseFrame();
        }
        int size = 0;
        for (FeedEntry e : entries) {
            size += e.sseFrame().length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (FeedEntry e : entries) {
            byte[] f = e.sseFrame();
            System.arraycopy(f, 0, out, at, f.length);
            at += f.length;
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] p : parts) {
            size += p.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
