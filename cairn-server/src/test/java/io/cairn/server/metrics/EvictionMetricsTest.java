package io.cairn.server.metrics;

import static io.cairn.server.http.LiveServer.instanceJson;
import static org.assertj.core.api.Assertions.assertThat;

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

class EvictionMetricsTest {
    private final MutableClock clock = new MutableClock(System.currentTimeMillis());
    private final CairnServer server = new CairnServer(CairnConfig.builder().host("127.0.0.1").port(0)
            .enableSelfPreservation(false).evictionInterval(Duration.ofMillis(20)).build(), clock).start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Scrape scrape() throws Exception {
        return new Scrape(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")))
                .body());
    }

    @Test
    void anExpiredLeaseCountsAsAnEvictionNotACancellation() throws Exception {
        URI orders = URI.create("http://127.0.0.1:" + server.port() + "/eureka/apps/ORDERS");
        assertThat(send(HttpRequest.newBuilder(orders).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(instanceJson("ORDERS", "orders-1", "UP")))).statusCode())
                .isEqualTo(204);

        clock.advance(Duration.ofMinutes(10));

        // The eviction timer runs every 20 ms; give it a few runs (the first allows for its own lateness).
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Scrape s = scrape();
        while ((s.value("cairn_evictions_total") < 1 || s.value("cairn_instances{status=\"UP\"}") > 0)
                && System.nanoTime() < deadline) {
            s = scrape();
        }
        assertThat(s.value("cairn_evictions_total")).isEqualTo(1);
        assertThat(s.value("cairn_cancellations_total")).isZero();
        assertThat(s.value("cairn_instances{status=\"UP\"}")).isZero();
    }
}
