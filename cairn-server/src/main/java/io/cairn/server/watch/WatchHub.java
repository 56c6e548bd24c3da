package io.cairn.server.watch;

import io.cairn.model.InstanceInfo;
import io.cairn.model.codec.EurekaJsonCodec;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.registry.Registry;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.impl.ContextInternal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cairn's watch API: long polls ({@code GET /eureka/watch}) and server-sent-event streams
 * ({@code GET /eureka/events}) that receive registry changes as they happen. Watchers live on the event loop that
 * accepted them, cost no thread, and are answered by cohort: every change is looked up, filtered and serialized once
 * per index and filter, and the same bytes go to every watcher of the cohort.
 */
public final class WatchHub {
    static final String INDEX_HEADER = "X-Cairn-Index";
    static final String EPOCH_HEADER = "X-Cairn-Epoch";
    private static final CharSequence INDEX = HttpHeaders.createOptimized(INDEX_HEADER);
    private static final CharSequence EPOCH = HttpHeaders.createOptimized(EPOCH_HEADER);
    private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
    private static final CharSequence CACHE_CONTROL = HttpHeaders.createOptimized("Cache-Control");
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream");
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE_ANSWER = {']', '}'};
    /** How often each event loop looks for long polls whose wait ran out: they are answered at most this late. */
    private static final long SWEEP_MS = 50;

    private final Registry registry;
    private final CairnConfig config;
    private final Executor executor;
    private final EventWriter writer;
    private final ChangeFeed feed;
    private final String epoch;
    private final CharSequence epochValue;
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
        this.epochValue = HttpHeaders.createOptimized(epoch);
        this.feed = new ChangeFeed(config.watchHistory(), config.deltaRetention().toMillis(), registry.index(),
                writer, this::signalAll);
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

    /** Event loops holding watcher sets: never more than the node has loops, however many watches came and went. */
    int loopsHeld() {
        return loops.size();
    }

    /** Changes held for watchers to catch up from. */
    public long historySize() {
        return feed.held();
    }

    /** Forgets changes older than the delta retention time; the node calls it with the delta queue's purge. */
    public void purgeHistory(long now) {
        feed.purge(now);
    }

    private void signalAll() {
        // One task per event loop, whatever the number of watchers; a loop with none finds nothing to do.
        for (LoopWatchers l : loops.values()) {
            l.signal();
        }
    }

    /**
     * Counts a held watch against its client's address; false (and nothing counted) when the address already holds
     * as many as it may.
     */
    private boolean holdFor(HttpServerRequest req, Watcher w) {
        String address = req.remoteAddress() == null ? "unknown" : req.remoteAddress().host();
        AtomicInteger n = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (n.incrementAndGet() > config.limits().maxWatchesPerAddress()) {
            n.decrementAndGet();
            return false;
        }
        w.onRelease(() -> perAddress.computeIfPresent(address, (a, c) -> c.decrementAndGet() <= 0 ? null : c));
        return true;
    }

    private static void tooMany(HttpServerRequest req) {
        req.response().setStatusCode(429).putHeader(CONTENT_TYPE, "text/plain; charset=utf-8")
                .putHeader("Retry-After", "5").end("too many watches from this address\n");
    }

    /** The watchers of the event loop this request runs on (each request runs on a duplicate of its loop's context). */
    private LoopWatchers loop() {
        Context ctx = ((ContextInternal) Vertx.currentContext()).unwrap();
        return loops.computeIfAbsent(ctx, c -> new LoopWatchers(c, this::deliver, parked, streaming));
    }

    // ---------------------------------------------------------------- long poll

    /** {@code GET /watch?index=N&wait=30s[&app=A…][&vip=V…][&epoch=E]}. */
    public void longPoll(HttpServerRequest req) {
        WatchRequest w = WatchRequest.parse(req, config);
        Waiter waiter = new Waiter(req, w.filter());
        if (!holdFor(req, waiter)) {
            tooMany(req);
            return;
        }
        LoopWatchers loop = loop();
        HttpServerResponse r = req.response();
        r.endHandler(v -> waiter.release());
        r.closeHandler(v -> {
            loop.unpark(waiter);
            waiter.release();
        });
        if (w.index() == null || (w.epoch() != null && !w.epoch().equals(epoch))) {
            reset(List.of(waiter), w.filter());
            return;
        }
        ChangeFeed.Batch batch = feed.after(w.index(), w.filter());
        if (batch == null) {
            reset(List.of(waiter), w.filter());
            return;
        }
        if (!batch.entries().isEmpty() || w.waitMs() <= 0) {
            answer(req, batch.upTo(), answerBytes(batch));
            return;
        }
        // A change appended from now on signals this loop, whose delivery runs after this handler: none is missed.
        loop.park(waiter, batch.upTo(), System.nanoTime() + w.waitMs() * 1_000_000L);
        if (loop.sweepTimer == -1) {
            Vertx vertx = loop.context.owner();
            loop.sweepTimer = vertx.setPeriodic(SWEEP_MS, id -> {
                sweep(loop);
                if (!loop.hasWaiters()) {
                    vertx.cancelTimer(id);
                    loop.sweepTimer = -1;
                }
            });
        }
    }

    /** Answers the long polls whose wait ran out, with whatever is due by now (a delivery may still be queued). */
    private void sweep(LoopWatchers loop) {
        for (Waiter waiter : loop.expired(System.nanoTime())) {
            Cohort<?> c = waiter.cohort;
            if (c == null || !loop.unpark(waiter)) {
                continue;
            }
            ChangeFeed.Batch batch = feed.after(c.key.index(), c.key.filter());
            if (batch == null) {
                reset(List.of(waiter), waiter.filter);
            } else {
                answer(waiter.request, batch.upTo(), answerBytes(batch));
            }
        }
    }

    private void answer(HttpServerRequest req, long index, byte[] body) {
        answer(req, HttpHeaders.createOptimized(Long.toString(index)), Buffer.buffer(Unpooled.wrappedBuffer(body)));
    }

    private void answer(HttpServerRequest req, CharSequence index, Buffer body) {
        HttpServerResponse r = req.response();
        if (r.ended() || r.closed()) {
            return;
        }
        r.putHeader(CONTENT_TYPE, JSON);
        r.putHeader(CACHE_CONTROL, NO_STORE);
        r.putHeader(INDEX, index);
        r.putHeader(EPOCH, epochValue);
        r.end(body);
    }

    private byte[] answerBytes(ChangeFeed.Batch batch) {
        byte[] head = writer.answerHead(batch.upTo(), epoch, false);
        List<FeedEntry> entries = batch.entries();
        int size = head.length + CLOSE_ANSWER.length + entries.size();
        for (FeedEntry e : entries) {
            size += e.jsonLength();
        }
        byte[] out = new byte[size];
        System.arraycopy(head, 0, out, 0, head.length);
        int at = head.length;
        for (int k = 0; k < entries.size(); k++) {
            if (k > 0) {
                out[at++] = ',';
            }
            FeedEntry e = entries.get(k);
            int len = e.jsonLength();
            System.arraycopy(e.frame(), e.jsonOffset(), out, at, len);
            at += len;
        }
        System.arraycopy(CLOSE_ANSWER, 0, out, at, CLOSE_ANSWER.length);
        at += CLOSE_ANSWER.length;
        return at == out.length ? out : java.util.Arrays.copyOf(out, at);
    }

    /** Answers long polls with every instance the filter matches, from one snapshot taken off the event loop. */
    private void reset(List<Waiter> waiters, WatchFilter filter) {
        Context ctx = Vertx.currentContext();
        CompletableFuture.supplyAsync(() -> resetBody(filter), executor)
                .whenComplete((r, err) -> ctx.runOnContext(v -> {
                    CharSequence index = err != null ? null : HttpHeaders.createOptimized(Long.toString(r.index));
                    for (Waiter w : waiters) {
                        if (err != null) {
                            w.request.response().setStatusCode(500).end();
                        } else {
                            answer(w.request, index, Buffer.buffer(Unpooled.wrappedBuffer(r.body)));
                        }
                    }
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

    /** {@code GET /events?index=N[&app=A…][&vip=V…][&epoch=E]}, resumable with {@code Last-Event-ID}. */
    public void stream(HttpServerRequest req) {
        WatchRequest w = WatchRequest.parse(req, config);
        Long from = w.index();
        String lastEventId = req.getHeader("Last-Event-ID");
        if (lastEventId != null && !lastEventId.isBlank()) {
            from = WatchRequest.parseIndex(lastEventId.trim(), "Last-Event-ID");
        }
        HttpServerResponse r = req.response();
        Stream s = new Stream(r, w.filter());
        if (!holdFor(req, s)) {
            tooMany(req);
            return;
        }
        LoopWatchers loop = loop();
        r.endHandler(v -> s.release());
        r.closeHandler(v -> {
            loop.unfollow(s);
            s.release();
        });
        r.setChunked(true);
        r.putHeader(CONTENT_TYPE, EVENT_STREAM);
        r.putHeader(CACHE_CONTROL, NO_STORE);
        r.putHeader(EPOCH, epochValue);
        r.setWriteQueueMaxSize(config.watchMaxQueuedBytes());
        boolean epochMismatch = w.epoch() != null && !w.epoch().equals(epoch);
        ChangeFeed.Batch batch = from == null || epochMismatch ? null : feed.after(from, w.filter());
        if (batch != null) {
            r.putHeader(INDEX, Long.toString(batch.upTo()));
            r.write(Buffer.buffer(": cairn events, epoch " + epoch + "\n\n"));
            follow(loop, s, batch);
            return;
        }
        Context ctx = Vertx.currentContext();
        CompletableFuture.supplyAsync(() -> resetBody(w.filter()), executor)
                .whenComplete((reset, err) -> ctx.runOnContext(v -> {
                    if (err != null || r.closed()) {
                        r.reset();
                        return;
                    }
                    r.putHeader(INDEX, Long.toString(reset.index));
                    byte[] head = ("id: " + reset.index + "\nevent: reset\ndata: ").getBytes(StandardCharsets.US_ASCII);
                    r.write(Buffer.buffer(Unpooled.wrappedBuffer(head, reset.body, new byte[] {'\n', '\n'})));
                    ChangeFeed.Batch missed = feed.after(reset.index, w.filter());
                    if (missed == null) {
                        r.end();
                        return;
                    }
                    follow(loop, s, missed);
                }));
    }

    /** Sends a new stream what it missed (dropping it if that is more than it may queue), then follows it. */
    private void follow(LoopWatchers loop, Stream s, ChangeFeed.Batch pending) {
        for (FeedEntry e : pending.entries()) {
            if (!write(loop, s, e.frame())) {
                return;
            }
        }
        if (s.response.closed()) {
            return;
        }
        if (loop.follow(s, pending.upTo()) && loop.keepAliveTimer == -1) {
            Vertx vertx = loop.context.owner();
            loop.keepAliveTimer = vertx.setPeriodic(config.watchKeepAlive().toMillis(), id -> {
                if (loop.streams() == 0) {
                    vertx.cancelTimer(id);
                    loop.keepAliveTimer = -1;
                    return;
                }
                for (Stream st : loop.allStreams()) {
                    write(loop, st, KEEP_ALIVE);
                }
            });
        }
    }

    /** Writes to a stream; drops it (and answers false) when its client has fallen too far behind. */
    private boolean write(LoopWatchers loop, Stream s, byte[] bytes) {
        HttpServerResponse r = s.response;
        if (!r.writeQueueFull()) {
            r.write(Buffer.buffer(Unpooled.wrappedBuffer(bytes)));
        }
        if (r.writeQueueFull()) {
            // A consumer this far behind is dropped rather than buffered without bound (resetting the stream frees
            // what was queued); it resumes from its last event id when it reconnects.
            loop.unfollow(s);
            r.reset();
            return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- delivery, on each loop

    private void deliver(LoopWatchers loop) {
        for (Cohort<Waiter> c : loop.waitingCohorts()) {
            ChangeFeed.Batch batch = feed.after(c.key.index(), c.key.filter());
            if (batch == null) {
                List<Waiter> due = loop.dismiss(c);
                reset(due, c.key.filter());
            } else if (!batch.entries().isEmpty()) {
                List<Waiter> due = loop.dismiss(c);
                CharSequence index = HttpHeaders.createOptimized(Long.toString(batch.upTo()));
                byte[] body = answerBytes(batch);
                for (Waiter w : due) {
                    // A wrapper each: Netty releases what it has written, so one buffer cannot go to many.
                    answer(w.request, index, Buffer.buffer(Unpooled.wrappedBuffer(body)));
                }
            } else {
                loop.advanceWaiting(c, batch.upTo());
            }
        }
        for (Cohort<Stream> c : loop.streamCohorts()) {
            ChangeFeed.Batch batch = feed.after(c.key.index(), c.key.filter());
            if (batch == null) {
                // The cohort fell behind the history; its clients reconnect and get a reset.
                for (Stream s : new ArrayList<>(c.members)) {
                    loop.unfollow(s);
                    s.response.end();
                }
                continue;
            }
            if (!batch.entries().isEmpty()) {
                byte[] frames = frames(batch.entries());
                for (Stream s : new ArrayList<>(c.members)) {
                    write(loop, s, frames);
                }
            }
            loop.advance(c, batch.upTo());
        }
    }

    private static byte[] frames(List<FeedEntry> entries) {
        if (entries.size() == 1) {
            return entries.get(0).frame();
        }
        int size = 0;
        for (FeedEntry e : entries) {
            size += e.frame().length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (FeedEntry e : entries) {
            byte[] f = e.frame();
            System.arraycopy(f, 0, out, at, f.length);
            at += f.length;
        }
        return out;
    }
}
