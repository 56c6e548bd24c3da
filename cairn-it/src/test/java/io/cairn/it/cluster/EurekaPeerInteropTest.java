package io.cairn.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Cairn node and the real Eureka server (Spring Cloud Netflix, unmodified) configured as each other's peers, the
 * migration path from Eureka to Cairn: registrations, heartbeats and cancellations flow both ways.
 */
class EurekaPeerInteropTest {
    private static final int LEASE_SECONDS = 3;
    private static NodeProcess cairn;
    private static NodeProcess eureka;
    private static final Heartbeats heartbeats = new Heartbeats(1000);

    @BeforeAll
    static void startPeers() {
        int cairnPort = NodeProcess.freePort();
        int eurekaPort = NodeProcess.freePort();
        // Eureka sends the basic credentials in Cairn's URL with its replication; Eureka itself has no security.
        String cairnUrl = NodeProcess.peerUrl(cairnPort);
        String eurekaUrl = "http://127.0.0.1:" + eurekaPort + "/eureka/";
        String both = cairnUrl + "," + eurekaUrl;
        eureka = NodeProcess.eureka("interop-eureka", eurekaPort, List.of(
                "eureka.client.service-url.defaultZone=" + both,
                // Eureka tells itself apart by host name only, and both run on 127.0.0.1.
                "eureka.server.my-url=" + eurekaUrl,
                "eureka.server.enable-self-preservation=false",
                "eureka.server.eviction-interval-timer-in-ms=1000")).start();
        cairn = NodeProcess.cairn("interop-cairn", cairnPort, List.of(
                "eureka.client.service-url.defaultZone=" + both,
                "eureka.server.enable-self-preservation=false",
                "eureka.server.eviction-interval-timer-in-ms=500",
                "eureka.server.registry-sync-retry-wait-ms=500")).start();
        eureka.awaitReady(Duration.ofSeconds(120));
        cairn.awaitReady(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopPeers() {
        heartbeats.close();
        Stream.of(cairn, eureka).filter(java.util.Objects::nonNull).forEach(NodeProcess::close);
    }

    @Test
    void registrationsHeartbeatsAndCancelsFlowBothWays() {
        assertThat(Rest.register(cairn, "ON-CAIRN", "c-1", LEASE_SECONDS, 1000)).isEqualTo(204);
        heartbeats.keep(cairn, "ON-CAIRN", "c-1", LEASE_SECONDS, 1000);
        assertThat(Rest.register(eureka, "ON-EUREKA", "e-1", LEASE_SECONDS, 1000)).isEqualTo(204);
        heartbeats.keep(eureka, "ON-EUREKA", "e-1", LEASE_SECONDS, 1000);

        await().atMost(Duration.ofSeconds(15)).until(() -> Stream.of(cairn, eureka).allMatch(n ->
                Rest.registry(n).containsAll(List.of("ON-CAIRN/c-1=UP", "ON-EUREKA/e-1=UP"))));

        // Each instance beats against one server only; the other keeps it through replicated heartbeats.
        await().during(Duration.ofSeconds(3L * LEASE_SECONDS)).atMost(Duration.ofSeconds(3L * LEASE_SECONDS + 5))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Stream.of(cairn, eureka).allMatch(n ->
                        Rest.registry(n).containsAll(List.of("ON-CAIRN/c-1=UP", "ON-EUREKA/e-1=UP"))));

        heartbeats.stop("ON-CAIRN", "c-1");
        heartbeats.stop("ON-EUREKA", "e-1");
        assertThat(Rest.cancel(eureka, "ON-CAIRN", "c-1")).isEqualTo(200);
        assertThat(Rest.cancel(cairn, "ON-EUREKA", "e-1")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Stream.of(cairn, eureka).allMatch(n ->
                Rest.registry(n).stream().noneMatch(s -> s.startsWith("ON-"))));
    }

    @Test
    void anOverrideSetOnCairnReachesEureka() {
        assertThat(Rest.register(cairn, "OVERRIDDEN", "o-1", 60, 2000)).isEqualTo(204);
        await().atMost(Duration.ofSeconds(15)).until(() -> Rest.registry(eureka).contains("OVERRIDDEN/o-1=UP"));

        assertThat(Rest.override(cairn, "OVERRIDDEN", "o-1", "OUT_OF_SERVICE")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                Rest.registry(eureka).contains("OVERRIDDEN/o-1=OUT_OF_SERVICE"));
        Rest.cancel(cairn, "OVERRIDDEN", "o-1");
    }

    @Test
    void aCancelReachesThePeerLongBeforeTheLeaseCouldHaveRunOut() {
        // Minute-long leases: only the replicated cancel can take these instances off the other server in time.
        assertThat(Rest.register(cairn, "CANCELLED", "on-cairn", 60, 3000)).isEqualTo(204);
        assertThat(Rest.register(eureka, "CANCELLED", "on-eureka", 60, 3000)).isEqualTo(204);
        await().atMost(Duration.ofSeconds(15)).until(() -> Stream.of(cairn, eureka).allMatch(n -> Rest.registry(n)
                .containsAll(List.of("CANCELLED/on-cairn=UP", "CANCELLED/on-eureka=UP"))));

        assertThat(Rest.cancel(cairn, "CANCELLED", "on-cairn")).isEqualTo(200);
        assertThat(Rest.cancel(eureka, "CANCELLED", "on-eureka")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Stream.of(cairn, eureka).allMatch(n ->
                Rest.registry(n).stream().noneMatch(s -> s.startsWith("CANCELLED/"))));
    }

    @Test
    void anOverrideSetOnEurekaReachesCairnAndItsRemovalFromCairnReachesEureka() {
        assertThat(Rest.register(eureka, "OVERRIDDEN-E", "e-o", 60, 4000)).isEqualTo(204);
        await().atMost(Duration.ofSeconds(15)).until(() -> Rest.registry(cairn).contains("OVERRIDDEN-E/e-o=UP"));

        assertThat(Rest.override(eureka, "OVERRIDDEN-E", "e-o", "OUT_OF_SERVICE")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() ->
                Rest.registry(cairn).contains("OVERRIDDEN-E/e-o=OUT_OF_SERVICE"));

        assertThat(Rest.deleteOverride(cairn, "OVERRIDDEN-E", "e-o")).isEqualTo(200);
        // As in Eureka, the instance is UNKNOWN until it registers again (its next heartbeat gets 404).
        await().atMost(Duration.ofSeconds(15)).until(() -> Rest.registry(eureka).stream()
                .noneMatch(s -> s.equals("OVERRIDDEN-E/e-o=OUT_OF_SERVICE")));
        Rest.cancel(eureka, "OVERRIDDEN-E", "e-o");
    }
}
