package io.cairn.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A partition: node C is cut off from A and B (every link between them goes through a proxy the test cuts). Both
 * sides keep serving reads and writes, self-preservation holds every lease while renewals are missing, and once the
 * links heal the three nodes converge on one registry, without losing any instance that kept heartbeating.
 */
class PartitionTest {
    // Longer than two measuring windows of self-preservation, as Eureka's 90 s (really 180 s) lease is to its minute:
    // a drop in renewals must be seen before the first lease runs out.
    private static final int LEASE_SECONDS = 8;
    // Each window holds two heartbeats of every instance, as Eureka's minute holds two 30 s heartbeats, and there are
    // enough instances that a digest landing on either side of a window's edge cannot swing the count over the
    // threshold: with one beat per window and two instances per node, one late digest switched self-preservation
    // off for a window and let a node evict the cut-off side's instances.
    private static final int MEASURE_WINDOW_MS = 2000;
    private static final int INSTANCES_PER_NODE = 6;
    private final List<ToxicProxy> proxies = new ArrayList<>();
    private final List<ToxicProxy> toAndFromC = new ArrayList<>();
    private final Heartbeats heartbeats = new Heartbeats(1000);
    private NodeProcess a;
    private NodeProcess b;
    private NodeProcess c;

    @AfterEach
    void stop() {
        heartbeats.close();
        Stream.of(a, b, c).filter(java.util.Objects::nonNull).forEach(NodeProcess::close);
        proxies.forEach(ToxicProxy::close);
    }

    private ToxicProxy link(int targetPort, boolean touchesC) throws IOException {
        ToxicProxy p = new ToxicProxy(targetPort);
        proxies.add(p);
        if (touchesC) {
            toAndFromC.add(p);
        }
        return p;
    }

    private static List<String> settings(String peerUrls) {
        return List.of("eureka.client.service-url.defaultZone=" + peerUrls,
                // The peers here are proxies whose URLs carry no user info: the nodes authenticate with a token.
                "cairn.cluster.peer-token=" + NodeProcess.PEER_SECRET,
                "eureka.server.enable-self-preservation=true",
                "eureka.server.renewal-percent-threshold=0.85",
                "eureka.server.expected-client-renewal-interval-seconds=1",
                "cairn.registry.renews-measure-interval-ms=" + MEASURE_WINDOW_MS,
                "eureka.server.eviction-interval-timer-in-ms=500",
                "cairn.cluster.renewal-digest-interval-ms=300",
                "eureka.server.registry-sync-retry-wait-ms=300");
    }

    private static boolean selfPreserving(NodeProcess n) {
        return Rest.json(n, "status").path("selfPreservation").path("active").asBoolean();
    }

    @Test
    void bothSidesServeDuringAPartitionAndConvergeAfterIt() throws IOException {
        int pa = NodeProcess.freePort();
        int pb = NodeProcess.freePort();
        int pc = NodeProcess.freePort();
        String aPeers = link(pb, false).url() + "," + link(pc, true).url();
        String bPeers = link(pa, false).url() + "," + link(pc, true).url();
        String cPeers = link(pa, true).url() + "," + link(pb, true).url();
        a = NodeProcess.cairn("partition-a", pa, settings(aPeers)).start();
        b = NodeProcess.cairn("partition-b", pb, settings(bPeers)).start();
        c = NodeProcess.cairn("partition-c", pc, settings(cPeers)).start();
        for (NodeProcess n : List.of(a, b, c)) {
            n.awaitReady(Duration.ofSeconds(60));
        }

        Set<String> alive = new TreeSet<>();
        for (NodeProcess n : List.of(a, b, c)) {
            for (int i = 0; i < INSTANCES_PER_NODE; i++) {
                String id = "svc-" + n.port() + "-" + i;
                assertThat(Rest.register(n, "SVC", id, LEASE_SECONDS, 1000)).isEqualTo(204);
                heartbeats.keep(n, "SVC", id, LEASE_SECONDS, 1000);
                alive.add("SVC/" + id + "=UP");
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Stream.of(a, b, c)
                .allMatch(n -> Rest.registry(n).equals(alive)));

        toAndFromC.forEach(ToxicProxy::cut);

        // Each side still takes writes and answers reads.
        assertThat(Rest.register(a, "SVC", "during-a", LEASE_SECONDS, 1000)).isEqualTo(204);
        heartbeats.keep(a, "SVC", "during-a", LEASE_SECONDS, 1000);
        assertThat(Rest.register(c, "SVC", "during-c", LEASE_SECONDS, 1000)).isEqualTo(204);
        heartbeats.keep(c, "SVC", "during-c", LEASE_SECONDS, 1000);
        await().atMost(Duration.ofSeconds(5)).until(() -> Rest.registry(b).contains("SVC/during-a=UP"));
        assertThat(Rest.registry(c)).contains("SVC/during-c=UP").doesNotContain("SVC/during-a=UP");

        // Renewals of the other side no longer arrive: each side preserves rather than evicts.
        await().atMost(Duration.ofSeconds(10)).until(() -> selfPreserving(a) && selfPreserving(c));
        await().during(Duration.ofSeconds(2L * LEASE_SECONDS)).atMost(Duration.ofSeconds(2L * LEASE_SECONDS + 5))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Stream.of(a, b, c).allMatch(n -> Rest.registry(n).containsAll(alive)));

        toAndFromC.forEach(ToxicProxy::heal);
        alive.add("SVC/during-a=UP");
        alive.add("SVC/during-c=UP");
        long healed = System.nanoTime();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> Stream.of(a, b, c).allMatch(n -> Rest.registry(n).equals(alive)));
        System.out.printf("converged %d ms after the links healed%n", (System.nanoTime() - healed) / 1_000_000);
    }
}
