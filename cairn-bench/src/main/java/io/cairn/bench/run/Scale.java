package io.cairn.bench.run;

import io.cairn.bench.load.Bodies;
import io.cairn.bench.load.Driver;
import io.cairn.bench.load.Http;
import io.cairn.bench.load.Latency;
import io.cairn.bench.load.Proc;
import io.cairn.bench.load.Scenarios;
import io.cairn.bench.load.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The scale run: one node, {@code --instances} (1,000,000) registered in parallel, then every instance heartbeating
 * every 30 s ({@code --rate}, about 33,000 renews/s) for {@code --seconds}, with a delta fetch every 10 s meanwhile;
 * heap after GC and RSS at the end. Stops where the server breaks (dies, or stops answering) and says where.
 */
public final class Scale {
    private Scale() {
    }

    public static int run(Args a) throws Exception {
        Path root = Path.of(a.get("root", ".")).toAbsolutePath().normalize();
        Path out = Path.of(a.get("out", root.resolve("cairn-bench/target/scale").toString()));
        Files.createDirectories(out);
        ServerProcess.Kind kind = ServerProcess.Kind.valueOf(a.get("server", "cairn").toUpperCase(Locale.ROOT));
        int instances = a.getInt("instances", 1_000_000);
        int perApp = a.getInt("per-app", 10);
        double rate = a.getDouble("rate", instances / 30.0);
        double seconds = a.getDouble("seconds", 60);
        long maxRegisterSeconds = a.getLong("max-register-seconds", 420);
        int chunk = a.getInt("chunk", 50_000);
        int concurrency = a.getInt("concurrency", 64);
        List<String> jvm = a.jvmFlags();
        long retention = a.getLong("delta-retention-ms", 60_000);

        int port = ServerProcess.freePort();
        String url = "http://127.0.0.1:" + port + "/eureka/";
        List<String> settings = new ArrayList<>(SideBySide.commonSettings(retention));
        if (kind == ServerProcess.Kind.EUREKA) {
            settings.addAll(SideBySide.eurekaStandalone(url));
        }
        settings.addAll(a.getList("set"));
        System.out.printf(Locale.ROOT, "scale: %s, %d instances (%d per app), then %.0f renews/s for %.0f s; JVM %s; "
                + "load average %.2f%n", kind, instances, perApp, rate, seconds, jvm, Proc.loadAverage());
        try (ServerProcess p = ServerProcess.start(kind, "scale-" + kind.name().toLowerCase(Locale.ROOT), root, port,
                jvm, settings, out.resolve("logs")).awaitReady(Duration.ofSeconds(120));
             Http http = new Http(Math.max(concurrency, a.getInt("connections", 128)))) {
            Target t = p.target();
            long pid = p.pid();
            Scenarios s = new Scenarios(http, t, pid);
            Bodies b = new Bodies("SCALE", perApp, a.getInt("lease-seconds", 900));

            // ---- register
            long start = System.nanoTime();
            long deadline = start + maxRegisterSeconds * 1_000_000_000L;
            int registered = 0;
            Latency regLatency = new Latency();
            long regCpu = 0;
            String broke = null;
            while (registered < instances) {
                if (System.nanoTime() > deadline) {
                    broke = "registration stopped at the time limit (" + maxRegisterSeconds + " s)";
                    break;
                }
                if (!p.alive()) {
                    broke = "server died after " + registered + " registrations; see " + p.log();
                    break;
                }
                int n = Math.min(chunk, instances - registered);
                Driver.Result r = s.register("register", b, registered, n, concurrency);
                regLatency.add(r.latency());
                regCpu += r.cpu().serverNanos();
                registered += (int) r.ok();
                double el = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "  %,9d registered  %6.0f s  %6.0f/s now  %6.0f/s overall  p99 %.1f ms  "
                                + "server %.0f us/op  RSS %.0f MiB  heap used %s%n", registered, el, r.perSecond(),
                        registered / el, r.latency().ms(99), r.serverCpuMicrosPerOp(), Proc.rssBytes(pid) / 1048576.0,
                        heapUsedNoGc(pid));
                if (r.ok() < n) {
                    broke = "registrations failing at " + registered + ": " + r;
                    break;
                }
            }
            double regSeconds = (System.nanoTime() - start) / 1e9;
            long registeredAt = System.nanoTime();
            System.out.printf(Locale.ROOT, "registered %,d in %.0f s (%.0f/s), latency %s, server CPU %.1f us per "
                    + "register%n", registered, regSeconds, registered / regSeconds, regLatency,
                    regCpu / 1000.0 / Math.max(1, registered));
            if (broke != null) {
                System.out.println("BROKE: " + broke);
            }
            if (registered == 0 || !p.alive()) {
                return 1;
            }

            // ---- heartbeats while the registrations are still in the delta window (no delta fetches: a delta then
            // holds every registration; --probe-window fetches one anyway, to show what that costs)
            long windowLeft = retention + 5_000 - (long) ((System.nanoTime() - registeredAt) / 1e6);
            if (a.getBool("probe-window")) {
                long q = System.nanoTime();
                try {
                    Http.Reply d = Http.await(s.get("apps/delta", Scenarios.JSON_GZIP_HEADERS, false), 300);
                    System.out.printf(Locale.ROOT, "  delta inside the window: %d, %.1f ms, %,d bytes gzip%n",
                            d.status(), (System.nanoTime() - q) / 1e6, d.bytes());
                } catch (RuntimeException e) {
                    System.out.printf(Locale.ROOT, "  delta inside the window: FAILED after %.1f ms: %s%n",
                            (System.nanoTime() - q) / 1e6, e.getMessage());
                }
                windowLeft = retention + 5_000 - (long) ((System.nanoTime() - registeredAt) / 1e6);
            }
            if (windowLeft > 1000) {
                System.out.println("  " + s.heartbeatsAtRate("renews (delta window)", b, 0, registered, rate,
                        windowLeft / 1000.0, a.getInt("max-in-flight", 8192)));
            }

            // ---- sustained heartbeats, with a delta fetch every 10 s
            AtomicBoolean stop = new AtomicBoolean();
            List<String> deltas = new ArrayList<>();
            // Its own connections: a probe queued behind thousands of renews would time the load generator's queue.
            Http probeHttp = new Http(2);
            Scenarios probe = new Scenarios(probeHttp, t, pid);
            Thread prober = new Thread(() -> {
                long t0 = System.nanoTime();
                while (!stop.get()) {
                    Scenarios.sleepMs(10_000);
                    if (stop.get()) {
                        break;
                    }
                    long q = System.nanoTime();
                    try {
                        Http.Reply d = Http.await(probe.get("apps/delta", Scenarios.JSON_GZIP_HEADERS, false), 120);
                        deltas.add(String.format(Locale.ROOT, "t+%.0fs: %d, %.1f ms, %,d bytes gzip",
                                (q - t0) / 1e9, d.status(), (System.nanoTime() - q) / 1e6, d.bytes()));
                    } catch (RuntimeException e) {
                        deltas.add(String.format(Locale.ROOT, "t+%.0fs: FAILED after %.1f ms: %s", (q - t0) / 1e9,
                                (System.nanoTime() - q) / 1e6, e.getMessage()));
                    }
                }
            }, "delta-prober");
            prober.setDaemon(true);
            prober.start();
            Driver.Result hb = s.heartbeatsAtRate("renews", b, 0, registered, rate, seconds,
                    a.getInt("max-in-flight", 8192));
            stop.set(true);
            prober.join(130_000);
            probeHttp.close();
            System.out.println("  " + hb);
            deltas.forEach(d -> System.out.println("  delta " + d));
            if (!p.alive()) {
                System.out.println("BROKE: server died during the heartbeats; see " + p.log());
                return 1;
            }
            long[] deltaLatencies = new long[0];
            Driver.Result quiet = s.fetches("delta (after)", "apps/delta", true, 1, 5);
            System.out.println("  " + quiet);
            Scenarios.Memory m = Scenarios.Memory.of(pid);
            System.out.printf(Locale.ROOT, "memory with %,d instances: %s (%.0f bytes of heap per instance)%n",
                    registered, m, m.heapBytes() / (double) registered);
            if (a.getBool("full-fetch")) {
                System.out.println("  " + s.fetches("full fetch gzip", "apps", true, 1, 20));
            }
            String summary = String.format(Locale.ROOT, "%s: %,d instances registered in %.0f s (%.0f/s); renews "
                            + "%.0f/s achieved of %.0f/s asked (%d not sent), %s, server %.1f us/renew (%.2f cores); "
                            + "%s; %s%n", kind, registered, regSeconds, registered / regSeconds, hb.perSecond(), rate,
                    hb.behind(), hb.latency(), hb.serverCpuMicrosPerOp(), hb.serverCores(), m,
                    broke == null ? "did not break" : "BROKE: " + broke);
            System.out.print(summary);
            Files.writeString(out.resolve("scale-" + kind.name().toLowerCase(Locale.ROOT) + ".txt"),
                    summary + String.join("\n", deltas) + "\n");
            return deltaLatencies.length;
        }
    }

    private static String heapUsedNoGc(long pid) {
        String info = Proc.jcmd(pid, "GC.heap_info");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
        return m.find() ? (Long.parseLong(m.group(1)) / 1024) + " MiB" : "?";
    }
}
