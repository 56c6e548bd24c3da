package io.cairn.client.refresh;

import io.cairn.client.cache.RegistryCache;
import io.cairn.client.cache.RegistryFile;
import io.cairn.client.schedule.Backoff;
import io.cairn.client.transport.EurekaHttp;
import io.cairn.client.transport.Reply;
import io.cairn.client.transport.ServiceEndpoint;
import io.cairn.client.watch.WatchAnswer;
import io.cairn.client.watch.WatchClient;
import io.cairn.client.watch.WatchUnsupportedException;
import io.cairn.model.codec.CodecException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the {@link RegistryCache} current. It starts with a full fetch, then either
 * <ul>
 *   <li>polls deltas every fetch interval, checking each against the server's {@code apps__hashcode} and fetching
 *       everything again when they disagree (Eureka servers), or</li>
 *   <li>when the server answered with Cairn's {@code X-Cairn-Index}, long-polls Cairn's watch API from that index
 *       and applies its events the moment they happen; every reconcile interval one polling step (a delta checked
 *       against the hash) runs in between, and the watch resumes from that step's index, so that a change a watch
 *       might ever miss is healed as it would be with deltas alone.</li>
 * </ul>
 * Both feed the same cache as {@link io.cairn.client.cache.InstanceChange}s. A watch that fails falls back to
 * polling (which fails over to other servers) and is tried again after the next successful fetch; a server
 * without the watch API is not asked again for a while. Failed cycles back off exponentially, and the cache keeps
 * its last good state. Cycles run one after the other on the given executor, never overlapping; the cache file, if
 * any, is written after changes at most once per fetch interval.
 */
public final class RegistryRefresher {
    private static final System.Logger LOG = System.getLogger(RegistryRefresher.class.getName());
    /** How long a server that has no watch API is left alone before the client tries again. */
    static final Duration WATCH_RETRY = Duration.ofMinutes(5);

    private final RegistryCache cache;
    private final EurekaHttp http;
    private final WatchClient watch;
    private final RegistryFile file;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final Duration interval;
    private final Duration watchWait;
    private final Duration reconcileInterval;
    private final Backoff backoff;

    private volatile boolean stopped;
    private volatile WatchPosition position;
    private volatile boolean watching;
    private volatile boolean lastCycleFailed;
    private boolean needFullFetch = true;
    private Instant nextReconcile = Instant.MAX;
    private ServiceEndpoint noWatchServer;
    private Instant noWatchUntil = Instant.MIN;
    private boolean writeScheduled;
    private long writtenGeneration = -1;
    private Instant lastWrite = Instant.MIN;
    private final AtomicLong fullFetches = new AtomicLong();
    private final AtomicLong deltaFetches = new AtomicLong();
    private final AtomicLong watchAnswers = new AtomicLong();

    /**
     * @param watch    null to never use the watch API
     * @param file     null for no cache file
     * @param executor runs the cycles (one at a time) and the file writes
     */
    public RegistryRefresher(RegistryCache cache, EurekaHttp http, WatchClient watch, RegistryFile file,
                             ScheduledExecutorService executor, Clock clock, Duration interval, Duration watchWait,
                             Duration reconcileInterval, Backoff backoff) {
        this.cache = cache;
        this.http = http;
        this.watch = watch;
        this.file = file;
        this.executor = executor;
        this.clock = clock;
        this.interval = interval;
        this.watchWait = watchWait;
        this.reconcileInterval = reconcileInterval;
        this.backoff = backoff;
    }

    /**
     * Fetches the whole registry on the calling thread (falling back to the cache file when no server answers),
     * then schedules the following cycles.
     */
    public void start() {
        Duration next;
        try {
            next = fetch();
        } catch (RuntimeException e) {
            lastCycleFailed = true;
            LOG.log(Level.WARNING, "initial registry fetch failed: {0}", e.getMessage());
            loadFile();
            next = backoff.next();
        }
        persistSoon();
        schedule(next);
    }

    /** Stops scheduling cycles; one in flight finishes (a long poll is interrupted by the executor's shutdown). */
    public void stop() {
        stopped = true;
    }

    /** Writes the cache file now if the registry changed since the last write. */
    public synchronized void flush() {
        if (file == null || cache.generation() == writtenGeneration || cache.source() != RegistryCache.Source.SERVER) {
            return;
        }
        long generation = cache.generation();
        try {
            file.write(cache.snapshot());
            writtenGeneration = generation;
            lastWrite = clock.instant();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not write the registry cache file {0}: {1}", file.path(), e.toString());
        }
    }

    /** True while changes arrive through a watch (one is parked on the server) rather than by polling. */
    public boolean isWatching() {
        return watching;
    }

    /** True if the last attempt to refresh the cache failed (it serves its last good state). */
    public boolean isStale() {
        return lastCycleFailed;
    }

    public long fullFetches() {
        return fullFetches.get();
    }

    public long deltaFetches() {
        return deltaFetches.get();
    }

    public long watchAnswers() {
        return watchAnswers.get();
    }

    // ------------------------------------------------------------------ cycles

    private void schedule(Duration delay) {
        if (!stopped) {
            executor.schedule(this::cycle, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void cycle() {
        if (stopped) {
            return;
        }
        Duration next;
        try {
            WatchPosition p = position;
            next = p != null && clock.instant().isBefore(nextReconcile) ? watchOnce(p) : fetch();
            backoff.reset();
            lastCycleFailed = false;
        } catch (RuntimeException e) {
            watching = false;
            lastCycleFailed = true;
            next = backoff.next();
            if (!stopped) {
                LOG.log(Level.WARNING, "registry refresh failed ({0}); serving the cached registry, next try in {1} ms",
                        e.getMessage(), next.toMillis());
            }
        }
        persistSoon();
        schedule(next);
    }

    /** One polling step: a delta (or a full fetch when needed); returns the delay to the next cycle. */
    Duration fetch() {
        Reply reply;
        if (needFullFetch || cache.source() != RegistryCache.Source.SERVER) {
            reply = fullFetch();
        } else {
            deltaFetches.incrementAndGet();
            Optional<EurekaHttp.Fetched> delta = http.fetchDelta();
            if (delta.isEmpty()) {
                LOG.log(Level.DEBUG, "no delta served; fetching the whole registry");
                reply = fullFetch();
            } else if (!cache.applyDelta(delta.get().applications())) {
                LOG.log(Level.DEBUG, "reconcile hash differs after a delta; fetching the whole registry");
                reply = fullFetch();
            } else {
                reply = delta.get().reply();
            }
        }
        if (watch != null && reply.cairnIndex().isPresent() && watchAllowed(reply.endpoint())) {
            position = new WatchPosition(reply.endpoint(), reply.cairnIndex(), null);
            watching = true;
            nextReconcile = clock.instant().plus(reconcileInterval);
            return Duration.ZERO;
        }
        return interval;
    }

    private Reply fullFetch() {
        fullFetches.incrementAndGet();
        EurekaHttp.Fetched full = http.fetchFull();
        cache.replace(full.applications());
        needFullFetch = false;
        return full.reply();
    }

    private boolean watchAllowed(ServiceEndpoint server) {
        return !server.equals(noWatchServer) || !clock.instant().isBefore(noWatchUntil);
    }

    /** One long poll; returns the delay to the next cycle (zero: poll again at once). */
    private Duration watchOnce(WatchPosition p) {
        WatchAnswer answer;
        try {
            answer = watch.poll(p.server(), p.index(), p.epoch(), watchWait);
        } catch (WatchUnsupportedException e) {
            LOG.log(Level.INFO, "{0}; polling deltas instead", e.getMessage());
            noWatchServer = p.server();
            noWatchUntil = clock.instant().plus(WATCH_RETRY);
            stopWatching();
            return Duration.ZERO;
        } catch (IOException e) {
            http.servers().reportFailure(p.server());
            stopWatching();
            throw new IllegalStateException("watch on " + p.server() + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopWatching();
            throw new IllegalStateException("watch interrupted", e);
        } catch (CodecException e) {
            stopWatching();
            throw e;
        }
        watchAnswers.incrementAndGet();
        if (answer.reset()) {
            cache.replace(answer.events().stream().map(c -> c.instance()).toList());
        } else if (!answer.events().isEmpty()) {
            cache.apply(answer.events());
        } else {
            cache.confirmed();
        }
        position = p.at(answer.index(), answer.epoch());
        watching = true;
        return Duration.ZERO;
    }

    private void stopWatching() {
        position = null;
        watching = false;
    }

    // ------------------------------------------------------------------ cache file

    private void loadFile() {
        if (file == null) {
            return;
        }
        file.read().ifPresent(doc -> {
            if (cache.loadFromFile(doc)) {
                LOG.log(Level.WARNING, "serving the registry from {0} ({1} instances) until a server answers",
                        file.path(), cache.snapshot().size());
            }
        });
    }

    private synchronized void persistSoon() {
        if (file == null || writeScheduled || cache.generation() == writtenGeneration
                || cache.source() != RegistryCache.Source.SERVER) {
            return;
        }
        Duration wait = Duration.between(clock.instant(), lastWrite.plus(interval));
        writeScheduled = true;
        executor.schedule(() -> {
            synchronized (this) {
                writeScheduled = false;
            }
            flush();
        }, wait.isNegative() ? 0 : wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
