package io.cairn.bench.run;

import io.cairn.bench.load.Bodies;
import io.cairn.bench.load.Http;
import io.cairn.bench.load.Latency;
import io.cairn.bench.load.Proc;
import io.cairn.bench.load.Scenarios;
import io.cairn.bench.load.Target;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Watch fan-out: W watchers (long polls on {@code /eureka/watch} or event streams on {@code /eureka/events}), held
 * by this process without a thread each (one connection per watcher, see {@link RawWatchers}). Every round registers one
 * instance and times, for every watcher, from the register's HTTP response to the watcher's receipt of the change.
 * On a cluster the register goes to node A and the watchers to node B.
 */
public final class WatchFanout {
    private WatchFanout() {
    }

    /** One measured configuration. */
    record Outcome(String label, int watchers, int rounds, Latency latency, long missed, long early,
                   long rssBefore, long rssHeld, long rssHeldAfterGc, long heapBefore, long heapHeld,
                   double serverCpuMsPerRound, double benchCpuMsPerRound) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-34s watchers=%d rounds=%d register-response->receipt p50=%.1fms "
                            + "p99=%.1fms max=%.1fms (n=%d, missed=%d, before-response=%d) RSS %.0f->%.0f MiB "
                            + "(+%.0f MiB; +%.0f MiB after a GC with the watchers still held; live heap +%.0f MiB) "
                            + "server CPU %.1f ms/round, bench CPU %.1f ms/round",
                    label, watchers, rounds, latency.ms(50), latency.ms(99), latency.maxMs(), latency.count(), missed,
                    early, rssBefore / 1048576.0, rssHeld / 1048576.0, (rssHeld - rssBefore) / 1048576.0,
                    (rssHeldAfterGc - rssBefore) / 1048576.0, (heapHeld - heapBefore) / 1048576.0,
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
                + "RSS growth (MiB) | after a GC (MiB) | live heap growth (MiB) | server CPU per change (ms) |\n"
                + "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Outcome o : results) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %.1f | %.1f | %.1f | %d | %.0f | %.0f | %.0f | %.1f |%n",
                    o.watchers(), cluster ? "3 nodes, A->B" : "1 node", mode, o.latency().ms(50), o.latency().ms(99),
                    o.latency().maxMs(), o.missed(), (o.rssHeld() - o.rssBefore()) / 1048576.0,
                    (o.rssHeldAfterGc() - o.rssBefore()) / 1048576.0, (o.heapHeld() - o.heapBefore()) / 1048576.0,
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
        Scenarios.Memory idle = Scenarios.Memory.of(watchedPid);
        // G1 gives memory back in the background after a collection: wait for it, as after the run.
        Scenarios.sleepMs(3000);
        long rssBefore = Proc.rssBytes(watchedPid);
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false).setEventLoopPoolSize(2)
                .setBlockedThreadCheckInterval(60_000));
        RawWatchers ws = null;
        try {
            ws = new RawWatchers(vertx, watched, w, mode.equals("sse"));
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
            // The heap grows with the garbage of every long-poll cycle (G1 sizes its young generation for the
            // allocation rate); after a collection, and G1's uncommit in the background, the RSS is what the
            // watchers hold, and the live heap what they need.
            Scenarios.Memory held = Scenarios.Memory.of(watchedPid);
            Scenarios.sleepMs(3000);
            long rssHeldAfterGc = Proc.rssBytes(watchedPid);
            long errors = ws.errors.sum();
            if (errors > 0) {
                System.err.println("  " + errors + " watcher request errors, last: " + ws.lastError);
            }
            return new Outcome(mode + " " + (writer == watched ? "one node" : "A->B"), w, rounds, lat, missed, early,
                    rssBefore, rssHeld, rssHeldAfterGc, idle.heapBytes(), held.heapBytes(),
                    cpu.serverNanos() / 1e6 / rounds, cpu.benchNanos() / 1e6 / rounds);
        } finally {
            if (ws != null) {
                ws.close();
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
