package io.cairn.server.cluster;

import io.cairn.model.InstanceInfo;
import io.cairn.server.config.CairnConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * Replication toward one peer: a bounded queue of pending operations, sent in batches (one batch in flight, so a
 * peer sees this node's operations in order), with Eureka's retry rules. Heartbeats go to a Cairn peer as a periodic
 * renewal digest instead of one replicated operation each.
 */
final class PeerNode {
    private static final System.Logger LOG = System.getLogger(PeerNode.class.getName());
    private static final long CONGESTION_PAUSE_MS = 1000;
    private static final long MIN_TRANSIENT_PAUSE_MS = 100;
    private static final long MAX_TRANSIENT_PAUSE_MS = 5000;

    /** What replies from a peer may require of this node. */
    interface Repairs {
        /** A Register task carrying this node's copy, or null if the instance is gone. */
        ReplicationTask registerTask(String app, String id);

        /** Takes a peer's newer copy of an instance. */
        void adopt(InstanceInfo peerCopy);

        /** This node's dirty time and override for an instance, or null if it is gone. */
        ReplicationCodec.Renewal renewal(String app, String id, int count);
    }

    enum Kind { UNKNOWN, CAIRN, EUREKA }

    private final String url;
    /** Where requests go and with which credentials; {@link #shown} is what logs and the peers view show. */
    private final PeerAddress address;
    private final String shown;
    private final HttpClient http;
    private final ScheduledExecutorService timers;
    private final CairnConfig.Cluster config;
    private final Clock clock;
    private final ReplicationCodec codec;
    private final Repairs repairs;

    private final LinkedHashMap<String, ReplicationTask> pending = new LinkedHashMap<>();
    private boolean flushScheduled;
    private boolean inFlight;
    private boolean closed;
    private long pauseUntil;
    private long transientPause = MIN_TRANSIENT_PAUSE_MS;

    private final ConcurrentHashMap<String, int[]> renewals = new ConcurrentHashMap<>();
    private volatile Kind kind = Kind.UNKNOWN;
    private volatile boolean healthy = true;
    private volatile long lastSuccess;
    private volatile long lastFailure;
    private volatile String lastError;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    // Replication round trips (batches and digests) that got an answer, and their total time, for the metrics.
    private final AtomicLong exchanges = new AtomicLong();
    private final AtomicLong exchangeNanos = new AtomicLong();

    PeerNode(String url, String peerToken, HttpClient http, ScheduledExecutorService timers, CairnConfig.Cluster config, Clock clock,
             ReplicationCodec codec, Repairs repairs) {
        this.url = url;
        this.address = PeerAddress.of(url, peerToken);
        this.shown = PeerAddress.masked(url);
        this.http = http;
        this.timers = timers;
        this.config = config;
        this.clock = clock;
        this.codec = codec;
        this.repairs = repairs;
    }

    /** Adds this peer's credentials, if any, to a request. */
    private HttpRequest.Builder authorized(HttpRequest.Builder b) {
        if (address.authorization() != null) {
            b.header("Authorization", address.authorization());
        }
        return b;
    }

    String url() {
        return url;
    }

    Kind kind() {
        return kind;
    }

    /** Queues an operation; a pending one with the same key is replaced, and the oldest goes when the queue is full. */
    void enqueue(ReplicationTask task) {
        synchronized (this) {
            if (closed) {
                return;
            }
            pending.remove(task.key());
            pending.put(task.key(), task);
            while (pending.size() > config.queueSize()) {
                Iterator<ReplicationTask> it = pending.values().iterator();
                it.next();
                it.remove();
                dropped.incrementAndGet();
            }
            scheduleFlush(config.batchDelay().toMillis());
        }
    }

    /** A heartbeat of one of this node's own clients. */
    void renewed(String app, String id) {
        if (kind == Kind.CAIRN) {
            renewals.merge(app + '\u0000' + id, new int[] {1}, (a, b) -> {
                a[0]++;
                return a;
            });
        } else {
            ReplicationCodec.Renewal r = repairs.renewal(app, id, 1);
            if (r != null) {
                enqueue(new ReplicationTask("Heartbeat", app, id, r.lastDirtyTimestamp(), null,
                        r.overriddenStatus(), null, clock.millis() + config.maxTimeForReplication().toMillis()));
            }
        }
    }

    void close() {
        synchronized (this) {
            closed = true;
            pending.clear();
        }
    }

    PeerState state() {
        int queued;
        synchronized (this) {
            queued = pending.size();
        }
        return new PeerState(shown, kind.name(), healthy, queued + renewals.size(), lastSuccess, lastFailure, lastError,
                sent.get(), failed.get(), dropped.get(), bytesSent.get(), exchanges.get(), exchangeNanos.get());
    }

    /** Asks the peer whether it is Cairn; Cairn answers every Eureka read with its registry index. */
    void probe() {
        HttpRequest req = authorized(HttpRequest.newBuilder(URI.create(address.base() + "apps/delta")))
                .timeout(config.readTimeout()).header("Accept", "application/json")
                .header(PeerSync.PEER_HEADER, "true").GET().build();
        http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, err) -> {
            if (err == null) {
                learnKind(r);
                succeeded();
            } else {
                failed(err);
            }
        });
    }

    // ---------------------------------------------------------------- batches

    private void scheduleFlush(long delayMs) {
        if (flushScheduled || inFlight || closed || pending.isEmpty()) {
            return;
        }
        flushScheduled = true;
        long wait = Math.max(delayMs, pauseUntil - clock.millis());
        timers.schedule(this::flush, Math.max(0, wait), TimeUnit.MILLISECONDS);
    }

    private void flush() {
        List<ReplicationTask> batch = new ArrayList<>();
        synchronized (this) {
            flushScheduled = false;
            if (closed || inFlight) {
                return;
            }
            long now = clock.millis();
            Iterator<ReplicationTask> it = pending.values().iterator();
            while (it.hasNext() && batch.size() < config.batchSize()) {
                ReplicationTask t = it.next();
                it.remove();
                if (t.expiresAt() < now) {
                    dropped.incrementAndGet();
                } else {
                    batch.add(t);
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            inFlight = true;
        }
        byte[] body = codec.batch(batch);
        boolean compress = kind == Kind.CAIRN;
        HttpRequest.Builder req = authorized(HttpRequest.newBuilder(URI.create(address.base() + "peerreplication/batch/")))
                .timeout(config.readTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("DiscoveryIdentity-Name", "DefaultServer")
                .header("DiscoveryIdentity-Version", "1.0");
        byte[] wire = compress ? gzip(body) : body;
        if (compress) {
            req.header("Content-Encoding", "gzip");
        }
        bytesSent.addAndGet(wire.length);
        long started = System.nanoTime();
        http.sendAsync(req.POST(HttpRequest.BodyPublishers.ofByteArray(wire)).build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .whenComplete((r, err) -> {
                    answered(err, started);
                    try {
                        handleBatch(batch, r, err);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.ERROR, "handling replication answer from " + shown, e);
                    } finally {
                        synchronized (this) {
                            inFlight = false;
                            scheduleFlush(0);
                        }
                    }
                });
    }

    private void handleBatch(List<ReplicationTask> batch, HttpResponse<byte[]> r, Throwable err) {
        if (err != null) {
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            failed(cause);
            boolean congestion = cause instanceof HttpTimeoutException;
            long pause = congestion ? CONGESTION_PAUSE_MS : transientPause;
            if (!congestion) {
                transientPause = Math.min(MAX_TRANSIENT_PAUSE_MS, transientPause * 2);
            }
            requeue(batch, pause);
            return;
        }
        learnKind(r);
        if (r.statusCode() == 503) {
            failed(new IOException("peer answered 503"));
            requeue(batch, CONGESTION_PAUSE_MS);
            return;
        }
        if (r.statusCode() / 100 != 2) {
            failed(new IOException("peer answered " + r.statusCode() + "; " + batch.size() + " operation(s) dropped"));
            dropped.addAndGet(batch.size());
            return;
        }
        succeeded();
        List<ReplicationCodec.ItemResult> results = codec.batchResult(r.body());
        for (int i = 0; i < batch.size(); i++) {
            ReplicationTask t = batch.get(i);
            int code = i < results.size() ? results.get(i).statusCode() : 0;
            if (code / 100 == 2) {
                sent.incrementAndGet();
                continue;
            }
            if ("Heartbeat".equals(t.action()) && code == 404) {
                ReplicationTask register = repairs.registerTask(t.app(), t.id());
                if (register != null) {
                    enqueue(register);
                }
            } else if ("Heartbeat".equals(t.action()) && results.get(i).entity() != null) {
                repairs.adopt(results.get(i).entity());
            } else {
                dropped.incrementAndGet();
            }
        }
    }

    private void requeue(List<ReplicationTask> batch, long pauseMs) {
        synchronized (this) {
            if (closed) {
                return;
            }
            LinkedHashMap<String, ReplicationTask> merged = new LinkedHashMap<>();
            for (ReplicationTask t : batch) {
                if (!pending.containsKey(t.key())) {
                    merged.put(t.key(), t);
                }
            }
            merged.putAll(pending);
            pending.clear();
            pending.putAll(merged);
            pauseUntil = clock.millis() + pauseMs;
        }
    }

    // ---------------------------------------------------------------- renewal digests

    /** The periodic duty: ask an unknown or unreachable peer what it is, else send it the renewal digest. */
    void tick() {
        if (kind == Kind.UNKNOWN || !healthy) {
            probe();
        }
        sendDigest();
    }

    /** Sends the renewals collected since the last digest, if the peer is Cairn. */
    void sendDigest() {
        if (kind != Kind.CAIRN || renewals.isEmpty()) {
            return;
        }
        List<ReplicationCodec.Renewal> digest = new ArrayList<>();
        for (Iterator<Map.Entry<String, int[]>> it = renewals.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, int[]> e = it.next();
            it.remove();
            int sep = e.getKey().indexOf('\u0000');
            ReplicationCodec.Renewal r = repairs.renewal(e.getKey().substring(0, sep), e.getKey().substring(sep + 1),
                    e.getValue()[0]);
            if (r != null) {
                digest.add(r);
            }
        }
        if (digest.isEmpty()) {
            return;
        }
        byte[] wire = gzip(codec.digest(digest));
        bytesSent.addAndGet(wire.length);
        HttpRequest req = authorized(HttpRequest.newBuilder(URI.create(address.base() + "peerreplication/renewals")))
                .timeout(config.readTimeout())
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(wire)).build();
        long started = System.nanoTime();
        http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((r, err) -> {
            answered(err, started);
            if (err != null || r.statusCode() / 100 != 2) {
                failed(err != null ? err : new IOException("digest answered " + r.statusCode()));
                // The renewals are owed again; the next digest carries them.
                for (ReplicationCodec.Renewal x : digest) {
                    renewals.merge(x.app() + '\u0000' + x.id(), new int[] {x.count()}, (a, b) -> {
                        a[0] += b[0];
                        return a;
                    });
                }
                return;
            }
            succeeded();
            sent.addAndGet(digest.size());
            ReplicationCodec.DigestResult result = codec.readDigestResult(r.body());
            for (int n : result.notFound()) {
                if (n >= 0 && n < digest.size()) {
                    ReplicationTask register = repairs.registerTask(digest.get(n).app(), digest.get(n).id());
                    if (register != null) {
                        enqueue(register);
                    }
                }
            }
            result.conflicts().forEach(repairs::adopt);
        });
    }

    // ---------------------------------------------------------------- health

    private void answered(Throwable err, long startedNanos) {
        if (err == null) {
            exchanges.incrementAndGet();
            exchangeNanos.addAndGet(System.nanoTime() - startedNanos);
        }
    }

    private void learnKind(HttpResponse<?> r) {
        Kind k = r.headers().firstValue("X-Cairn-Index").isPresent() ? Kind.CAIRN : Kind.EUREKA;
        if (k != kind) {
            LOG.log(System.Logger.Level.INFO, "peer {0} is {1}", shown, k == Kind.CAIRN
                    ? "Cairn: heartbeats go as renewal digests" : "Eureka: heartbeats are replicated one by one");
            kind = k;
        }
    }

    private void succeeded() {
        lastSuccess = clock.millis();
        transientPause = MIN_TRANSIENT_PAUSE_MS;
        if (!healthy) {
            LOG.log(System.Logger.Level.INFO, "peer {0} is reachable again", shown);
        }
        healthy = true;
    }

    private void failed(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        failed.incrementAndGet();
        lastFailure = clock.millis();
        lastError = cause instanceof ConnectException ? "connection refused"
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (healthy) {
            LOG.log(System.Logger.Level.WARNING, "peer {0} is unreachable: {1}", shown, lastError);
        }
        healthy = false;
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
