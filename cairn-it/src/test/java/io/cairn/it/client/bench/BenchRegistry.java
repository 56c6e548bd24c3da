package io.cairn.it.client.bench;

import io.cairn.model.DataCenterInfo;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.model.LeaseInfo;
import io.cairn.server.CairnServer;
import io.cairn.server.config.CairnConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The registry both clients are measured against, in a process of its own so that its heap is not counted: a Cairn
 * node holding {@code instances} instances in apps of 20 (shaped like Spring Cloud registrations, long leases), with
 * {@code changesPerSecond} status flips (UP to DOWN and back) so that every delta has content, and a second, empty
 * node for the clients' fixed cost. The delta window is 30 s, so a delta holds about {@code 30 x changesPerSecond}
 * instances once warm. Prints {@code READY <port> <emptyPort>} when serving.
 *
 * <p>Usage: {@code BenchRegistry <instances> <changesPerSecond>}
 */
public final class BenchRegistry {
    private BenchRegistry() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        double changesPerSecond = Double.parseDouble(args[1]);
        CairnConfig config = CairnConfig.builder().host("127.0.0.1").port(0).enableSelfPreservation(false)
                .deltaRetention(Duration.ofSeconds(30)).build();
        CairnServer server = new CairnServer(config).start();
        CairnServer empty = new CairnServer(config).start();
        List<InstanceInfo> instances = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            InstanceInfo i = instance(n);
            instances.add(i);
            server.registry().register(i, false);
        }
        System.out.println("READY " + server.port() + " " + empty.port());
        System.out.flush();
        Random random = new Random(42);
        long periodNanos = (long) (1_000_000_000L / Math.max(0.001, changesPerSecond));
        long next = System.nanoTime();
        while (true) {
            next += periodNanos;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            }
            if (changesPerSecond <= 0) {
                continue;
            }
            int n = random.nextInt(count);
            InstanceInfo current = server.registry().instance(instances.get(n).app(), instances.get(n).id()).orElseThrow();
            InstanceStatus flipped = current.status() == InstanceStatus.UP ? InstanceStatus.DOWN : InstanceStatus.UP;
            long now = System.currentTimeMillis();
            server.registry().register(instances.get(n).toBuilder().status(flipped)
                    .lastDirtyTimestamp(now).lastUpdatedTimestamp(now).build(), false);
        }
    }

    static InstanceInfo instance(int n) {
        String app = String.format("service-%03d", n / 20);
        String host = String.format("ip-10-1-%d-%d.eu-west-1.compute.internal", n / 250, n % 250);
        int port = 8080;
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("management.port", "8081");
        metadata.put("zone", "zone-" + (char) ('a' + n % 3));
        metadata.put("version", "1.4." + (n % 7));
        long t = 1_712_000_000_000L + n;
        return InstanceInfo.builder()
                .instanceId(host + ":" + app + ":" + port)
                .hostName(host)
                .app(app.toUpperCase())
                .ipAddr(String.format("10.1.%d.%d", n / 250, n % 250))
                .status(InstanceStatus.UP)
                .port(port).portEnabled(true)
                .securePort(443).securePortEnabled(false)
                .dataCenterInfo(DataCenterInfo.MY_OWN)
                .leaseInfo(new LeaseInfo(30, 24 * 3600, 0, 0, 0, 0))
                .metadata(metadata)
                .homePageUrl("http://" + host + ":" + port + "/")
                .statusPageUrl("http://" + host + ":" + port + "/actuator/info")
                .healthCheckUrl("http://" + host + ":" + port + "/actuator/health")
                .vipAddress(app)
                .secureVipAddress(app)
                .lastDirtyTimestamp(t)
                .lastUpdatedTimestamp(t)
                .build();
    }
}
