package io.cairn.server.cluster;

import static io.cairn.server.http.LiveServer.instanceJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.config.Setting;
import io.cairn.server.http.LiveServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node's start among peers: reads (and watches) are held back with 403 until the registry could be copied, writes
 * are taken meanwhile; self-preservation starts from what was copied; a cluster whose every node is starting opens at
 * once; with no peer reachable the gate opens when its wait runs out.
 */
class StartupSyncTest {
    private HttpServer peer;
    private LiveServer node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (peer != null) {
            peer.stop(0);
        }
    }

    /** A peer answering every registry read with {@code apps} (Eureka JSON) and {@code X-Cairn-Synced: synced}. */
    private String peer(String apps, boolean synced) throws IOException {
        peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peer.createContext("/eureka/", ex -> {
            byte[] b = apps.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.getResponseHeaders().add("X-Cairn-Index", "7");
            ex.getResponseHeaders().add("X-Cairn-Synced", Boolean.toString(synced));
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        peer.start();
        return "http://127.0.0.1:" + peer.getAddress().getPort() + "/eureka/";
    }

    private static String deadUrl() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/eureka/";
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration within) {
        io.cairn.server.Eventually.awaitTrue("reads open", within, condition);
    }

    private static String apps(String... ids) {
        StringBuilder instances = new StringBuilder();
        for (String id : ids) {
            String one = instanceJson("ORDERS", id, "UP");
            instances.append(instances.length() == 0 ? "" : ",")
                    .append(one, "{\"instance\":".length(), one.length() - 1);
        }
        return "{\"applications\":{\"versions__delta\":\"1\",\"apps__hashcode\":\"UP_" + ids.length + "_\","
                + "\"application\":[{\"name\":\"ORDERS\",\"instance\":[" + instances + "]}]}}";
    }

    @Test
    void withNoPeerReachableReadsAndWatchesWaitWhileWritesAreTakenUntilTheGateOpens() throws IOException {
        node = new LiveServer(CairnConfig.builder().peerUrls(deadUrl())
                .set(Setting.WAIT_WHEN_SYNC_EMPTY, Duration.ofSeconds(2))
                .set(Setting.REGISTRY_SYNC_RETRIES, 1)
                .registrySyncRetryWait(Duration.ofMillis(100)));
        assertThat(node.get("/eureka/apps", "application/json").statusCode()).isEqualTo(403);
        assertThat(node.get("/eureka/apps/delta", "application/json").statusCode()).isEqualTo(403);
        assertThat(node.get("/eureka/watch", "application/json").statusCode()).isEqualTo(403);
        assertThat(node.get("/eureka/events", "text/event-stream").statusCode()).isEqualTo(403);
        assertThat(node.get("/ready", "application/json").statusCode()).isEqualTo(503);
        assertThat(node.postJson("/eureka/apps/ORDERS", instanceJson("ORDERS", "o1", "UP")).statusCode())
                .isEqualTo(204);

        awaitTrue(() -> node.get("/eureka/apps", "application/json").statusCode() == 200, Duration.ofSeconds(10));
        assertThat(new String(node.get("/eureka/apps/ORDERS", "application/json").body(), StandardCharsets.UTF_8))
                .contains("o1");
        assertThat(node.get("/ready", "application/json").statusCode()).isEqualTo(200);
    }

    @Test
    void aSyncedPeersRegistryIsCopiedAndSelfPreservationExpectsItsInstances() throws IOException {
        node = new LiveServer(CairnConfig.builder().peerUrls(peer(apps("o1", "o2", "o3"), true))
                .registrySyncRetryWait(Duration.ofMillis(100)));
        awaitTrue(() -> node.get("/eureka/apps", "application/json").statusCode() == 200, Duration.ofSeconds(10));
        assertThat(node.server.registry().size()).isEqualTo(3);
        assertThat(node.server.registry().selfPreservation().expectedClients()).isEqualTo(3);
    }

    @Test
    void whenEveryPeerIsStartingTooTheNodeOpensAtOnceWithNothingCopied() throws IOException {
        node = new LiveServer(CairnConfig.builder().peerUrls(peer(apps("o1"), false))
                .registrySyncRetryWait(Duration.ofMillis(100)));
        awaitTrue(() -> node.get("/eureka/apps", "application/json").statusCode() == 200, Duration.ofSeconds(5));
        assertThat(node.server.registry().size()).isZero();
    }
}
