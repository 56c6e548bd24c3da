package io.cairn.server.ops;

import static io.cairn.server.ops.OpsFixtures.instance;
import static io.cairn.server.ops.OpsFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.server.http.LiveServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrometheusTargetsTest {
    private final LiveServer live = new LiveServer(io.cairn.server.config.CairnConfig.builder().anonymousOverrides(true));

    @AfterEach
    void stop() {
        live.close();
    }

    private JsonNode targets(String query) {
        HttpResponse<byte[]> r = live.get("/prometheus/targets" + query, "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return json(r);
    }

    private static List<String> addresses(JsonNode doc) {
        List<String> out = new ArrayList<>();
        doc.forEach(group -> group.path("targets").forEach(t -> out.add(t.asText())));
        return out;
    }

    @Test
    void listsEveryUpInstanceWithItsAppZoneAndMetadataAsLabels() {
        live.postJson("/eureka/apps/ORDERS", instance("ORDERS", "orders-1", "UP",
                Map.of("zone", "eu-1a", "git.commit", "a1b2c3")));
        live.postJson("/eureka/apps/ORDERS", instance("ORDERS", "orders-2", "DOWN", Map.of()));
        live.postJson("/eureka/apps/ORDERS", instance("ORDERS", "orders-3", "UP", Map.of()));
        live.put("/eureka/apps/ORDERS/orders-3/status?value=OUT_OF_SERVICE");

        JsonNode doc = targets("");
        assertThat(addresses(doc)).containsExactly("orders-1.internal:8080");
        JsonNode labels = doc.get(0).path("labels");
        assertThat(labels.path("app").asText()).isEqualTo("ORDERS");
        assertThat(labels.path("zone").asText()).isEqualTo("eu-1a");
        assertThat(labels.path("__meta_cairn_instance_id").asText()).isEqualTo("orders-1");
        assertThat(labels.path("__meta_cairn_status").asText()).isEqualTo("UP");
        // Metadata keys become valid label names.
        assertThat(labels.path("__meta_cairn_metadata_git_commit").asText()).isEqualTo("a1b2c3");
        assertThat(labels.has("__metrics_path__")).isFalse();
    }

    @Test
    void instancesChooseTheirScrapePathPortAndSchemeOrOptOut() {
        live.postJson("/eureka/apps/GATEWAY", instance("GATEWAY", "gw-1", "UP",
                Map.of("prometheus.path", "/actuator/prometheus", "prometheus.port", "9090")));
        live.postJson("/eureka/apps/GATEWAY", instance("GATEWAY", "gw-2", "UP", Map.of("prometheus.scrape", "false")));
        live.postJson("/eureka/apps/SECURE", instance("SECURE", "s-1", "UP", Map.of(), false, 8080, true, 8443));

        JsonNode doc = targets("");
        assertThat(addresses(doc)).containsExactlyInAnyOrder("gw-1.internal:9090", "s-1.internal:8443");
        for (JsonNode group : doc) {
            JsonNode labels = group.path("labels");
            if (labels.path("app").asText().equals("GATEWAY")) {
                assertThat(labels.path("__metrics_path__").asText()).isEqualTo("/actuator/prometheus");
            } else {
                assertThat(labels.path("__scheme__").asText()).isEqualTo("https");
            }
        }
    }

    @Test
    void canBeLimitedToSomeApplications() {
        live.postJson("/eureka/apps/ORDERS", instance("ORDERS", "orders-1", "UP", Map.of()));
        live.postJson("/eureka/apps/PAYMENTS", instance("PAYMENTS", "payments-1", "UP", Map.of()));
        assertThat(addresses(targets("?app=payments"))).containsExactly("payments-1.internal:8080");
        assertThat(addresses(targets("?app=orders&app=payments"))).hasSize(2);
        assertThat(targets("?app=nothing")).isEmpty();
    }
}
