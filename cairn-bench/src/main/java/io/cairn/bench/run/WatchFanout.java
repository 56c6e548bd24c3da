package io.cairn.bench.run;

import io.cairn.bench.load.Bodies;
import io.cairn.bench.load.Http;
import io.cairn.bench.load.Latency;
import io.cairn.bench.load.Proc;
import io.cairn.bench.load.Scenarios;
import io.cairn.bench.load.Target;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Watch fan-out: W watchers (long polls on {@code /eureka/watch} or event streams on {@code /eureka/events}), held
 * by this process without a thread each (Vert.x client, one connection per watcher). Every round registers one
 * instance and times, for every watcher, from the register's HTTP response to the watcher's receipt of the change.
 * On a cluster the register goes to node A and the watchers to node B.
 */
public final class WatchFanout {
    private WatchFanout() {
    }

    /** One measured configuration. */
    record Outcome(String label, int watchers, int rounds, Latency latency, long missed, long early,
                   long rssBefore, long rssHeld, double serverCpuMsPerRound, double benchCpuMsPerRound) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-34s watchers=%d rounds=%d register-response->receipt p50=%.1fms "
                            + "p99=%.1fms max=%.1fms (n=%d, missed=%d, before-response=%d) RSS %.0f->%.0f MiB "
                            + "(+%.0f MiB) server CPU %.1f ms/round, bench CPU %.1f ms/round",
                    label, watchers, rounds, latency.ms(50), latency.ms(99), latency.maxMs(), latency.count(), missed,
                    early, rssBefore / 1048576.0, rssHeld / 1048576.0, (rssHeld - rssBefore) / 1048576.0,
                    serverCpuMsPerRound, benchCpuMsPerRound);
        }
    }

    public static int run(Args a) throws Exception {
        Path root = Path.of(a.get("root", ".")).toAbsolutePath().normalize();
        Path out = Path.of(a.get("out", root.resolve("cairn-bench/target/watch").toString()));
        Files.createDirectories(out);
        List<Integer> counts = a.getList("watchers").isEmpty() ? List.of(100, 10_000)
                : a.getList("watchers").stream().map(Integer::parseInt).toList();
        String mode = a.get("mode", "poll");
        boolean cluster = a.getBool("cluster");
        int rounds = a.getInt("rounds", 20);
        List<String> jvm = a.jvmFlags();
        List<String> common = new ArrayList<>(SideBySide.commonSettings(60_000));
        common.add("cairn.watch.max-wait-ms=600000");
        System.out.printf(Locale.ROOT, "watch fan-out: %s, mode %s, %s, %d rounds, JVM %s, load average %.2f%n",
                counts, mode, cluster ? "3-node cluster (register on A, watch on B)" : "one node", rounds, jvm,
                Proc.loadAverage());
        List<Outcome> results = new ArrayList<>();
        Cluster3 c = null;
        ServerProcess single = null;
        try {
            Target writer;
            Target watched;
            if (cluster) {
                int[] ports = {ServerProcess.freePort(), ServerProcess.freePort(), ServerProcess.freePort()};
                List<String> settings = new ArrayList<>(common);
                settings.add("eureka.server.registry-sync-retry-wait-ms=500");
                c = Cluster3.start(ServerProcess.Kind.CAIRN, "watch", root, ports, ports, jvm, settings,
                        out.resolve("logs"));
                System.out.println("  " + c.describe());
                writer = c.node(0).target();
                watched = c.node(1).target();
            } else {
                int port = ServerProcess.freePort();
                single = ServerProcess.start(ServerProcess.Kind.CAIRN, "watch-single", root, port, jvm, common,
                        out.resolve("logs")).awaitReady(java.time.Duration.ofSeconds(60));
                writer = single.target();
                watched = writer;
            }
            try (Http http = new Http(16)) {
                Scenarios w = new Scenarios(http, writer, writer.pid());
                Bodies background = new Bodies("BG", 10, 900);
                System.out.println("  " + w.register("background register", background, 0,
                        a.getInt("background-instances", 1000), 16));
                Scenarios.sleepMs(cluster ? 2000 : 200);
                Bodies changes = new Bodies("WATCHED", 1, 900);
                int next = 0;
                for (int n : counts) {
                    Outcome o = measure(http, writer, watched, n, mode, rounds, changes, next);
                    next += rounds + 20;
                    System.out.println("  " + o);
                    results.add(o);
                }
            }
        } finally {
            if (c != null) {
                c.close();
            }
            if (single != null) {
                single.close();
            }
        }
        StringBuilder md = new StringBuilder("| Watchers | Where | Mode | p50 (ms) | p99 (ms) | max (ms) | missed | "
                + "RSS growth (MiB) | server CPU per change (ms) |\n|---:|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Outcome o : results) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %.1f | %.1f | %.1f | %d | %.0f | %.1f |%n",
                    o.watchers(), cluster ? "3 nodes, A->B" : "1 node", mode, o.latency().ms(50), o.latency().ms(99),
                    o.latency().maxMs(), o.missed(), (o.rssHeld() - o.rssBefore()) / 1048576.0,
                    o.serverCpuMsPerRound()));
        }
        System.out.println();
        System.out.print(md);
        Files.writeString(out.resolve("watch-" + mode + (cluster ? "-cluster" : "") + ".md"), md.toString());
        return 0;
    }

    /** W watchers on {@code watched}; {@code rounds} registers on {@code writer}, one at a time. */
    static Outcome measure(Http http, Target writer, Target watched, int w, String mode, int rounds, Bodies changes,
                           int firstChange) throws Exception {
        long watchedPid = watched.pid();
        Scenarios write = new Scenarios(http, writer, writer.pid());
        Scenarios.sleepMs(500);
        Proc.jcmd(watchedPid, "GC.run");
        long rssBefore = Proc.rssBytes(watchedPid);
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false).setEventLoopPoolSize(2)
                .setBlockedThreadCheckInterval(60_000));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(900)
                        .setTcpNoDelay(true).setIdleTimeout(0).setConnectTimeout(30_000),
                new PoolOptions().setHttp1MaxSize(w + 16).setMaxWaitQueueSize(-1));
        Watchers ws = null;
        try {
            ws = new Watchers(client, watched, w, mode);
            long index = Http.await(new Scenarios(http, watched, watchedPid).get("apps/NO-SUCH-APP",
                    Scenarios.JSON_HEADERS, false), 30).index();
            ws.start(index);
            // Warm-up changes that every watcher must receive: after them every connection is open and parked
            // again, and both sides' watch paths are compiled.
            int warmups = Math.max(1, Math.min(10, 100_000 / w));
            for (int k = 0; k < warmups; k++) {
                ws.arm();
                Http.await(write.register(changes, firstChange + rounds + 1 + k), 30);
                if (!ws.awaitAll(120)) {
                    System.err.println("  warm-up: only " + ws.received.get() + " of " + w + " watchers got the change");
                }
                Scenarios.sleepMs(Math.max(300, w / 20));
            }
            Scenarios.sleepMs(Math.max(1000, w / 10));
            Latency lat = new Latency();
            long missed = 0;
            long early = 0;
            Proc.CpuMark before = Proc.CpuMark.of(writer.pid() == watchedPid ? new long[] {watchedPid}
                    : new long[] {writer.pid(), watchedPid});
            for (int r = 1; r <= rounds; r++) {
                ws.arm();
                Http.Reply reply = Http.await(write.register(changes, firstChange + r), 30);
                long responded = System.nanoTime();
                if (reply.status() != 204) {
                    throw new IllegalStateException("register answered " + reply.status());
                }
                boolean all = ws.awaitAll(30);
                for (int i = 0; i < w; i++) {
                    long at = ws.receivedAt.get(i);
                    if (at == 0) {
                        missed++;
                    } else {
                        if (at < responded) {
                            early++;
                        }
                        lat.recordNanos(Math.max(0, at - responded));
                    }
                }
                if (!all) {
                    System.err.println("  round " + r + ": " + (w - ws.received.get()) + " watchers missed it");
                }
                // Let every watcher's next long poll arrive and park before the next change.
                Scenarios.sleepMs(Math.max(300, w / 20));
            }
            Proc.CpuMark cpu = Proc.CpuMark.of(writer.pid() == watchedPid ? new long[] {watchedPid}
                    : new long[] {writer.pid(), watchedPid}).minus(before);
            long rssHeld = Proc.rssBytes(watchedPid);
            long errors = ws.errors.sum();
            if (errors > 0) {
                System.err.println("  " + errors + " watcher request errors, last: " + ws.lastError);
            }
            return new Outcome(mode + " " + (writer == watched ? "one node" : "A->B"), w, rounds, lat, missed, early,
                    rssBefore, rssHeld, cpu.serverNanos() / 1e6 / rounds, cpu.benchNanos() / 1e6 / rounds);
        } finally {
            if (ws != null) {
                ws.closed = true;
            }
            client.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** The watchers: each re-polls from the index of its last answer (poll) or keeps one stream open (sse). */
    static final class Watchers {
        final HttpClient client;
        final Target target;
        final int n;
        final boolean sse;
        final AtomicLongArray receivedAt;
        final AtomicInteger received = new AtomicInteger();
        final LongAdder errors = new LongAdder();
        volatile Throwable lastError;
        volatile boolean closed;
        volatile CompletableFuture<Void> allIn = new CompletableFuture<>();

        Watchers(HttpClient client, Target target, int n, String mode) {
            this.client = client;
            this.target = target;
            this.n = n;
            this.sse = mode.equals("sse");
            this.receivedAt = new AtomicLongArray(n);
        }

        void start(long index) {
            for (int i = 0; i < n; i++) {
                if (sse) {
                    stream(i, index);
                } else {
                    poll(i, index);
                }
            }
        }

        /** Starts a round: clears the receipts. */
        void arm() {
            for (int i = 0; i < n; i++) {
                receivedAt.set(i, 0);
            }
            received.set(0);
            allIn = new CompletableFuture<>();
        }

        boolean awaitAll(long seconds) {
            try {
                allIn.get(seconds, TimeUnit.SECONDS);
                return true;
            } catch (Exception e) {
                return false;
            }
        }

        private void got(int i, long at) {
            if (receivedAt.compareAndSet(i, 0, at) && received.incrementAndGet() == n) {
                allIn.complete(null);
            }
        }

        private void poll(int i, long index) {
            RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost(target.host())
                    .setPort(target.port()).setURI(target.path("watch?index=" + index + "&wait=600s"))
                    .setHeaders(MultiMap.caseInsensitiveMultiMap().add("Accept", "application/json"))
                    .setIdleTimeout(0);
            if (closed) {
                return;
            }
            client.request(o).compose(req -> req.send()).compose(resp -> resp.body().map(b -> {
                long at = System.nanoTime();
                String h = resp.getHeader("X-Cairn-Index");
                long next = h == null ? index : Long.parseLong(h);
                if (resp.statusCode() == 200 && !isEmpty(b)) {
                    got(i, at);
                }
                return next;
            })).onComplete(ar -> {
                if (closed) {
                    return;
                }
                if (ar.failed()) {
                    errors.increment();
                    lastError = ar.cause();
                    vertxTimer(() -> poll(i, index));
                } else {
                    poll(i, ar.result());
                }
            });
        }

        private void vertxTimer(Runnable r) {
            CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS).execute(r);
        }

        private static boolean isEmpty(Buffer b) {
            String s = b.toString(StandardCharsets.UTF_8);
            return s.contains("\"events\":[]");
        }

        private void stream(int i, long index) {
            RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost(target.host())
                    .setPort(target.port()).setURI(target.path("events?index=" + index))
                    .setHeaders(MultiMap.caseInsensitiveMultiMap().add("Accept", "text/event-stream"))
                    .setIdleTimeout(0);
            client.request(o).compose(req -> req.send()).onComplete(ar -> {
                if (ar.failed()) {
                    errors.increment();
                    lastError = ar.cause();
                    return;
                }
                HttpClientResponse resp = ar.result();
                resp.handler(chunk -> {
                    long at = System.nanoTime();
                    // Any frame with an id is a change (keep-alives are comments).
                    String s = chunk.toString(StandardCharsets.UTF_8);
                    if (s.startsWith("id: ") || s.contains("\nid: ")) {
                        got(i, at);
                    }
                });
                resp.exceptionHandler(e -> {
                    if (closed) {
                        return;
                    }
                    errors.increment();
                    lastError = e;
                });
            });
        }
    }
}
