package io.cairn.server.cache;

import static io.cairn.server.http.LiveServer.instanceJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.server.CairnServer;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.registry.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats move lease times without a registry change; cached documents show them at most the refresh interval
 * late, and are not rebuilt for them when nobody renewed.
 */
class LeaseTimesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MutableClock clock = new MutableClock(1_800_000_000_000L);
    private final CairnServer server = new CairnServer(CairnConfig.builder().host("127.0.0.1").port(0)
            .leaseTimesRefreshInterval(Duration.ofSeconds(30)).build(), clock).start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long lastRenewal(String path) throws Exception {
        JsonNode lease = JSON.readTree(send("GET", path, null).body()).get("applications").get("application").get(0)
                .get("instance").get(0).get("leaseInfo");
        return lease.get("lastRenewalTimestamp").asLong();
    }

    @Test
    void renewalsReachCachedDocumentsWithinTheRefreshInterval() throws Exception {
        long registeredAt = clock.millis();
        assertThat(send("POST", "/eureka/apps/ORDERS", instanceJson("ORDERS", "o1", "UP")).statusCode())
                .isEqualTo(204);
        assertThat(lastRenewal("/eureka/apps")).isEqualTo(registeredAt);
        assertThat(lastRenewal("/eureka/apps/delta")).isEqualTo(registeredAt);

        clock.advance(Duration.ofSeconds(31));
        long renewedAt = clock.millis();
        assertThat(send("PUT", "/eureka/apps/ORDERS/o1", null).statusCode()).isEqualTo(200);

        assertThat(lastRenewal("/eureka/apps")).isEqualTo(renewedAt);
        assertThat(lastRenewal("/eureka/apps/delta")).isEqualTo(renewedAt);

        long builds = server.payloadCache().builds();
        clock.advance(Duration.ofSeconds(60));
        lastRenewal("/eureka/apps");
        lastRenewal("/eureka/apps/delta");
        assertThat(server.payloadCache().builds()).as("no heartbeat since: nothing to rebuild").isEqualTo(builds);
    }
}
