package io.cairn.server.ops;

import static io.cairn.server.ops.OpsFixtures.instance;
import static io.cairn.server.ops.OpsFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.http.LiveServer;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthAndInfoTest {

    @Test
    void aStandaloneNodeIsLiveAndReady() {
        try (LiveServer live = new LiveServer()) {
            HttpResponse<byte[]> health = live.get("/health", "application/json");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(json(health).path("status").asText()).isEqualTo("UP");

            HttpResponse<byte[]> ready = live.get("/ready", "application/json");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(json(ready).path("status").asText()).isEqualTo("READY");
            assertThat(json(ready).path("synced").asBoolean()).isTrue();
        }
    }

    @Test
    void aNodeThatCannotSyncFromItsPeersIsLiveButNotReady() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        CairnConfig.Builder config = CairnConfig.builder()
                .peerUrls("http://127.0.0.1:" + closedPort + "/eureka/")
                .registrySyncRetryWait(Duration.ofMillis(50));
        try (LiveServer live = new LiveServer(config)) {
            assertThat(live.get("/health", "application/json").statusCode()).isEqualTo(200);
            HttpResponse<byte[]> ready = live.get("/ready", "application/json");
            assertThat(ready.statusCode()).isEqualTo(503);
            JsonNode body = json(ready);
            assertThat(body.path("status").asText()).isEqualTo("NOT_READY");
            assertThat(body.path("reason").asText()).contains("peers");
        }
    }

    @Test
    void infoDescribesTheNodeForTheDashboard() {
        CairnConfig.Builder config = CairnConfig.builder().zone("eu-west-1a").region("eu-west-1")
                .enableSelfPreservation(false).adminPassword("pw");
        try (LiveServer live = new LiveServer(config)) {
            live.postJson("/eureka/apps/ORDERS", instance("ORDERS", "orders-1", "UP", Map.of()));
            live.postJson("/eureka/apps/ORDERS", instance("ORDERS", "orders-2", "STARTING", Map.of()));
            JsonNode info = json(live.get("/info", "application/json"));
            assertThat(info.path("node").asText()).endsWith(":" + live.server.port());
            assertThat(info.path("version").asText()).isNotBlank();
            assertThat(info.path("zone").asText()).isEqualTo("eu-west-1a");
            assertThat(info.path("region").asText()).isEqualTo("eu-west-1");
            assertThat(info.path("basePath").asText()).isEqualTo("/eureka");
            assertThat(info.path("registryIndex").asLong()).isEqualTo(2);
            assertThat(info.path("instances").asInt()).isEqualTo(2);
            assertThat(info.path("byStatus").path("STARTING").asInt()).isEqualTo(1);
            assertThat(info.path("leaseExpirationEnabled").asBoolean()).isTrue();
            assertThat(info.path("selfPreservation").path("enabled").asBoolean()).isFalse();
            assertThat(info.path("selfPreservation").path("active").asBoolean()).isFalse();
            assertThat(info.path("selfPreservation").has("warning")).isFalse();
            assertThat(info.path("readsOpen").asBoolean()).isTrue();
            assertThat(info.path("admin").path("enabled").asBoolean()).isTrue();
        }
    }

    @Test
    void infoWarnsInPlainWordsWhenSelfPreservationHoldsLeases() {
        // Eureka's defaults: one client expected, none renewing, so self-preservation holds from the start.
        try (LiveServer live = new LiveServer()) {
            JsonNode sp = json(live.get("/info", "application/json")).path("selfPreservation");
            assertThat(sp.path("active").asBoolean()).isTrue();
            assertThat(sp.path("warning").asText())
                    .contains("stopped expiring leases")
                    .contains("heartbeats arrived in the last minute");
        }
    }

    @Test
    void operationsEndpointsAnswerHeadAndRefuseOtherMethods() {
        try (LiveServer live = new LiveServer()) {
            assertThat(live.send(HttpRequest.newBuilder(live.uri("/health"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
            HttpResponse<byte[]> post = live.send(HttpRequest.newBuilder(live.uri("/ready"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(json(post).path("error").asText()).contains("not allowed");
        }
    }
}
