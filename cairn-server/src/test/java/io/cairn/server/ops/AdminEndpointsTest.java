package io.cairn.server.ops;

import static io.cairn.server.ops.OpsFixtures.instance;
import static io.cairn.server.ops.OpsFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.server.config.CairnConfig;
import io.cairn.server.http.LiveServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminEndpointsTest {
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("ops:s3cret".getBytes(StandardCharsets.UTF_8));
    private static final String TOKEN = "Bearer t0ken";

    private final LiveServer live = new LiveServer(CairnConfig.builder().enableSelfPreservation(false)
            .adminUsername("ops").adminPassword("s3cret").adminToken("t0ken"));

    @BeforeEach
    void register() {
        assertThat(live.postJson("/eureka/apps/ORDERS", instance("ORDERS", "orders-1", "UP", Map.of())).statusCode())
                .isEqualTo(204);
    }

    @AfterEach
    void stop() {
        live.close();
    }

    private HttpResponse<byte[]> admin(String method, String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(live.uri(path)).method(method,
                HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return live.send(b);
    }

    private String statusOf(String app, String id) {
        return json(live.get("/eureka/apps/" + app + "/" + id, "application/json")).path("instance").path("status")
                .asText();
    }

    @Test
    void theSessionEndpointTellsWhoIsSignedIn() {
        assertThat(json(admin("GET", "/admin/session", BASIC)).path("user").asText()).isEqualTo("ops");
        assertThat(json(admin("GET", "/admin/session", TOKEN)).path("user").asText()).isEqualTo("token:admin");
    }

    @Test
    void refusesRequestsWithoutTheCredentials() {
        HttpResponse<byte[]> none = admin("PUT", "/admin/apps/ORDERS/orders-1/status?value=OUT_OF_SERVICE", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Basic"));
        assertThat(admin("GET", "/admin/session", "Basic " + Base64.getEncoder()
                .encodeToString("ops:guess".getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(401);
        assertThat(statusOf("ORDERS", "orders-1")).isEqualTo("UP");

        // A script (the dashboard) gets no Basic challenge, so that the browser shows no login box of its own.
        HttpResponse<byte[]> fromScript = live.send(HttpRequest.newBuilder(live.uri("/admin/session"))
                .header("X-Requested-With", "cairn-dashboard"));
        assertThat(fromScript.statusCode()).isEqualTo(401);
        assertThat(fromScript.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"cairn\"");
    }

    @Test
    void takesAnInstanceOutOfServiceAndPutsItBack() {
        HttpResponse<byte[]> out = admin("PUT", "/admin/apps/orders/orders-1/status?value=OUT_OF_SERVICE", BASIC);
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(json(out).path("status").asText()).isEqualTo("OUT_OF_SERVICE");
        assertThat(statusOf("ORDERS", "orders-1")).isEqualTo("OUT_OF_SERVICE");

        assertThat(admin("PUT", "/admin/apps/ORDERS/orders-1/status?value=UP", TOKEN).statusCode()).isEqualTo(200);
        assertThat(statusOf("ORDERS", "orders-1")).isEqualTo("UP");
    }

    @Test
    void removesTheOverrideAsEurekaDoes() {
        admin("PUT", "/admin/apps/ORDERS/orders-1/status?value=OUT_OF_SERVICE", BASIC);
        HttpResponse<byte[]> cleared = admin("DELETE", "/admin/apps/ORDERS/orders-1/status", BASIC);
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(json(cleared).path("overriddenStatus").asText()).isEqualTo("UNKNOWN");
        assertThat(live.server.registry().statusOverrides()).isEmpty();
    }

    @Test
    void deregistersAnInstance() {
        HttpResponse<byte[]> gone = admin("DELETE", "/admin/apps/ORDERS/orders-1", BASIC);
        assertThat(gone.statusCode()).isEqualTo(200);
        assertThat(json(gone).path("deregistered").asBoolean()).isTrue();
        assertThat(live.get("/eureka/apps/ORDERS/orders-1", "application/json").statusCode()).isEqualTo(404);
        assertThat(admin("DELETE", "/admin/apps/ORDERS/orders-1", BASIC).statusCode()).isEqualTo(404);
    }

    @Test
    void answersBadRequestsWithClearFourHundreds() {
        assertThat(admin("PUT", "/admin/apps/ORDERS/orders-1/status", BASIC).statusCode()).isEqualTo(400);
        HttpResponse<byte[]> badValue = admin("PUT", "/admin/apps/ORDERS/orders-1/status?value=up", BASIC);
        assertThat(badValue.statusCode()).isEqualTo(400);
        assertThat(json(badValue).path("error").asText()).contains("OUT_OF_SERVICE");
        assertThat(admin("PUT", "/admin/apps/ORDERS/orders-1/status?value=UNKNOWN", BASIC).statusCode())
                .isEqualTo(400);
        assertThat(admin("PUT", "/admin/apps/ORDERS/nobody/status?value=UP", BASIC).statusCode()).isEqualTo(404);
        assertThat(admin("POST", "/admin/apps/ORDERS/orders-1", BASIC).statusCode()).isEqualTo(405);
        assertThat(live.raw("DELETE /admin/apps/ORDERS/%zz HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + BASIC
                + "\r\nConnection: close\r\n\r\n", new byte[0])).isEqualTo(400);
        assertThat(admin("GET", "/admin/nothing", BASIC).statusCode()).isEqualTo(404);
    }

    @Test
    void everythingIsRefusedWhenNoCredentialIsConfigured() {
        try (LiveServer open = new LiveServer()) {
            open.postJson("/eureka/apps/ORDERS", instance("ORDERS", "orders-1", "UP", Map.of()));
            HttpResponse<byte[]> r = open.send(HttpRequest.newBuilder(open.uri("/admin/apps/ORDERS/orders-1"))
                    .header("Authorization", BASIC).DELETE());
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(json(r).path("error").asText()).contains("cairn.admin.password");
            assertThat(open.server.registry().size()).isEqualTo(1);
        }
    }

    @Test
    void theConfigurationInForceIsShownToAdminsWithItsSecretsMasked() {
        com.fasterxml.jackson.databind.JsonNode c = json(admin("GET", "/admin/config", TOKEN));
        // As configured (the test asks for any free port).
        assertThat(c.path("settings").path("server.port").asText()).isEqualTo("0");
        assertThat(c.path("settings").path("eureka.server.enable-self-preservation").asText()).isEqualTo("false");
        assertThat(c.path("settings").path("eureka.server.eviction-interval-timer-in-ms").asText()).isEqualTo("60000");
        assertThat(c.path("settings").path("cairn.admin.password").asText()).isEqualTo("***");
        assertThat(c.path("settings").path("cairn.admin.token").asText()).isEqualTo("***");
        assertThat(c.toString()).doesNotContain("s3cret").doesNotContain("t0ken");
        assertThat(admin("GET", "/admin/config", null).statusCode()).isEqualTo(401);
    }
}
