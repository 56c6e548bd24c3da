package io.cairn.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.bench.load.Bodies;
import io.cairn.bench.load.Driver;
import io.cairn.bench.load.Http;
import io.cairn.bench.load.Proc;
import io.cairn.bench.load.Scenarios;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replication cost of heartbeats: a 3-node cluster of Cairn and one of real Eureka, the same client heartbeat load
 * against node A only. Peer traffic goes through a {@link CountingProxy} in front of every node; the CPU of all three
 * nodes comes from /proc. An idle window of the same length, measured first, gives the cost of doing nothing.
 */
public final class Replication {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Replication() {
    }

    public static int run(Args a) throws Exception {
        Path root = Path.of(a.get("root", ".")).toAbsolutePath().normalize();
        Path out = Path.of(a.get("out", root.resolve("cairn-bench/target/replication").toString()));
        Files.createDirectories(out);
        List<String> kinds = a.getList("servers").isEmpty() ? List.of("eureka", "cairn") : a.getList("servers");
        int instances = a.getInt("instances", 5_000);
        double rate = a.getDouble("rate", 2_000);
        double seconds = a.getDouble("seconds", 20);
        double tail = a.getDouble("tail-seconds", 12);
        List<String> jvm = a.jvmFlags();
        System.out.printf(Locale.ROOT, "replication: %s, %d instances on node A, %.0f heartbeats/s to A for %.0f s "
                        + "(+%.0f s for replication to finish), JVM %s, load average %.2f%n", kinds, instances, rate,
                seconds, tail, jvm, Proc.loadAverage());
        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        for (String k : kinds) {
            results.put(k, one(ServerProcess.Kind.valueOf(k.toUpperCase(Locale.ROOT)), root, out, jvm, instances, rate,
                    seconds, tail));
        }
        String[][] rows = {
                {"heartbeats", "Heartbeats sent to node A", "%.0f"},
                {"bytes_per_hb", "Peer bytes per heartbeat (TCP proxy, both directions)", "%.1f"},
                {"peer_body_bytes_per_hb", "Cairn's own count: bytesSent per heartbeat (bodies only)", "%.1f"},
                {"cpu_a_us", "Node A CPU per heartbeat (us), idle subtracted", "%.1f"},
                {"cpu_bc_us", "Nodes B+C CPU per heartbeat (us), idle subtracted", "%.1f"},
                {"cpu_all_us", "All nodes CPU per heartbeat (us), idle subtracted", "%.1f"},
                {"cpu_all_raw_us", "All nodes CPU per heartbeat (us), raw", "%.1f"},
                {"peer_requests", "Peer HTTP connections opened", "%.0f"},
                {"load", "Load average at start", "%.2f"}};
        StringBuilder md = new StringBuilder("| Figure | Eureka | Cairn | Cairn / Eureka |\n|---|---:|---:|---:|\n");
        for (String[] r : rows) {
            Double e = results.getOrDefault("eureka", Map.of()).get(r[0]);
            Double c = results.getOrDefault("cairn", Map.of()).get(r[0]);
            md.append("| ").append(r[1]).append(" | ").append(e == null ? "n/a" : String.format(Locale.ROOT, r[2], e))
                    .append(" | ").append(c == null ? "n/a" : String.format(Locale.ROOT, r[2], c)).append(" | ")
                    .append(e == null || c == null || e == 0 ? "" : String.format(Locale.ROOT, "%.3f", c / e))
                    .append(" |\n");
        }
        System.out.println();
        System.out.print(md);
        Files.writeString(out.resolve("replication.md"), md.toString());
        return 0;
    }

    static Map<String, Double> one(ServerProcess.Kind kind, Path root, Path out, List<String> jvm, int instances,
                                   double rate, double seconds, double tail) throws Exception {
        String name = kind.name().toLowerCase(Locale.ROOT);
        System.out.printf(Locale.ROOT, "%n== %s: 3 nodes (load average %.2f) ==%n", name, Proc.loadAverage());
        int[] ports = new int[3];
        int[] proxyPorts = new int[3];
        for (int i = 0; i < 3; i++) {
            ports[i] = ServerProcess.freePort();
            proxyPorts[i] = ServerProcess.freePort();
        }
        List<String> common = new ArrayList<>(SideBySide.commonSettings(60_000));
        common.add("eureka.server.registry-sync-retry-wait-ms=500");
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("load", Proc.loadAverage());
        try (Http http = new Http(64)) {
            List<CountingProxy> proxies = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                proxies.add(new CountingProxy(http.vertx(), proxyPorts[i], ports[i]));
            }
            try (Cluster3 c = Cluster3.start(kind, "repl-" + name, root, ports, proxyPorts, jvm, common,
                    out.resolve("logs"))) {
                System.out.println("  " + c.describe());
                long[] pids = c.pids();
                Scenarios a = new Scenarios(http, c.node(0).target(), pids);
                Bodies b = new Bodies("REPL", 10, 900);
                Scenarios.sleepMs(3000);
                System.out.println("  " + a.register("register on A", b, 0, instances, 16));
                for (int i = 1; i < 3; i++) {
                    double waited = new Scenarios(http, c.node(i).target(), pids)
                            .awaitDocument("apps", n -> n >= instances, 60);
                    System.out.printf(Locale.ROOT, "  node %c holds all %d instances after %.1f s%n",
                            (char) ('a' + i), instances, waited);
                }
                // Warm-up: heartbeats at the same rate, so that every node's renew path is compiled.
                System.out.println("  " + a.heartbeatsAtRate("warm-up heartbeats", b, 0, instances, rate,
                        Math.min(10, seconds), 4096));
                Scenarios.sleepMs((long) (tail * 1000));

                // Idle window, same length as the measured one.
                double window = seconds + tail;
                long[] idleCpu = cpuEach(pids);
                long idleBytes = total(proxies);
                Scenarios.sleepMs((long) (window * 1000));
                long[] idleCpuEnd = cpuEach(pids);
                long idleBytesDelta = total(proxies) - idleBytes;

                long[] cpu0 = cpuEach(pids);
                long bytes0 = total(proxies);
                long conns0 = proxies.stream().mapToLong(p -> p.connections.sum()).sum();
                long peerBody0 = kind == ServerProcess.Kind.CAIRN ? peerBytesSent(http, a) : 0;
                Driver.Result r = a.heartbeatsAtRate("heartbeats to A", b, 0, instances, rate, seconds, 4096);
                System.out.println("  " + r);
                Scenarios.sleepMs((long) (tail * 1000));
                long[] cpu1 = cpuEach(pids);
                long bytes1 = total(proxies);
                long conns1 = proxies.stream().mapToLong(p -> p.connections.sum()).sum();
                long peerBody1 = kind == ServerProcess.Kind.CAIRN ? peerBytesSent(http, a) : 0;

                double hb = r.ok();
                double idleA = idleCpuEnd[0] - idleCpu[0];
                double idleBc = idleCpuEnd[1] - idleCpu[1] + idleCpuEnd[2] - idleCpu[2];
                double usedA = cpu1[0] - cpu0[0];
                double usedBc = cpu1[1] - cpu0[1] + cpu1[2] - cpu0[2];
                f.put("heartbeats", hb);
                f.put("bytes_per_hb", (bytes1 - bytes0 - idleBytesDelta) / hb);
                f.put("idle_bytes", (double) idleBytesDelta);
                if (kind == ServerProcess.Kind.CAIRN) {
                    f.put("peer_body_bytes_per_hb", (peerBody1 - peerBody0) / hb);
                }
                f.put("cpu_a_us", (usedA - idleA) / 1000.0 / hb);
                f.put("cpu_bc_us", (usedBc - idleBc) / 1000.0 / hb);
                f.put("cpu_all_us", (usedA + usedBc - idleA - idleBc) / 1000.0 / hb);
                f.put("cpu_all_raw_us", (usedA + usedBc) / 1000.0 / hb);
                f.put("peer_requests", (double) (conns1 - conns0));
                System.out.printf(Locale.ROOT, "  idle window %.0f s: CPU A %.0f ms, B+C %.0f ms, peer bytes %d%n",
                        window, idleA / 1e6, idleBc / 1e6, idleBytesDelta);
                System.out.printf(Locale.ROOT, "  measured: CPU A %.0f ms, B+C %.0f ms, peer bytes %d over %.0f "
                        + "heartbeats%n", usedA / 1e6, usedBc / 1e6, bytes1 - bytes0, hb);
                for (int i = 0; i < 3; i++) {
                    System.out.printf(Locale.ROOT, "  proxy %c: to node %d bytes, from node %d bytes, %d connections%n",
                            (char) ('a' + i), proxies.get(i).toNode.sum(), proxies.get(i).fromNode.sum(),
                            proxies.get(i).connections.sum());
                }
                if (kind == ServerProcess.Kind.CAIRN) {
                    System.out.println("  node A /eureka/peers: " + Http.await(a.get("peers", Scenarios.JSON_HEADERS,
                            true), 10).body().toString(StandardCharsets.UTF_8));
                }
            } finally {
                proxies.forEach(CountingProxy::close);
            }
        }
        f.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-24s %.2f%n", k, v));
        return f;
    }

    private static long[] cpuEach(long[] pids) {
        long[] out = new long[pids.length];
        for (int i = 0; i < pids.length; i++) {
            out[i] = Proc.cpuNanos(pids[i]);
        }
        return out;
    }

    private static long total(List<CountingProxy> proxies) {
        return proxies.stream().mapToLong(CountingProxy::total).sum();
    }

    /** Sum of {@code bytesSent} over node A's peers, from Cairn's {@code GET /eureka/peers}. */
    private static long peerBytesSent(Http http, Scenarios a) throws Exception {
        Http.Reply r = Http.await(a.get("peers", Scenarios.JSON_HEADERS, true), 10);
        JsonNode n = JSON.readTree(r.body().getBytes());
        long sum = 0;
        for (JsonNode p : n.path("peers")) {
            sum += p.path("bytesSent").asLong();
        }
        return sum;
    }
}
