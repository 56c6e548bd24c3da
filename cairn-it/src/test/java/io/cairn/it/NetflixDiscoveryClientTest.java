package io.cairn.it;

import static io.cairn.it.Waiting.soon;
import static io.cairn.it.Waiting.within;
import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import com.netflix.discovery.shared.Application;
import com.netflix.discovery.shared.Applications;
import io.cairn.model.ActionType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Netflix {@code DiscoveryClient} (eureka-client 2.0.x, Jersey 3 transport, legacy JSON codec) in plain Java
 * against a Cairn node: every client-side step of the protocol (register, heartbeat, re-register on 404, status and
 * metadata changes, cancel, eviction, delta fetches, failover) works as it does against Eureka.
 */
class NetflixDiscoveryClientTest {
    private static final String ORDERS = "ORDERS";
    private static final String ORDERS_1 = "orders-1";
    private static final String ORDERS_1_PATH = "/eureka/apps/ORDERS/orders-1";

    private Cairn cairn;
    private RawEureka http;
    private final List<NetflixClient> clients = new ArrayList<>();

    @BeforeEach
    void startCairn() {
        cairn = Cairn.start();
        http = new RawEureka(cairn);
    }

    @AfterEach
    void stopEverything() {
        List<NetflixClient> reversed = new ArrayList<>(clients);
        Collections.reverse(reversed);
        reversed.forEach(NetflixClient::close);
        cairn.close();
    }

    @Test
    void aRegisteredInstanceIsInCairnAndInAnotherClientsRegistry() {
        NetflixClient orders = start(service("orders", ORDERS_1).port(8081).metadata("zone", "zone-a"));
        NetflixClient observer = start(observer());

        var stored = soon().until(() -> cairn.instance(ORDERS, ORDERS_1), Optional::isPresent).orElseThrow();
        assertThat(stored.status()).isEqualTo(io.cairn.model.InstanceStatus.UP);
        assertThat(stored.port()).isEqualTo(8081);
        assertThat(stored.hostName()).isEqualTo("orders-1.test");
        assertThat(stored.metadata()).containsEntry("zone", "zone-a");
        // 204 is the only answer the client takes as a successful registration.
        assertThat(orders.traffic().responsesTo("POST", "/eureka/apps/ORDERS", 204)).isPositive();

        InstanceInfo seen = awaitSeen(observer, ORDERS, ORDERS_1, InstanceStatus.UP);
        assertThat(seen.getAppName()).isEqualTo(ORDERS);
        assertThat(seen.getHostName()).isEqualTo("orders-1.test");
        assertThat(seen.getIPAddr()).isEqualTo("127.0.0.1");
        assertThat(seen.getPort()).isEqualTo(8081);
        assertThat(seen.isPortEnabled(InstanceInfo.PortType.UNSECURE)).isTrue();
        assertThat(seen.isPortEnabled(InstanceInfo.PortType.SECURE)).isFalse();
        assertThat(seen.getVIPAddress()).isEqualTo("orders");
        assertThat(seen.getMetadata()).containsEntry("zone", "zone-a");
        assertThat(seen.getLeaseInfo().getDurationInSecs()).isEqualTo(5);
        assertThat(observer.client().getInstancesByVipAddress("orders", false))
                .extracting(InstanceInfo::getInstanceId).containsExactly(ORDERS_1);
    }

    @Test
    void heartbeatsKeepALeaseAliveWellPastItsDuration() {
        NetflixClient orders = start(service("orders", ORDERS_1).lease(1, 2));
        awaitRegistered(ORDERS, ORDERS_1);

        // Cairn expires a lease exactly 2 s after its last renewal and evicts every second: still being there after
        // more than two lease durations means the heartbeats did renew it.
        within(Duration.ofSeconds(8)).during(Duration.ofSeconds(5))
                .until(() -> cairn.instance(ORDERS, ORDERS_1).isPresent());

        assertThat(cairn.actionsOf(ORDERS_1)).doesNotContain(ActionType.DELETED);
        // 200 is the only answer the client takes as a successful heartbeat.
        assertThat(orders.traffic().responsesTo("PUT", ORDERS_1_PATH, 200)).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aHeartbeatForAnUnknownInstanceGets404AndTheClientRegistersAgainByItself() {
        NetflixClient orders = start(service("orders", ORDERS_1));
        awaitSteady(orders);

        int mark = orders.traffic().responses().size();
        assertThat(cairn.registry().cancel(ORDERS, ORDERS_1, false)).isTrue();
        assertThat(cairn.instance(ORDERS, ORDERS_1)).isEmpty();

        awaitRegistered(ORDERS, ORDERS_1);
        assertThat(cairn.actionsOf(ORDERS_1)).containsSubsequence(ActionType.ADDED, ActionType.DELETED,
                ActionType.ADDED);
        assertReRegisteredAfter404(orders, mark);
    }

    @Test
    void aStatusChangeInTheApplicationIsSeenByAnotherClient() {
        NetflixClient orders = start(service("orders", ORDERS_1));
        NetflixClient observer = start(observer());
        awaitSeen(observer, ORDERS, ORDERS_1, InstanceStatus.UP);

        // The client sends status changes as a full re-registration, at once (on-demand replication).
        orders.infoManager().setInstanceStatus(InstanceStatus.DOWN);

        awaitSeen(observer, ORDERS, ORDERS_1, InstanceStatus.DOWN);
        assertThat(cairn.instance(ORDERS, ORDERS_1).orElseThrow().status())
                .isEqualTo(io.cairn.model.InstanceStatus.DOWN);
        // Only UP instances are handed out to the application.
        assertThat(observer.client().getInstancesByVipAddress("orders", false)).isEmpty();

        orders.infoManager().setInstanceStatus(InstanceStatus.UP);
        awaitSeen(observer, ORDERS, ORDERS_1, InstanceStatus.UP);
        assertThat(observer.client().getInstancesByVipAddress("orders", false)).hasSize(1);
    }

    @Test
    void anOperatorOverrideAndItsRemovalAreSeenByAnotherClient() {
        NetflixClient orders = start(service("orders", ORDERS_1));
        NetflixClient observer = start(observer());
        awaitSeen(observer, ORDERS, ORDERS_1, InstanceStatus.UP);

        HttpResponse<byte[]> put = http.send("PUT", ORDERS_1_PATH + "/status?value=OUT_OF_SERVICE", null);
        assertThat(put.statusCode()).isEqualTo(200);

        InstanceInfo overridden = awaitSeen(observer, ORDERS, ORDERS_1, InstanceStatus.OUT_OF_SERVICE);
        assertThat(overridden.getOverriddenStatus()).isEqualTo(InstanceStatus.OUT_OF_SERVICE);
        // The instance keeps saying UP in its heartbeats; the override wins over them.
        within(Duration.ofSeconds(5)).during(Duration.ofSeconds(2)).until(() -> cairn.instance(ORDERS, ORDERS_1)
                .map(i -> i.status() == io.cairn.model.InstanceStatus.OUT_OF_SERVICE).orElse(false));

        // As Spring's service-registry endpoint removes an override: only the instance's lastDirtyTimestamp.
        awaitSteady(orders);
        long dirty = cairn.instance(ORDERS, ORDERS_1).orElseThrow().lastDirtyTimestamp();
        int mark = orders.traffic().responses().size();
        HttpResponse<byte[]> delete = http.send("DELETE", ORDERS_1_PATH + "/status?lastDirtyTimestamp=" + dirty,
                null);
        assertThat(delete.statusCode()).isEqualTo(200);

        InstanceInfo back = awaitSeen(observer, ORDERS, ORDERS_1, InstanceStatus.UP);
        assertThat(back.getOverriddenStatus()).isEqualTo(InstanceStatus.UNKNOWN);
        // In between, the instance was UNKNOWN; its next heartbeat got a 404 and it registered again as UP.
        assertThat(cairn.statusHistoryOf(ORDERS_1)).containsSubsequence(
                io.cairn.model.InstanceStatus.UP, io.cairn.model.InstanceStatus.OUT_OF_SERVICE,
                io.cairn.model.InstanceStatus.UNKNOWN, io.cairn.model.InstanceStatus.UP);
        assertReRegisteredAfter404(orders, mark);
    }

    @Test
    void aMetadataUpdateThroughTheRestApiIsSeenByAnotherClient() {
        start(service("orders", ORDERS_1).metadata("zone", "zone-a"));
        NetflixClient observer = start(observer());
        awaitSeen(observer, ORDERS, ORDERS_1, InstanceStatus.UP);

        HttpResponse<byte[]> put = http.send("PUT", ORDERS_1_PATH + "/metadata?build=42&owner=team-a", null);
        assertThat(put.statusCode()).isEqualTo(200);

        InstanceInfo seen = soon().until(() -> observer.seen(ORDERS, ORDERS_1),
                i -> i.isPresent() && "42".equals(i.get().getMetadata().get("build"))).orElseThrow();
        assertThat(seen.getMetadata()).containsEntry("owner", "team-a").containsEntry("zone", "zone-a");
        assertThat(seen.getStatus()).isEqualTo(InstanceStatus.UP);
    }

    @Test
    void shuttingTheClientDownCancelsItsLeaseAtOnce() {
        NetflixClient orders = start(service("orders", ORDERS_1));
        NetflixClient observer = start(observer());
        awaitSeen(observer, ORDERS, ORDERS_1, InstanceStatus.UP);

        orders.close();

        // No waiting: the DELETE is sent synchronously by shutdown().
        assertThat(cairn.instance(ORDERS, ORDERS_1)).isEmpty();
        assertThat(orders.traffic().responsesTo("DELETE", ORDERS_1_PATH, 200)).isEqualTo(1);
        soon().until(() -> observer.seen(ORDERS, ORDERS_1).isEmpty());
    }

    @Test
    void anInstanceThatStopsHeartbeatingIsEvictedWhenItsLeaseRunsOut() {
        // A crash: the client stops without cancelling its lease.
        NetflixClient orders = start(service("orders", ORDERS_1).lease(1, 3).unregisterOnShutdown(false));
        NetflixClient observer = start(observer());
        awaitSeen(observer, ORDERS, ORDERS_1, InstanceStatus.UP);

        orders.close();
        assertThat(orders.traffic().requestsTo("DELETE", ORDERS_1_PATH)).isZero();
        assertThat(cairn.actionsOf(ORDERS_1)).doesNotContain(ActionType.DELETED);

        // 3 s after the last heartbeat the lease has run out; the next eviction run (every second) removes it.
        within(Duration.ofSeconds(7)).until(() -> cairn.actionsOf(ORDERS_1).contains(ActionType.DELETED));
        assertThat(cairn.registry().size()).isZero();
        soon().until(() -> observer.seen(ORDERS, ORDERS_1).isEmpty());
    }

    @Test
    void aLeaseExpiresAfterExactlyItsDurationNotTwice() {
        // Registered over raw HTTP with a 3 s lease and never renewed. Eureka would keep it for 2 x 3 s (its
        // documented expiry bug); Cairn expires it after 3 s and evicts it at the next run.
        InstanceDoc doc = InstanceDoc.of("BATCH", "batch-1").lease(30, 3);
        long registeredAt = System.nanoTime();
        assertThat(http.register(doc)).isEqualTo(204);

        within(Duration.ofSeconds(3)).during(Duration.ofMillis(2500))
                .until(() -> cairn.instance("BATCH", "batch-1").isPresent());
        within(Duration.ofSeconds(6)).until(() -> cairn.actionsOf("batch-1").contains(ActionType.DELETED));
        long evictedAfterMs = (System.nanoTime() - registeredAt) / 1_000_000;
        assertThat(evictedAfterMs).isGreaterThanOrEqualTo(3000).isLessThan(6000);
    }

    @Test
    void anotherClientConvergesThroughDeltasWithoutEverFallingBackToAFullFetch() {
        // The client only asks for deltas once its local registry is not empty: give it something to start with.
        assertThat(http.register(InstanceDoc.of("SEED", "seed-1"))).isEqualTo(204);
        NetflixClient observer = start(observer());
        assertThat(observer.seen("SEED", "seed-1")).isPresent();

        // A series of changes of every kind, each awaited on the observer's side.
        NetflixClient orders = start(service("orders", ORDERS_1));
        awaitSeen(observer, ORDERS, ORDERS_1, InstanceStatus.UP);
        for (int i = 1; i <= 3; i++) {
            assertThat(http.register(InstanceDoc.of("BATCH", "batch-" + i).port(9000 + i))).isEqualTo(204);
        }
        soon().until(() -> batchSize(observer) == 3);
        orders.infoManager().setInstanceStatus(InstanceStatus.DOWN);
        awaitSeen(observer, ORDERS, ORDERS_1, InstanceStatus.DOWN);
        assertThat(http.send("PUT", "/eureka/apps/BATCH/batch-1/status?value=OUT_OF_SERVICE", null).statusCode())
                .isEqualTo(200);
        awaitSeen(observer, "BATCH", "batch-1", InstanceStatus.OUT_OF_SERVICE);
        assertThat(http.send("PUT", "/eureka/apps/BATCH/batch-2/metadata?color=blue", null).statusCode())
                .isEqualTo(200);
        soon().until(() -> observer.seen("BATCH", "batch-2")
                .map(i -> "blue".equals(i.getMetadata().get("color"))).orElse(false));
        assertThat(http.cancel("BATCH", "batch-3").statusCode()).isEqualTo(200);
        soon().until(() -> observer.seen("BATCH", "batch-3").isEmpty());
        orders.close();
        soon().until(() -> observer.seen(ORDERS, ORDERS_1).isEmpty());

        Traffic traffic = observer.traffic();
        // One full fetch, in the constructor; after that, deltas only: every delta's apps__hashcode matched the
        // registry the client had rebuilt from it, or the client would have fetched everything again.
        assertThat(traffic.requestsTo("GET", "/eureka/apps/")).as("full fetches").isEqualTo(1);
        assertThat(traffic.responsesTo("GET", "/eureka/apps/delta", 200)).as("deltas").isGreaterThanOrEqualTo(7);
        assertThat(traffic.responses()).filteredOn(e -> e.path().equals("/eureka/apps/delta"))
                .allSatisfy(e -> assertThat(e.status()).isEqualTo(200));
        String serverHash = http.readJson("/eureka/apps").path("applications").path("apps__hashcode").asText();
        assertThat(observer.client().getApplications().getAppsHashCode()).isEqualTo(serverHash)
                .isEqualTo("OUT_OF_SERVICE_1_UP_2_");
    }

    @Test
    void aRegistryOf500InstancesIn50ApplicationsIsReadExactly() {
        Map<String, InstanceDoc> registered = new LinkedHashMap<>();
        Map<String, Integer> statusCounts = new TreeMap<>();
        String[] statuses = {"UP", "UP", "DOWN", "UP", "OUT_OF_SERVICE", "UP", "STARTING", "UP", "UP", "UP"};
        for (int a = 0; a < 50; a++) {
            for (int i = 0; i < 10; i++) {
                int n = a * 10 + i;
                String status = statuses[(a + i) % statuses.length];
                InstanceDoc doc = InstanceDoc.of(String.format("SVC-%02d", a), String.format("svc-%02d-%d", a, i))
                        .host(String.format("host-%03d.svc.test", n))
                        .ip("10.1." + a + "." + (i + 1))
                        .port(20000 + n)
                        .status(status)
                        .vip(String.format("svc-%02d", a));
                if (n % 7 != 0) {
                    // Every seventh instance has none, which travels as the EmptyMap marker.
                    doc.metadata("index", Integer.toString(n))
                            .metadata("zone", "zone-" + (n % 3))
                            .metadata("management.port", Integer.toString(30000 + n));
                }
                assertThat(http.register(doc)).as("register %s", doc.id()).isEqualTo(204);
                registered.put(doc.id(), doc);
                statusCounts.merge(status, 1, Integer::sum);
            }
        }
        StringBuilder expectedHash = new StringBuilder();
        statusCounts.forEach((s, c) -> expectedHash.append(s).append('_').append(c).append('_'));
        assertThat(expectedHash).hasToString("DOWN_50_OUT_OF_SERVICE_50_STARTING_50_UP_350_");

        // Its constructor does the full fetch, synchronously.
        NetflixClient reader = start(observer());

        Applications apps = reader.client().getApplications();
        assertThat(apps.getRegisteredApplications()).hasSize(50);
        assertThat(apps.getRegisteredApplications().stream().mapToInt(a -> a.getInstancesAsIsFromEureka().size())
                .sum()).isEqualTo(500);
        for (InstanceDoc doc : registered.values()) {
            Application app = apps.getRegisteredApplications(doc.app());
            assertThat(app).as(doc.app()).isNotNull();
            InstanceInfo seen = app.getByInstanceId(doc.id());
            assertThat(seen).as(doc.id()).isNotNull();
            assertThat(seen.getAppName()).isEqualTo(doc.app());
            assertThat(seen.getHostName()).isEqualTo(doc.host());
            assertThat(seen.getIPAddr()).isEqualTo(doc.ip());
            assertThat(seen.getPort()).as(doc.id()).isEqualTo(doc.port());
            assertThat(seen.getStatus()).as(doc.id()).isEqualTo(InstanceStatus.valueOf(doc.status()));
            assertThat(seen.getVIPAddress()).isEqualTo(doc.vip());
            assertThat(seen.getMetadata()).as(doc.id()).isEqualTo(doc.metadata());
        }
        String serverHash = http.readJson("/eureka/apps").path("applications").path("apps__hashcode").asText();
        assertThat(serverHash).isEqualTo(expectedHash.toString());
        assertThat(apps.getAppsHashCode()).isEqualTo(expectedHash.toString());
        assertThat(apps.getReconcileHashCode()).isEqualTo(expectedHash.toString());
    }

    @Test
    void aClientWhoseFirstServiceUrlIsDeadFailsOverToCairn() throws IOException {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        NetflixClient orders = NetflixClient.registering("orders", ORDERS_1)
                .serviceUrls("http://127.0.0.1:" + deadPort + "/eureka/", cairn.serviceUrl())
                .start();
        clients.add(orders);

        awaitRegistered(ORDERS, ORDERS_1);
        // Its own fetches work too: it sees itself.
        soon().until(() -> orders.seen(ORDERS, ORDERS_1).isPresent());

        assertThat(orders.traffic().requests()).as("tried the dead server first")
                .anySatisfy(e -> assertThat(e.uri().getPort()).isEqualTo(deadPort));
        assertThat(orders.traffic().responses()).as("every answer came from Cairn")
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.uri().getPort()).isEqualTo(cairn.port()));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private NetflixClient.Builder service(String app, String id) {
        return NetflixClient.registering(app, id).serviceUrls(cairn.serviceUrl());
    }

    private NetflixClient.Builder observer() {
        return NetflixClient.observing().serviceUrls(cairn.serviceUrl());
    }

    private NetflixClient start(NetflixClient.Builder builder) {
        NetflixClient c = builder.start();
        clients.add(c);
        return c;
    }

    private void awaitRegistered(String app, String id) {
        soon().until(() -> cairn.instance(app, id).isPresent());
    }

    /**
     * Waits until a client has registered and is only heartbeating: at start it may register twice (its first
     * heartbeat can beat the instance-info replicator, get a 404 and register too), and a test that removes the
     * instance must not race with a registration still in flight.
     */
    private static void awaitSteady(NetflixClient client) {
        String path = "/eureka/apps/" + client.infoManager().getInfo().getAppName() + "/"
                + client.infoManager().getInfo().getId();
        soon().until(() -> {
            Traffic t = client.traffic();
            long posts = t.requests().stream().filter(e -> e.method().equals("POST")).count();
            long answered = t.responses().stream().filter(e -> e.method().equals("POST")).count();
            return posts > 0 && posts == answered && t.responses().stream()
                    .anyMatch(e -> e.is("PUT", path) && e.status() == 200);
        });
    }

    private static InstanceInfo awaitSeen(NetflixClient observer, String app, String id, InstanceStatus status) {
        return soon().until(() -> observer.seen(app, id),
                i -> i.isPresent() && i.get().getStatus() == status).orElseThrow();
    }

    private static int batchSize(NetflixClient observer) {
        Application a = observer.client().getApplications().getRegisteredApplications("BATCH");
        return a == null ? 0 : a.getInstancesAsIsFromEureka().size();
    }

    /**
     * Asserts that, among the responses the client got from {@code mark} on, a heartbeat was answered 404 and the
     * client then registered again (204), as {@code DiscoveryClient.renew()} does.
     */
    private static void assertReRegisteredAfter404(NetflixClient client, int mark) {
        List<Traffic.Exchange> responses = soon().until(() -> {
            List<Traffic.Exchange> all = client.traffic().responses();
            return all.subList(Math.min(mark, all.size()), all.size());
        }, rs -> rs.stream().anyMatch(e -> e.is("PUT", ORDERS_1_PATH) && e.status() == 404));
        Traffic.Exchange notFound = responses.stream()
                .filter(e -> e.is("PUT", ORDERS_1_PATH) && e.status() == 404).findFirst().orElseThrow();
        soon().untilAsserted(() -> assertThat(client.traffic().responses())
                .anySatisfy(e -> {
                    assertThat(e.is("POST", "/eureka/apps/ORDERS")).isTrue();
                    assertThat(e.status()).isEqualTo(204);
                    assertThat(e.seq()).isGreaterThan(notFound.seq());
                }));
    }
}
