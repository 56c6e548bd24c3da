package io.cairn.bench.run;

import io.cairn.bench.load.Http;
import io.cairn.bench.load.Proc;
import io.cairn.bench.load.Scenarios;
import io.cairn.bench.load.Suite;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Starts the real Eureka server and Cairn on this machine, one at a time, with the same JVM flags and the same
 * settings, runs the same {@link Suite} against each (alternating which goes first every round), and prints one table
 * with the ratio Cairn / Eureka for each figure.
 */
public final class SideBySide {

    /** One row of the table: a figure, how to show it, and the target it is judged against (if any). */
    record Row(String key, String label, double scale, String format, String target,
               BiFunction<Double, Double, Boolean> met) {
    }

    static final List<Row> ROWS = List.of(
            new Row("register.cpu_us", "Register: server CPU per op (us)", 1, "%.1f", "ratio <= 0.10",
                    (c, e) -> c / e <= 0.10),
            new Row("register.cpu_kernel_us", "Register: of which in the kernel (us)", 1, "%.1f", "", null),
            new Row("register.cpu_jit_us", "Register: of which JIT compiler threads (us)", 1, "%.1f", "", null),
            new Row("register.rate", "Register: ops/s", 1, "%.0f", "", null),
            new Row("register.p99_ms", "Register: p99 (ms)", 1, "%.2f", "", null),
            new Row("heartbeat.cpu_us", "Heartbeat: server CPU per renew (us)", 1, "%.1f", "ratio <= 0.10",
                    (c, e) -> c / e <= 0.10),
            new Row("heartbeat.cpu_kernel_us", "Heartbeat: of which in the kernel (us)", 1, "%.1f", "", null),
            new Row("heartbeat.rate", "Heartbeat: renews/s (64 conns, closed loop)", 1, "%.0f", "", null),
            new Row("heartbeat.p50_ms", "Heartbeat: p50 (ms)", 1, "%.2f", "", null),
            new Row("heartbeat.p99_ms", "Heartbeat: p99 (ms)", 1, "%.2f", "Cairn < 5 ms", (c, e) -> c < 5),
            new Row("heartbeat.p999_ms", "Heartbeat: p99.9 (ms)", 1, "%.2f", "", null),
            new Row("heartbeat.server_cores", "Heartbeat: server CPU (cores)", 1, "%.2f", "", null),
            new Row("heartbeat.bench_cores", "Heartbeat: load generator CPU (cores)", 1, "%.2f", "", null),
            new Row("memory.heap_per_instance", "Memory: heap per instance after GC, steady (bytes)", 1, "%.0f",
                    "ratio <= 0.33", (c, e) -> c / e <= 1.0 / 3),
            new Row("memory.window_heap_per_instance", "Memory: same, registrations still in the delta window",
                    1, "%.0f", "", null),
            new Row("memory.heap_mib", "Memory: heap after GC (MiB)", 1, "%.1f", "", null),
            new Row("memory.rss_mib", "Memory: RSS (MiB)", 1, "%.1f", "", null),
            new Row("fetch.stale_s", "Full fetch: seconds until it shows the registry as it is", 1, "%.1f", "", null),
            new Row("fetch_json.p50_ms", "Full fetch JSON: p50 (ms)", 1, "%.2f", "", null),
            new Row("fetch_json.p99_ms", "Full fetch JSON: p99 (ms)", 1, "%.2f", "", null),
            new Row("fetch_json.cpu_us", "Full fetch JSON: server CPU per fetch (ms)", 0.001, "%.2f", "", null),
            new Row("fetch_json.bytes", "Full fetch JSON: KiB per answer", 1.0 / 1024, "%.0f", "", null),
            new Row("fetch_gzip.p50_ms", "Full fetch gzip: p50 (ms)", 1, "%.2f", "", null),
            new Row("fetch_gzip.p99_ms", "Full fetch gzip: p99 (ms)", 1, "%.2f", "", null),
            new Row("fetch_gzip.cpu_us", "Full fetch gzip: server CPU per fetch (ms)", 0.001, "%.2f", "", null),
            new Row("fetch_gzip.bytes", "Full fetch gzip: KiB per answer", 1.0 / 1024, "%.0f", "", null),
            new Row("delta.stale_s", "Delta: seconds until it shows the new changes", 1, "%.1f", "", null),
            new Row("delta_json.p50_ms", "Delta JSON: p50 (ms)", 1, "%.2f", "", null),
            new Row("delta_json.cpu_us", "Delta JSON: server CPU per fetch (us)", 1, "%.1f", "", null),
            new Row("delta_gzip.p50_ms", "Delta gzip: p50 (ms)", 1, "%.2f", "", null),
            new Row("delta_gzip.cpu_us", "Delta gzip: server CPU per fetch (us)", 1, "%.1f", "", null),
            new Row("delta_gzip.bytes", "Delta gzip: bytes per answer", 1, "%.0f", "", null),
            new Row("fresh.register_p50_ms", "Freshness: register -> GET /apps/{app}, p50 (ms)", 1, "%.1f",
                    "visible at once", (c, e) -> c < 50),
            new Row("fresh.register_max_ms", "Freshness: register -> GET /apps/{app}, max (ms)", 1, "%.1f", "",
                    null),
            new Row("fresh.register_first_read", "Freshness: first read after register shows it (fraction)", 1,
                    "%.2f", "1.00", (c, e) -> c >= 1.0),
            new Row("fresh.cancel_p50_ms", "Freshness: cancel -> GET /apps/{app}, p50 (ms)", 1, "%.1f", "", null),
            new Row("fresh.cancel_max_ms", "Freshness: cancel -> GET /apps/{app}, max (ms)", 1, "%.1f", "", null),
            new Row("fresh.cancel_first_read", "Freshness: first read after cancel shows it (fraction)", 1, "%.2f",
                    "1.00", (c, e) -> c >= 1.0),
            new Row("fresh.watch_p50_ms", "Freshness: register -> watch long poll, p50 (ms)", 1, "%.1f", "", null),
            new Row("load_average_start", "Load average (1 min) at start", 1, "%.2f", "", null));

    private SideBySide() {
    }

    public static int run(Args a) throws IOException {
        Path root = Path.of(a.get("root", ".")).toAbsolutePath().normalize();
        Path out = Path.of(a.get("out", root.resolve("cairn-bench/target/side-by-side").toString()));
        Files.createDirectories(out);
        int rounds = a.getInt("rounds", 1);
        List<String> jvm = a.jvmFlags();
        long retention = a.getLong("delta-retention-ms", 60_000);
        Suite.Options o = new Suite.Options(
                a.getInt("instances", 10_000), a.getInt("per-app", 10), a.getInt("warmup-instances", 4_000),
                a.getInt("concurrency", 64), a.getDouble("heartbeat-seconds", 15), a.getDouble("warmup-seconds", 20),
                a.getDouble("fetch-seconds", 8), a.getInt("fetch-concurrency", 2), a.getInt("delta-instances", 100),
                retention, a.getInt("freshness-samples", 5), a.getDouble("freshness-timeout-s", 40),
                Set.copyOf(a.getList("scenarios")));
        List<String> kinds = a.getList("servers").isEmpty() ? List.of("eureka", "cairn") : a.getList("servers");
        PrintStream log = System.out;
        log.printf(Locale.ROOT, "side-by-side: %s, %d instances (%d per app) + %d warm-up, %d connections, %d round(s), "
                        + "JVM %s, load average %.2f%n", kinds, o.instances(), o.perApp(), o.warmupInstances(),
                o.concurrency(), rounds, jvm, Proc.loadAverage());
        Map<String, List<Map<String, Double>>> results = new LinkedHashMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(a.getLong("max-minutes", 30)).toNanos();
        try (Http http = new Http(Math.max(o.concurrency(), 16));
             PrintStream raw = new PrintStream(Files.newOutputStream(out.resolve("figures.jsonl")))) {
            for (int r = 0; r < rounds && System.nanoTime() < deadline; r++) {
                List<String> order = new ArrayList<>(kinds);
                if (r % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (String k : order) {
                    ServerProcess.Kind kind = ServerProcess.Kind.valueOf(k.toUpperCase(Locale.ROOT));
                    log.printf(Locale.ROOT, "%n== round %d: %s (load average %.2f) ==%n", r + 1, k, Proc.loadAverage());
                    Map<String, Double> f = runOne(kind, root, out, jvm, retention, o, http, log, r);
                    results.computeIfAbsent(k, x -> new ArrayList<>()).add(f);
                    raw.println(json(k, r + 1, f));
                    raw.flush();
                }
            }
        }
        String table = table(results, rounds);
        log.println();
        log.println(table);
        Files.writeString(out.resolve("table.md"), "Run " + Instant.now() + ", " + o + ", JVM " + jvm + "\n\n" + table);
        log.println("raw figures: " + out.resolve("figures.jsonl") + ", table: " + out.resolve("table.md"));
        return 0;
    }

    static Map<String, Double> runOne(ServerProcess.Kind kind, Path root, Path out, List<String> jvm, long retention,
                                      Suite.Options o, Http http, PrintStream log, int round) {
        int port = ServerProcess.freePort();
        List<String> settings = new ArrayList<>(commonSettings(retention));
        String url = "http://127.0.0.1:" + port + "/eureka/";
        if (kind == ServerProcess.Kind.EUREKA) {
            settings.addAll(eurekaStandalone(url));
        }
        String name = kind.name().toLowerCase(Locale.ROOT) + "-r" + (round + 1);
        try (ServerProcess p = ServerProcess.start(kind, name, root, port, jvm, settings, out.resolve("logs"))) {
            long t0 = System.nanoTime();
            p.awaitReady(Duration.ofSeconds(120));
            log.printf(Locale.ROOT, "  %s ready in %.1f s (pid %d)%n", name, (System.nanoTime() - t0) / 1e9, p.pid());
            Scenarios.sleepMs(2000);
            Map<String, Double> f = new Suite(new Scenarios(http, p.target(), p.pid()), o, log).run();
            if (!p.alive()) {
                log.println("  " + name + " DIED during the run; see " + p.log());
            }
            return f;
        }
    }

    /** The settings both servers get, by Eureka's names. */
    static List<String> commonSettings(long deltaRetentionMs) {
        return List.of(
                "eureka.server.enable-self-preservation=false",
                "eureka.server.wait-time-in-ms-when-sync-empty=1",
                "eureka.server.retention-time-in-m-s-in-delta-queue=" + deltaRetentionMs,
                "eureka.server.delta-retention-timer-interval-in-ms=5000");
    }

    /** Eureka on its own: no client of its own, and its own URL known so that it does not replicate to itself. */
    static List<String> eurekaStandalone(String url) {
        return List.of(
                "eureka.client.register-with-eureka=false",
                "eureka.client.fetch-registry=false",
                "eureka.client.service-url.defaultZone=" + url,
                "eureka.server.my-url=" + url);
    }

    static double median(List<Double> xs) {
        List<Double> v = xs.stream().filter(x -> x != null && !x.isNaN()).sorted().toList();
        if (v.isEmpty()) {
            return Double.NaN;
        }
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    static String table(Map<String, List<Map<String, Double>>> results, int rounds) {
        StringBuilder sb = new StringBuilder();
        sb.append("| Figure | Eureka | Cairn | Cairn / Eureka | Target | Met |\n");
        sb.append("|---|---:|---:|---:|---|---|\n");
        for (Row row : ROWS) {
            double e = median(values(results.get("eureka"), row.key()));
            double c = median(values(results.get("cairn"), row.key()));
            String ratio = Double.isNaN(e) || Double.isNaN(c) || e == 0 ? "" : String.format(Locale.ROOT, "%.3f", c / e);
            String met = "";
            if (row.met() != null && !Double.isNaN(c) && (!Double.isNaN(e) || !row.target().startsWith("ratio"))) {
                met = row.met().apply(c, e) ? "yes" : "**no**";
            }
            sb.append("| ").append(row.label()).append(" | ").append(fmt(row, e)).append(" | ").append(fmt(row, c))
                    .append(" | ").append(ratio).append(" | ").append(row.target()).append(" | ").append(met)
                    .append(" |\n");
        }
        sb.append("\n(median of ").append(rounds).append(" round(s) per server; CPU = the server process's user+system "
                + "time from /proc/PID/stat over the measured phase, divided by successful operations)\n");
        return sb.toString();
    }

    private static List<Double> values(List<Map<String, Double>> runs, String key) {
        if (runs == null) {
            return List.of();
        }
        return runs.stream().map(m -> m.get(key)).toList();
    }

    private static String fmt(Row row, double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, row.format(), v * row.scale());
    }

    static String json(String server, int round, Map<String, Double> f) {
        StringBuilder sb = new StringBuilder("{\"server\":\"" + server + "\",\"round\":" + round);
        f.forEach((k, v) -> sb.append(",\"").append(k).append("\":")
                .append(v == null || v.isNaN() || v.isInfinite() ? "null" : String.format(Locale.ROOT, "%.4f", v)));
        return sb.append('}').toString();
    }
}
