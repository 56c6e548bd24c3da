package io.cairn.bench.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * The scenarios every server goes through, over HTTP only: register, heartbeat, full and delta fetch with and without
 * gzip, freshness (from a write's response until a read or a watch shows it), memory.
 */
public final class Scenarios {
    private static final JsonFactory JSON = new JsonFactory();
    public static final MultiMap JSON_HEADERS = Http.headers("Accept", "application/json");
    public static final MultiMap JSON_GZIP_HEADERS = Http.headers("Accept", "application/json",
            "Accept-Encoding", "gzip");
    private static final MultiMap REGISTER_HEADERS = Http.headers("Content-Type", "application/json",
            "Accept", "application/json");

    private final Http http;
    private final Target target;
    private final long[] pids;

    /**
     * @param pids the server processes whose CPU time a run charges (the target's own, or every node of a cluster)
     */
    public Scenarios(Http http, Target target, long... pids) {
        this.http = http;
        this.target = target;
        this.pids = pids;
    }

    public Target target() {
        return target;
    }

    // ---------------------------------------------------------------- single requests

    public Future<Http.Reply> register(Bodies b, int i) {
        return http.send(target, HttpMethod.POST, "apps/" + b.app(i), REGISTER_HEADERS,
                Buffer.buffer(b.register(i)), false);
    }

    public Future<Http.Reply> renew(Bodies b, int i) {
        return http.send(target, HttpMethod.PUT, b.renewPath(i), JSON_HEADERS, null, false);
    }

    public Future<Http.Reply> cancel(Bodies b, int i) {
        return http.send(target, HttpMethod.DELETE, "apps/" + b.app(i) + "/" + b.id(i), JSON_HEADERS, null, false);
    }

    public Future<Http.Reply> get(String path, MultiMap headers, boolean keepBody) {
        return http.send(target, HttpMethod.GET, path, headers, null, keepBody);
    }

    // ---------------------------------------------------------------- measured runs

    /** Registers instances {@code from} .. {@code from + count - 1}. */
    public Driver.Result register(String name, Bodies b, int from, int count, int concurrency) {
        return Driver.closedLoop(name, pids, n -> register(b, from + (int) n), concurrency, count, 0,
                Driver.is(204));
    }

    /** Cancels instances {@code from} .. {@code from + count - 1}. */
    public Driver.Result cancels(String name, Bodies b, int from, int count, int concurrency) {
        return Driver.closedLoop(name, pids, n -> cancel(b, from + (int) n), concurrency, count, 0, Driver.is(200));
    }

    /** Heartbeats round-robin over instances {@code from} .. {@code from + count - 1}, closed loop. */
    public Driver.Result heartbeats(String name, Bodies b, int from, int count, int concurrency, double seconds) {
        return Driver.closedLoop(name, pids, n -> renew(b, from + (int) (n % count)), concurrency, 0, seconds,
                Driver.is(200));
    }

    /** Heartbeats at a fixed rate, round-robin, open loop. */
    public Driver.Result heartbeatsAtRate(String name, Bodies b, int from, int count, double rate, double seconds,
                                          int maxInFlight) {
        return Driver.openLoop(name, pids, n -> renew(b, from + (int) (n % count)), rate, seconds, maxInFlight,
                Driver.is(200));
    }

    /** Repeated GETs of {@code path} ({@code apps} or {@code apps/delta}), closed loop. */
    public Driver.Result fetches(String name, String path, boolean gzip, int concurrency, double seconds) {
        return Driver.closedLoop(name, pids, n -> get(path, gzip ? JSON_GZIP_HEADERS : JSON_HEADERS, false),
                concurrency, 0, seconds, Driver.is(200));
    }

    // ---------------------------------------------------------------- waiting for a document to be current

    /** Number of instances in a registry document (JSON, gzip or not). */
    public static int countInstances(Buffer body) {
        try (InputStream in = stream(body); JsonParser p = JSON.createParser(in)) {
            int n = 0;
            JsonToken t;
            int depth = 0;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                } else if (t == JsonToken.FIELD_NAME && depth == 6 && "hostName".equals(p.currentName())) {
                    // {applications{application[{instance[{hostName
                    n++;
                }
            }
            return n;
        } catch (IOException e) {
            throw new IllegalStateException("unreadable registry document: " + e.getMessage(), e);
        }
    }

    private static InputStream stream(Buffer body) throws IOException {
        byte[] bytes = body.getBytes();
        InputStream in = new ByteArrayInputStream(bytes);
        return bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b
                ? new GZIPInputStream(in, 65536) : in;
    }

    /**
     * Polls {@code path} until its document holds {@code predicate}-many instances (Eureka answers from a response
     * cache refreshed every 30 s); returns how long that took, or -1 after {@code timeoutSeconds}.
     */
    public double awaitDocument(String path, java.util.function.IntPredicate predicate, double timeoutSeconds) {
        long start = System.nanoTime();
        long deadline = start + (long) (timeoutSeconds * 1e9);
        int last = -1;
        while (System.nanoTime() < deadline) {
            Http.Reply r = Http.await(get(path, JSON_GZIP_HEADERS, true), 120);
            if (r.status() == 200) {
                last = countInstances(r.body());
                if (predicate.test(last)) {
                    return (System.nanoTime() - start) / 1e9;
                }
            }
            sleepMs(500);
        }
        System.err.println(target.name() + ": " + path + " still shows " + last + " instances after "
                + timeoutSeconds + " s");
        return -1;
    }

    // ---------------------------------------------------------------- freshness

    /** How long, after a write's response, until reads (and watches) show it. */
    public record Freshness(Latency registerToRead, Latency cancelToRead, Latency registerToWatch,
                            int firstReadShowedRegister, int firstReadShowedCancel, int samples, int timeouts) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "freshness: register->GET /apps/{app} %s (first read showed it %d/%d); cancel->GET %s "
                            + "(first read %d/%d); register->watch %s; timeouts %d",
                    registerToRead, firstReadShowedRegister, samples, cancelToRead, firstReadShowedCancel, samples,
                    registerToWatch.count() == 0 ? "n/a" : registerToWatch.toString(), timeouts);
        }
    }

    /**
     * {@code samples} instances, each in its own application, started {@code spacingMs} apart: register, poll
     * {@code GET /apps/{app}} until it shows the instance, cancel, poll until it is gone. Where the server answers
     * with {@code X-Cairn-Index}, a long poll on {@code /watch} opened before the register also times the watch.
     */
    public Freshness freshness(Bodies b, int from, int samples, long spacingMs, double timeoutSeconds) {
        Latency toRead = new Latency();
        Latency toGone = new Latency();
        Latency toWatch = new Latency();
        int[] first = new int[2];
        int[] timeouts = new int[1];
        List<CompletableFuture<Void>> all = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(samples);
        for (int s = 0; s < samples; s++) {
            int i = from + s;
            all.add(CompletableFuture.runAsync(() -> {
                String appPath = "apps/" + b.app(i);
                String id = b.id(i);
                Http.Reply before = Http.await(get(appPath, JSON_HEADERS, false), 30);
                CompletableFuture<Long> watched = new CompletableFuture<>();
                if (before.index() >= 0) {
                    get("watch?index=" + before.index() + "&app=" + b.app(i) + "&wait=60s", JSON_HEADERS, false)
                            .onComplete(ar -> watched.complete(System.nanoTime()));
                    sleepMs(200);
                } else {
                    watched.complete(-1L);
                }
                Http.Reply reg = Http.await(register(b, i), 30);
                long registered = System.nanoTime();
                if (reg.status() != 204) {
                    throw new IllegalStateException("register answered " + reg.status());
                }
                long deadline = registered + (long) (timeoutSeconds * 1e9);
                boolean firstRead = true;
                while (true) {
                    Http.Reply r = Http.await(get(appPath, JSON_HEADERS, true), 30);
                    long at = System.nanoTime();
                    if (r.status() == 200 && r.body().toString(StandardCharsets.UTF_8).contains(id)) {
                        toRead.recordNanos(at - registered);
                        if (firstRead) {
                            synchronized (first) {
                                first[0]++;
                            }
                        }
                        break;
                    }
                    firstRead = false;
                    if (at > deadline) {
                        synchronized (first) {
                            timeouts[0]++;
                        }
                        break;
                    }
                    sleepMs(10);
                }
                try {
                    long w = watched.get(60, TimeUnit.SECONDS);
                    if (w >= 0) {
                        toWatch.recordNanos(Math.max(0, w - registered));
                    }
                } catch (Exception e) {
                    synchronized (first) {
                        timeouts[0]++;
                    }
                }
                Http.Reply del = Http.await(cancel(b, i), 30);
                long cancelled = System.nanoTime();
                if (del.status() != 200) {
                    throw new IllegalStateException("cancel answered " + del.status());
                }
                deadline = cancelled + (long) (timeoutSeconds * 1e9);
                firstRead = true;
                while (true) {
                    Http.Reply r = Http.await(get(appPath, JSON_HEADERS, true), 30);
                    long at = System.nanoTime();
                    if (r.status() == 404 || !r.body().toString(StandardCharsets.UTF_8).contains(id)) {
                        toGone.recordNanos(at - cancelled);
                        if (firstRead) {
                            synchronized (first) {
                                first[1]++;
                            }
                        }
                        break;
                    }
                    firstRead = false;
                    if (at > deadline) {
                        synchronized (first) {
                            timeouts[0]++;
                        }
                        break;
                    }
                    sleepMs(10);
                }
            }, pool));
            sleepMs(spacingMs);
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
        return new Freshness(toRead, toGone, toWatch, first[0], first[1], samples, timeouts[0]);
    }

    // ---------------------------------------------------------------- memory

    /** Heap in use after a full GC and resident memory of one process. */
    public record Memory(long heapBytes, long rssBytes) {
        public static Memory of(long pid) {
            long heap = Proc.heapAfterGc(pid);
            return new Memory(heap, Proc.rssBytes(pid));
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "heap after GC %.1f MiB, RSS %.1f MiB",
                    heapBytes / 1048576.0, rssBytes / 1048576.0);
        }
    }

    public static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
