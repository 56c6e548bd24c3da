package io.cairn.it.client.bench;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.MyDataCenterInstanceConfig;
import com.netflix.appinfo.providers.EurekaConfigBasedInstanceInfoProvider;
import com.netflix.discovery.CacheRefreshedEvent;
import com.netflix.discovery.DefaultEurekaClientConfig;
import com.netflix.discovery.DiscoveryClient;
import com.netflix.discovery.Jersey3DiscoveryClientOptionalArgs;
import com.netflix.discovery.shared.transport.jersey3.Jersey3TransportClientFactories;
import io.cairn.client.CairnClient;
import io.cairn.client.ClientConfig;
import io.cairn.client.ClientStats;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures one client in a JVM of its own (run with {@code -XX:+UseSerialGC} for exact used-heap figures):
 * <ol>
 *   <li>heap used after a full GC, before the client starts and, after the warm-up, while it holds the registry:
 *       the difference is the heap the client uses, registry included;</li>
 *   <li>after a warm-up, CPU over a measuring window in which the client polls every second: process CPU (GC and JIT
 *       included) and the CPU of Java threads, each divided by the fetches made (or, with the watch, per second).</li>
 * </ol>
 * Prints one line {@code RESULT kind=.. heapBytes=.. fetches=.. fullFetches=.. processCpuNs=.. threadCpuNs=..
 * seconds=..}.
 *
 * <p>Usage: {@code ClientProbe cairn-delta|cairn-watch|netflix <serviceUrl> <expectedInstances> <warmupS> <measureS>}
 */
public final class ClientProbe {
    private ClientProbe() {
    }

    /** The client under measurement. */
    private interface Probe extends AutoCloseable {
        int size();

        long fetches();

        long fullFetches();

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        String url = args[1];
        int expected = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int measure = Integer.parseInt(args[4]);

        // The class loader keeps the central directory of every jar it has opened in the heap; open them all now,
        // so that what the client's classes happen to open is not counted as the client's.
        ClientProbe.class.getClassLoader().getResources("no/such/resource/anywhere").hasMoreElements();
        long before = usedAfterGc();
        Probe probe = switch (kind) {
            case "cairn-delta" -> cairn(url, false);
            case "cairn-watch" -> cairn(url, true);
            case "netflix" -> netflix(url);
            default -> throw new IllegalArgumentException(kind);
        };
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (probe.size() < expected * 95L / 100) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the client holds " + probe.size() + " instances, not " + expected);
            }
            Thread.sleep(20);
        }
        Thread.sleep(warmup * 1000L);
        // Measured in the steady state, after the warm-up: right after the first fetch, the JDK HttpClient may
        // still hold the buffers of that large answer on a connection busy with the first long poll.
        long loaded = usedAfterGc();
        long f0 = probe.fetches();
        long full0 = probe.fullFetches();
        long cpu0 = processCpu();
        long threads0 = threadCpu();
        long t0 = System.nanoTime();
        Thread.sleep(measure * 1000L);
        long f1 = probe.fetches();
        long full1 = probe.fullFetches();
        long cpu1 = processCpu();
        long threads1 = threadCpu();
        long t1 = System.nanoTime();
        System.out.printf("RESULT kind=%s instances=%d heapBytes=%d fetches=%d fullFetches=%d processCpuNs=%d"
                        + " threadCpuNs=%d seconds=%.3f%n", kind, probe.size(), loaded - before, f1 - f0, full1 - full0,
                cpu1 - cpu0, threads1 - threads0, (t1 - t0) / 1e9);
        System.out.flush();
        probe.close();
        System.exit(0);
    }

    private static Probe cairn(String url, boolean watch) {
        CairnClient client = CairnClient.start(ClientConfig.builder()
                .serviceUrl(url)
                .registerWithEureka(false)
                .useWatch(watch)
                .registryFetchInterval(Duration.ofSeconds(1))
                .shutdownHook(false)
                .build());
        return new Probe() {
            @Override
            public int size() {
                return client.stats().instances();
            }

            @Override
            public long fetches() {
                ClientStats s = client.stats();
                return watch ? s.watchAnswers() : s.deltaFetches() + s.fullFetches();
            }

            @Override
            public long fullFetches() {
                return client.stats().fullFetches();
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    private static Probe netflix(String url) {
        NetflixInstance instanceConfig = new NetflixInstance();
        ApplicationInfoManager manager = new ApplicationInfoManager(instanceConfig,
                new EurekaConfigBasedInstanceInfoProvider(instanceConfig).get());
        FetchCounter counter = new FetchCounter();
        Jersey3DiscoveryClientOptionalArgs args = new Jersey3DiscoveryClientOptionalArgs();
        args.setAdditionalFilters(List.of(counter));
        DiscoveryClient client = new DiscoveryClient(manager, new NetflixClientConfig(url),
                new Jersey3TransportClientFactories(), args);
        AtomicLong refreshed = new AtomicLong();
        client.registerEventListener(e -> {
            if (e instanceof CacheRefreshedEvent) {
                refreshed.incrementAndGet();
            }
        });
        return new Probe() {
            @Override
            public int size() {
                return client.getApplications().size();
            }

            @Override
            public long fetches() {
                return counter.count("apps/delta") + counter.count("apps/");
            }

            @Override
            public long fullFetches() {
                return counter.count("apps/");
            }

            @Override
            public void close() {
                client.shutdown();
            }
        };
    }

    /** Counts the Netflix client's registry requests by the end of their path. */
    static final class FetchCounter implements ClientRequestFilter {
        private final Map<String, AtomicLong> counts = new HashMap<>();

        @Override
        public synchronized void filter(ClientRequestContext req) {
            String path = req.getUri().getPath();
            String key = path.endsWith("apps/delta") ? "apps/delta" : path.endsWith("apps/") ? "apps/" : path;
            counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        }

        synchronized long count(String key) {
            AtomicLong n = counts.get(key);
            return n == null ? 0 : n.get();
        }
    }

    private static final class NetflixInstance extends MyDataCenterInstanceConfig {
        NetflixInstance() {
            super("cairn-bench");
        }

        @Override public String getInstanceId() { return "probe"; }
        @Override public String getAppname() { return "probe"; }
        @Override public String getHostName(boolean refresh) { return "probe.test"; }
        @Override public String getIpAddress() { return "127.0.0.1"; }
        @Override public int getNonSecurePort() { return 8080; }
    }

    private static final class NetflixClientConfig extends DefaultEurekaClientConfig {
        private final String url;

        NetflixClientConfig(String url) {
            super("cairn-bench");
            this.url = url;
        }

        @Override public List<String> getEurekaServerServiceUrls(String zone) { return List.of(url); }
        @Override public boolean shouldRegisterWithEureka() { return false; }
        @Override public boolean shouldFetchRegistry() { return true; }
        @Override public int getRegistryFetchIntervalSeconds() { return 1; }
        @Override public boolean shouldDisableDelta() { return false; }
        @Override public int getEurekaServerConnectTimeoutSeconds() { return 5; }
        @Override public int getEurekaServerReadTimeoutSeconds() { return 8; }
    }

    /**
     * Live heap: what the heap pools held at the end of a full collection (with the serial collector,
     * {@code System.gc()} collects everything), the least of five.
     */
    private static long usedAfterGc() throws InterruptedException {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            long live = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                MemoryUsage u = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
                if (u != null) {
                    live += u.getUsed();
                }
            }
            min = Math.min(min, live);
        }
        return min;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long threadCpu() {
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : t.getAllThreadIds()) {
            long c = t.getThreadCpuTime(id);
            if (c > 0) {
                sum += c;
            }
        }
        return sum;
    }
}
