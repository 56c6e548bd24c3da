package io.cairn.server.metrics;

import static io.cairn.server.http.LiveServer.instanceJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.server.config.CairnConfig;
import io.cairn.server.http.LiveServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {
    private final LiveServer live = new LiveServer(CairnConfig.builder().enableSelfPreservation(false).anonymousOverrides(true));

    @AfterEach
    void stop() {
        live.close();
    }

    private Scrape scrape() {
        HttpResponse<byte[]> r = live.get("/metrics", "text/plain");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        return new Scrape(new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void countersMoveWithRegistrationsHeartbeatsAndCancellations() {
        Scrape before = scrape();
        assertThat(before.value("cairn_registrations_total")).isZero();
        assertThat(before.value("cairn_renewals_total")).isZero();

        for (int i = 1; i <= 3; i++) {
            assertThat(live.postJson("/eureka/apps/ORDERS", instanceJson("ORDERS", "orders-" + i, "UP")).statusCode())
                    .isEqualTo(204);
        }
        for (int beat = 0; beat < 5; beat++) {
            assertThat(live.put("/eureka/apps/ORDERS/orders-1").statusCode()).isEqualTo(200);
        }
        // A heartbeat for an unknown instance is answered 404 and is not a renewal.
        assertThat(live.put("/eureka/apps/ORDERS/ghost").statusCode()).isEqualTo(404);
        assertThat(live.put("/eureka/apps/ORDERS/orders-2/status?value=OUT_OF_SERVICE").statusCode()).isEqualTo(200);
        assertThat(live.delete("/eureka/apps/ORDERS/orders-3").statusCode()).isEqualTo(200);

        Scrape after = scrape();
        assertThat(after.value("cairn_registrations_total")).isEqualTo(3);
        assertThat(after.value("cairn_renewals_total")).isEqualTo(5);
        assertThat(after.value("cairn_status_changes_total")).isEqualTo(1);
        assertThat(after.value("cairn_cancellations_total")).isEqualTo(1);
        assertThat(after.value("cairn_evictions_total")).isZero();
        assertThat(after.value("cairn_instances{status=\"UP\"}")).isEqualTo(1);
        assertThat(after.value("cairn_instances{status=\"OUT_OF_SERVICE\"}")).isEqualTo(1);
        assertThat(after.value("cairn_registry_index")).isEqualTo(5);
        // Changes, as in Eureka's recently-changed queue: three registrations, a status change and a cancel.
        assertThat(after.value("cairn_delta_queue_size")).isEqualTo(5);
        assertThat(after.value("cairn_http_server_requests_seconds_count{method=\"PUT\","
                + "route=\"/eureka/apps/{app}/{id}\",status=\"200\"}")).isEqualTo(5);
        assertThat(after.value("cairn_http_server_requests_seconds_count{method=\"PUT\","
                + "route=\"/eureka/apps/{app}/{id}\",status=\"404\"}")).isEqualTo(1);
        assertThat(after.value("cairn_http_server_requests_seconds_count{method=\"POST\","
                + "route=\"/eureka/apps/{app}\",status=\"204\"}")).isEqualTo(3);
    }

    @Test
    void exposesSelfPreservationCacheWatchersAndTheJvm() {
        live.get("/eureka/apps", "application/json");
        live.get("/eureka/apps", "application/json");
        Scrape s = scrape();
        assertThat(s.value("cairn_self_preservation_enabled")).isZero();
        assertThat(s.value("cairn_self_preservation_active")).isZero();
        assertThat(s.has("cairn_self_preservation_renews_threshold")).isTrue();
        assertThat(s.has("cairn_renews_last_minute")).isTrue();
        assertThat(s.value("cairn_cache_rebuilds_total")).isGreaterThanOrEqualTo(1);
        assertThat(s.value("cairn_cache_hits_total")).isGreaterThanOrEqualTo(1);
        assertThat(s.value("cairn_watchers{kind=\"long_poll\"}")).isZero();
        assertThat(s.value("cairn_watchers{kind=\"stream\"}")).isZero();
        assertThat(s.hasMetric("jvm_memory_used_bytes")).isTrue();
        assertThat(s.hasMetric("jvm_gc_pause_seconds_count") || s.hasMetric("jvm_gc_memory_allocated_bytes_total"))
                .isTrue();
        assertThat(s.hasMetric("jvm_threads_live_threads")).isTrue();
        assertThat(s.hasMetric("process_uptime_seconds")).isTrue();
        assertThat(s.text()).contains("# HELP cairn_renewals_total");
    }

    @Test
    void countsHeldLongPollsAsWatchers() throws Exception {
        var pending = live.http.sendAsync(HttpRequest.newBuilder(live.uri("/eureka/watch?index=0&wait=10s")).build(),
                HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + 5_000_000_000L;
        double held = 0;
        while (held < 1 && System.nanoTime() < deadline) {
            held = scrape().value("cairn_watchers{kind=\"long_poll\"}");
        }
        assertThat(held).isEqualTo(1);
        assertThat(live.postJson("/eureka/apps/ORDERS", instanceJson("ORDERS", "orders-1", "UP")).statusCode())
                .isEqualTo(204);
        assertThat(pending.get().statusCode()).isEqualTo(200);
    }

    @Test
    void refusesWritesToTheMetricsEndpoint() {
        HttpResponse<byte[]> r = live.send(HttpRequest.newBuilder(live.uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }
}
