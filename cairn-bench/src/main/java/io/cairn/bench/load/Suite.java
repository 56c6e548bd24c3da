package io.cairn.bench.load;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The same scenarios, in the same order, against one server: register, heartbeats, memory, full fetches, deltas,
 * freshness. Returns named figures; the side-by-side run puts two servers' figures in one table.
 */
public final class Suite {
    /** What to run and how hard. */
    public record Options(int instances, int perApp, int warmupInstances, int concurrency, double heartbeatSeconds,
                          double warmupSeconds, double fetchSeconds, int fetchConcurrency, int deltaInstances,
                          long deltaRetentionMs, int freshnessSamples, double freshnessTimeoutSeconds,
                          Set<String> scenarios) {
        public boolean has(String s) {
            return scenarios.isEmpty() || scenarios.contains(s);
        }
    }

    private final Scenarios s;
    private final Options o;
    private final PrintStream log;
    private final Map<String, Double> figures = new LinkedHashMap<>();

    public Suite(Scenarios scenarios, Options options, PrintStream log) {
        this.s = scenarios;
        this.o = options;
        this.log = log;
    }

    private void put(String name, double value) {
        figures.put(name, value);
    }

    private void record(String prefix, Driver.Result r) {
        log.println("  " + r);
        put(prefix + ".rate", r.perSecond());
        put(prefix + ".cpu_us", r.serverCpuMicrosPerOp());
        for (String group : r.cpu().serverThreads().keySet()) {
            put(prefix + ".cpu_" + group + "_us", r.serverThreadMicrosPerOp(group));
        }
        put(prefix + ".server_cores", r.serverCores());
        put(prefix + ".bench_cores", r.benchCores());
        put(prefix + ".p50_ms", r.latency().ms(50));
        put(prefix + ".p99_ms", r.latency().ms(99));
        put(prefix + ".p999_ms", r.latency().ms(99.9));
        put(prefix + ".max_ms", r.latency().maxMs());
        put(prefix + ".bytes", r.ok() == 0 ? 0 : r.bytes() / (double) r.ok());
        put(prefix + ".errors", r.failed() + r.unexpected());
    }

    public Map<String, Double> run() {
        Target t = s.target();
        long pid = t.pid();
        Bodies main = new Bodies("SVC", o.perApp(), 900);
        Bodies warm = new Bodies("WARM", o.perApp(), 900);
        Bodies rewarm = new Bodies("REWARM", o.perApp(), 900);
        Bodies delta = new Bodies("DELTA", o.perApp(), 900);
        Bodies fresh = new Bodies("FRESH", 1, 900);
        int warmed = 0;
        int rewarmed = 0;
        put("load_average_start", Proc.loadAverage());

        Scenarios.Memory base = null;
        if (o.has("memory") && pid > 0) {
            base = Scenarios.Memory.of(pid);
            log.println("  baseline: " + base);
        }

        // Warm-up: JIT both servers' register and renew paths before anything is measured.
        log.println("  warm-up: " + o.warmupInstances() + " registrations, " + o.warmupSeconds() + " s of heartbeats");
        if (o.warmupInstances() > 0) {
            // Three passes (the last two re-register): the register path gets compiled before it is measured.
            for (int pass = 0; pass < 3; pass++) {
                log.println("  " + s.register("warmup register", warm, 0, o.warmupInstances(), o.concurrency()));
            }
            warmed += o.warmupInstances();
            if (o.warmupSeconds() > 0) {
                log.println("  " + s.heartbeats("warmup heartbeat", warm, 0, o.warmupInstances(), o.concurrency(),
                        o.warmupSeconds()));
                // A JIT that has seen only heartbeats for a while recompiles the request path on the first
                // registrations after them (Cairn's log showed 1,390 compilations in that second), and the register
                // path's C2 thresholds fall around the 15,000th call: new instances again until the compiler threads
                // take under a tenth of the server's CPU (at most 8 passes), so that what is measured is the cost of
                // a registration, not of compiling it.
                for (int pass = 0; pass < 8; pass++) {
                    Driver.Result r = s.register("warmup register again", rewarm, rewarmed,
                            o.warmupInstances(), o.concurrency());
                    log.println("  " + r);
                    rewarmed += o.warmupInstances();
                    if (r.serverThreadMicrosPerOp("jit") < 0.1 * r.serverCpuMicrosPerOp()) {
                        break;
                    }
                }
            }
        }

        int total = o.instances() + warmed;
        long registeredAt = System.nanoTime();
        if (o.has("register")) {
            record("register", s.register("register", main, 0, o.instances(), o.concurrency()));
            registeredAt = System.nanoTime();
        }
        if (o.has("heartbeat")) {
            record("heartbeat", s.heartbeats("heartbeat", main, 0, o.instances(), o.concurrency(),
                    o.heartbeatSeconds()));
        }
        if (o.has("memory") && base != null) {
            // While the registrations are still in the delta window, both servers also hold them as recent changes.
            Scenarios.Memory m = Scenarios.Memory.of(pid);
            log.println("  with " + (total + rewarmed) + " instances, changes still in the delta window: " + m);
            put("memory.window_heap_per_instance", (m.heapBytes() - base.heapBytes()) / (double) (total + rewarmed));
        }
        if (rewarmed > 0) {
            // The registry the later scenarios see is the one described: the warm-up's first instances and the
            // measured ones.
            log.println("  " + s.cancels("warmup cancel", rewarm, 0, rewarmed, o.concurrency()));
            // The steady state and the deltas below wait until these cancels, too, have left the delta window.
            registeredAt = System.nanoTime();
        }

        if (o.has("fetch")) {
            double waited = s.awaitDocument("apps", n -> n == total, 45);
            log.println(String.format(java.util.Locale.ROOT, "  full registry document current after %.1f s", waited));
            put("fetch.stale_s", waited);
            s.fetches("warmup fetch", "apps", true, o.fetchConcurrency(), 2);
            record("fetch_json", s.fetches("full fetch json", "apps", false, o.fetchConcurrency(),
                    o.fetchSeconds()));
            record("fetch_gzip", s.fetches("full fetch gzip", "apps", true, o.fetchConcurrency(),
                    o.fetchSeconds()));
        }
        if (o.has("delta") || o.has("memory")) {
            // Wait until the registrations above have left the delta window (steady state: the registry, not its
            // recent history), then measure memory and make a known set of changes for the deltas.
            long waitMs = o.deltaRetentionMs() + 6000 - (System.nanoTime() - registeredAt) / 1_000_000;
            if (waitMs > 0) {
                log.println("  waiting " + waitMs / 1000 + " s for the registrations to leave the delta window");
                Scenarios.sleepMs(waitMs);
            }
        }
        if (o.has("memory") && base != null) {
            Scenarios.Memory m = Scenarios.Memory.of(pid);
            log.println("  with " + total + " instances, steady state: " + m);
            put("memory.heap_mib", m.heapBytes() / 1048576.0);
            put("memory.rss_mib", m.rssBytes() / 1048576.0);
            put("memory.heap_per_instance", (m.heapBytes() - base.heapBytes()) / (double) total);
            put("memory.rss_per_instance", (m.rssBytes() - base.rssBytes()) / (double) total);
        }
        if (o.has("delta")) {
            log.println("  " + s.register("delta register", delta, 0, o.deltaInstances(), o.concurrency()));
            double waited = s.awaitDocument("apps/delta", n -> n == o.deltaInstances(), 45);
            log.println(String.format(java.util.Locale.ROOT, "  delta shows the %d changes after %.1f s",
                    o.deltaInstances(), waited));
            put("delta.stale_s", waited);
            record("delta_json", s.fetches("delta json", "apps/delta", false, o.fetchConcurrency(),
                    o.fetchSeconds()));
            record("delta_gzip", s.fetches("delta gzip", "apps/delta", true, o.fetchConcurrency(),
                    o.fetchSeconds()));
        }
        if (o.has("freshness")) {
            Scenarios.Freshness f = s.freshness(fresh, 0, o.freshnessSamples(), 1000, o.freshnessTimeoutSeconds());
            log.println("  " + f);
            put("fresh.register_p50_ms", f.registerToRead().ms(50));
            put("fresh.register_max_ms", f.registerToRead().maxMs());
            put("fresh.register_first_read", f.firstReadShowedRegister() / (double) f.samples());
            put("fresh.cancel_p50_ms", f.cancelToRead().ms(50));
            put("fresh.cancel_max_ms", f.cancelToRead().maxMs());
            put("fresh.cancel_first_read", f.firstReadShowedCancel() / (double) f.samples());
            put("fresh.watch_p50_ms", f.registerToWatch().ms(50));
            put("fresh.watch_max_ms", f.registerToWatch().maxMs());
            put("fresh.timeouts", f.timeouts());
        }
        put("load_average_end", Proc.loadAverage());
        return figures;
    }
}
