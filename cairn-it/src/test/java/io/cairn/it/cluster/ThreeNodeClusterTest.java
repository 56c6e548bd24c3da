package io.cairn.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three Cairn processes on loopback, each configured with all three URLs as Eureka peers are: what a client does on
 * one node shows on the others, heartbeats to one node keep an instance alive on all, and a node that crashed
 * copies the registry from its peers when it comes back.
 */
class ThreeNodeClusterTest {
    private static final int LEASE_SECONDS = 2;
    private static int[] ports;
    private static NodeProcess a;
    private static NodeProcess b;
    private static NodeProcess c;
    private static final Heartbeats heartbeats = new Heartbeats(400);

    static List<String> settings() {
        String peers = String.join(",", Stream.of(ports[0], ports[1], ports[2])
                .map(NodeProcess::peerUrl).toList());
        return List.of("eureka.client.service-url.defaultZone=" + peers,
                "eureka.server.enable-self-preservation=false",
                "eureka.server.eviction-interval-timer-in-ms=500",
                "cairn.cluster.renewal-digest-interval-ms=300",
                "eureka.server.registry-sync-retry-wait-ms=300");
    }

    @BeforeAll
    static void startCluster() {
        ports = new int[] {NodeProcess.freePort(), NodeProcess.freePort(), NodeProcess.freePort()};
        a = NodeProcess.cairn("three-a", ports[0], settings()).start();
        b = NodeProcess.cairn("three-b", ports[1], settings()).start();
        c = NodeProcess.cairn("three-c", ports[2], settings()).start();
        for (NodeProcess n : List.of(a, b, c)) {
            n.awaitReady(Duration.ofSeconds(60));
        }
        // The first replication loads classes and warms up the path; the assertions below are about steady state.
        Rest.register(a, "WARMUP", "w1", 60, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> Rest.registry(b).contains("WARMUP/w1=UP")
                && Rest.registry(c).contains("WARMUP/w1=UP"));
        Rest.cancel(a, "WARMUP", "w1");
    }

    @AfterAll
    static void stopCluster() {
        heartbeats.close();
        Stream.of(a, b, c).filter(java.util.Objects::nonNull).forEach(NodeProcess::close);
    }

    @Test
    void peersAuthenticateAndTheirSecretIsNeverShown() throws Exception {
        String peers = Rest.json(a, "peers").toString();
        assertThat(peers).contains("peer:***@127.0.0.1:" + ports[1]).doesNotContain(NodeProcess.PEER_SECRET);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String batch = "{\"replicationList\":[{\"appName\":\"X\",\"id\":\"x\",\"action\":\"Cancel\"}]}";
        java.net.http.HttpResponse<String> anonymous = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(b.serviceUrl() + "peerreplication/batch"))
                .header("Content-Type", "application/json").header("x-netflix-discovery-replication", "true")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(batch)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("target", "cluster-logs", "three-a.log")))
                .doesNotContain(NodeProcess.PEER_SECRET).doesNotContain(NodeProcess.ADMIN_TOKEN);
    }

    @Test
    void anInstanceRegisteredOnOneNodeIsVisibleOnTheOthersWithinASecond() {
        assertThat(Rest.register(a, "ORDERS", "fast-1", 60, 1000)).isEqualTo(204);
        long start = System.nanoTime();

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                .until(() -> Rest.registry(b).contains("ORDERS/fast-1=UP") && Rest.registry(c).contains("ORDERS/fast-1=UP"));
        System.out.printf("register on A visible on B and C after %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void heartbeatsToOneNodeKeepTheInstanceAliveOnAllAndItsDeathIsSeenEverywhere() {
        assertThat(Rest.register(b, "PAYMENTS", "beating-1", LEASE_SECONDS, 2000)).isEqualTo(204);
        heartbeats.keep(b, "PAYMENTS", "beating-1", LEASE_SECONDS, 2000);

        await().atMost(Duration.ofSeconds(5)).until(() -> Rest.registry(c).contains("PAYMENTS/beating-1=UP"));
        // Three lease durations, checked all along: no node may drop it while it beats against B alone.
        await().during(Duration.ofSeconds(3L * LEASE_SECONDS)).atMost(Duration.ofSeconds(3L * LEASE_SECONDS + 5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Stream.of(a, b, c).allMatch(n -> Rest.registry(n).contains("PAYMENTS/beating-1=UP")));

        heartbeats.stop("PAYMENTS", "beating-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> Stream.of(a, b, c)
                .noneMatch(n -> Rest.registry(n).stream().anyMatch(s -> s.startsWith("PAYMENTS/beating-1"))));
    }

    @Test
    void cancelsAndStatusOverridesPropagate() {
        assertThat(Rest.register(b, "GATEWAY", "gw-1", 60, 3000)).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> Rest.registry(a).contains("GATEWAY/gw-1=UP"));

        assertThat(Rest.override(c, "GATEWAY", "gw-1", "OUT_OF_SERVICE")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> Stream.of(a, b, c)
                .allMatch(n -> Rest.registry(n).contains("GATEWAY/gw-1=OUT_OF_SERVICE")));
        assertThat(Rest.json(a, "apps/GATEWAY/gw-1").path("instance").path("overriddenStatus").asText())
                .isEqualTo("OUT_OF_SERVICE");

        assertThat(Rest.deleteOverride(a, "GATEWAY", "gw-1")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> Stream.of(a, b, c)
                .allMatch(n -> Rest.registry(n).contains("GATEWAY/gw-1=UNKNOWN")));
        // The client's next heartbeat is refused and it registers again, UP, through whichever node it uses.
        assertThat(Rest.renew(b, "GATEWAY", "gw-1", 3000)).isEqualTo(404);
        assertThat(Rest.register(b, "GATEWAY", "gw-1", 60, 3000)).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> Stream.of(a, b, c)
                .allMatch(n -> Rest.registry(n).contains("GATEWAY/gw-1=UP")));

        assertThat(Rest.cancel(c, "GATEWAY", "gw-1")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> Stream.of(a, b, c)
                .noneMatch(n -> Rest.registry(n).stream().anyMatch(s -> s.startsWith("GATEWAY/"))));
    }

    /** Long-polls {@code node} from {@code index} until an event with {@code action} arrives; returns that event. */
    private static com.fasterxml.jackson.databind.JsonNode nextEvent(NodeProcess node, long[] index, String epoch,
                                                                     String action) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            var answer = Rest.json(node, "watch?app=WATCHED&wait=2s&index=" + index[0] + "&epoch=" + epoch);
            assertThat(answer.path("reset").asBoolean()).as("no reset expected").isFalse();
            index[0] = answer.path("index").asLong();
            for (var e : answer.path("events")) {
                if (e.path("action").asText().equals(action)) {
                    return e;
                }
            }
        }
        throw new AssertionError("no " + action + " event on node " + node.port());
    }

    @Test
    void aWatcherOnOneNodeSeesRegisterStatusChangeAndCancelMadeOnAnother() {
        var reset = Rest.json(b, "watch?app=WATCHED");
        assertThat(reset.path("reset").asBoolean()).isTrue();
        long[] index = {reset.path("index").asLong()};
        String epoch = reset.path("epoch").asText();

        assertThat(Rest.register(a, "WATCHED", "w-1", 60, 5000)).isEqualTo(204);
        assertThat(nextEvent(b, index, epoch, "ADDED").path("instance").path("instanceId").asText()).isEqualTo("w-1");

        assertThat(Rest.override(a, "WATCHED", "w-1", "OUT_OF_SERVICE")).isEqualTo(200);
        assertThat(nextEvent(b, index, epoch, "MODIFIED").path("instance").path("status").asText())
                .isEqualTo("OUT_OF_SERVICE");

        assertThat(Rest.cancel(a, "WATCHED", "w-1")).isEqualTo(200);
        assertThat(nextEvent(b, index, epoch, "DELETED").path("instance").path("instanceId").asText())
                .isEqualTo("w-1");
    }

    @Test
    void aCrashedNodeComesBackWithTheWholeRegistryCopiedFromItsPeers() {
        assertThat(Rest.register(a, "INVENTORY", "inv-1", 120, 4000)).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> Rest.registry(c).contains("INVENTORY/inv-1=UP"));

        c.kill();
        assertThat(Rest.register(b, "INVENTORY", "inv-2", 120, 4000)).isEqualTo(204);
        c = NodeProcess.cairn("three-c-restarted", ports[2], settings()).start().awaitReady(Duration.ofSeconds(60));

        // Ready means synced: the restarted node answers registry reads only once it holds its peers' registry.
        Set<String> restored = Rest.registry(c);
        assertThat(restored).contains("INVENTORY/inv-1=UP", "INVENTORY/inv-2=UP");
        await().atMost(Duration.ofSeconds(5)).until(() -> Rest.registry(c).equals(Rest.registry(a))
                && Rest.registry(a).equals(Rest.registry(b)));
    }
}
