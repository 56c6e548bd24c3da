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
    /** Renewals per digest request: about 300 KB before gzip, well inside a peer's body limit. */
    static final int DIGEST_CHUNK = 5000;

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
    /** The cluster's current HTTP client: replaced when TLS files change, so that new connections use them. */
    private final java.util.function.Supplier<HttpClient> http;
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

    /** Heartbeats owed to a Cairn peer since the last digest: application, then instance id, then count. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, int[]>> renewals = new ConcurrentHashMap<>();
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

    PeerNode(String url, String peerToken, java.util.function.Supplier<HttpClient> http, ScheduledExecutorService timers, CairnConfig.Cluster config, Clock clock,
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
            owe(app, id, 1);
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
        return new PeerState(shown, kind.name(), healthy, queued + owedRenewals(), lastSuccess, lastFailure, lastError,
                sent.get(), failed.get(), dropped.get(), bytesSent.get(), exchanges.get(), exchangeNanos.get());
    }

    /** Asks the peer whether it is Cairn; Cairn answers every Eureka read with its registry index. */
    void probe() {
        HttpRequest req = authorized(HttpRequest.newBuilder(URI.create(address.base() + "apps/delta")))
                .timeout(config.readTimeout()).header("Accept", "application/json")
                .header(PeerSync.PEER_HEADER, "true").GET().build();
        http.get().sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, err) -> {
            if (err != null) {
                failed(err);
            } else if (r.statusCode() / 100 == 2) {
                learnKind(r);
                succeeded();
            } else {
                failed(new IOException("peer answered " + r.statusCode()));
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
        http.get().sendAsync(req.POST(HttpRequest.BodyPublishers.ofByteArray(wire)).build(),
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
        if (r.statusCode() / 100 == 2) {
            // Only a real answer tells what the peer is: errors from it (or from a proxy before it) carry no index.
            learnKind(r);
        }
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
            ReplicationCodec.ItemResult result = i < results.size() ? results.get(i) : null;
            int code = result == null ? 0 : result.statusCode();
            if (code / 100 == 2) {
                sent.incrementAndGet();
                continue;
            }
            if ("Heartbeat".equals(t.action()) && code == 404) {
                ReplicationTask register = repairs.registerTask(t.app(), t.id());
                if (register != null) {
                    enqueue(register);
                }
            } else if ("Heartbeat".equals(t.action()) && result != null && result.entity() != null) {
                repairs.adopt(result.entity());
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

    private void owe(String app, String id, int count) {
        renewals.computeIfAbsent(app, a -> new ConcurrentHashMap<>()).merge(id, new int[] {count}, (a, b) -> {
            a[0] += b[0];
            return a;
        });
    }

    private int owedRenewals() {
        int n = 0;
        for (Map<String, int[]> ids : renewals.values()) {
            n += ids.size();
        }
        return n;
    }

    /**
     * Sends the renewals collected since the last digest, if the peer is Cairn, in requests of at most
     * {@link #DIGEST_CHUNK} instances so that no digest outgrows the peer's body limit however large the registry.
     */
    void sendDigest() {
        if (kind != Kind.CAIRN) {
            return;
        }
        List<ReplicationCodec.Renewal> digest = new ArrayList<>();
        // Emptied per-application maps stay: removing one could lose a heartbeat owed into it meanwhile, and there
        // are only as many as there are applications.
        for (Map.Entry<String, ConcurrentHashMap<String, int[]>> app : renewals.entrySet()) {
            for (Iterator<Map.Entry<String, int[]>> it = app.getValue().entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, int[]> e = it.next();
                it.remove();
                ReplicationCodec.Renewal r = repairs.renewal(app.getKey(), e.getKey(), e.getValue()[0]);
                if (r != null) {
                    digest.add(r);
                }
                if (digest.size() == DIGEST_CHUNK) {
                    sendDigest(digest);
                    digest = new ArrayList<>();
                }
            }
        }
        if (!digest.isEmpty()) {
            sendDigest(digest);
        }
    }

    private void sendDigest(List<ReplicationCodec.Renewal> digest) {
        byte[] wire = gzip(codec.digest(digest));
        bytesSent.addAndGet(wire.length);
        HttpRequest req = authorized(HttpRequest.newBuilder(URI.create(address.base() + "peerreplication/renewals")))
                .timeout(config.readTimeout())
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(wire)).build();
        long started = System.nanoTime();
        http.get().sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((r, err) -> {
            answered(err, started);
            if (err != null || r.statusCode() / 100 != 2) {
                failed(err != null ? err : new IOException("digest answered " + r.statusCode()));
                // The renewals are owed again; the next digest carries them.
                for (ReplicationCodec.Renewal x : digest) {
                    owe(x.app(), x.id(), x.count());
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
