package io.cairn.server.http;

import static io.cairn.server.http.LiveServer.instanceJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.server.config.CairnConfig;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP API of one live node, pinned down request by request. */
class EurekaApiTest {
    private final LiveServer live = new LiveServer(CairnConfig.builder().maxBodyBytes(64 * 1024).maxMetadataKeys(3)
            .anonymousOverrides(true).peerToken("peer-secret"));

    @AfterEach
    void stop() {
        live.close();
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aRegistrationIsVisibleToTheVeryNextRead() {
        for (int i = 0; i < 20; i++) {
            assertThat(live.postJson("/eureka/apps/ORDERS", instanceJson("ORDERS", "o" + i, "UP")).statusCode())
                    .isEqualTo(204);
            HttpResponse<byte[]> all = live.get("/eureka/apps", "application/json");
            assertThat(text(all)).contains("\"instanceId\":\"o" + i + "\"");
            assertThat(text(live.get("/eureka/apps/ORDERS", "application/json"))).contains("\"o" + i + "\"");
        }
        assertThat(live.delete("/eureka/apps/ORDERS/o3").statusCode()).isEqualTo(200);
        assertThat(text(live.get("/eureka/apps", "application/json"))).doesNotContain("\"o3\"");
    }

    @Test
    void everyReadCarriesTheRegistryIndexAndWritesMoveIt() {
        long before = Long.parseLong(live.get("/eureka/apps", "application/json").headers()
                .firstValue("X-Cairn-Index").orElseThrow());
        live.postJson("/eureka/apps/ORDERS", instanceJson("ORDERS", "o1", "UP"));
        long after = Long.parseLong(live.get("/eureka/apps/ORDERS", "application/json").headers()
                .firstValue("X-Cairn-Index").orElseThrow());
        assertThat(after).isEqualTo(before + 1);
    }

    @Test
    void aRenewOfAnUnknownInstanceIsAnEmpty404() {
        HttpResponse<byte[]> r = live.put("/eureka/apps/ORDERS/nope?status=UP&lastDirtyTimestamp=1");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void anInvalidStatusValueIs400Not500() {
        live.postJson("/eureka/apps/ORDERS", instanceJson("ORDERS", "o1", "UP"));
        HttpResponse<byte[]> r = live.put("/eureka/apps/ORDERS/o1/status?value=up");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(text(r)).contains("invalid value 'up'");
        assertThat(live.put("/eureka/apps/ORDERS/o1/status").statusCode()).isEqualTo(400);
        assertThat(live.put("/eureka/apps/ORDERS/o1?lastDirtyTimestamp=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void aRegisterWithABadStatusOrBadJsonIs400WithAReason() {
        HttpResponse<byte[]> r = live.postJson("/eureka/apps/ORDERS", instanceJson("ORDERS", "o1", "RUNNING"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(text(r)).containsIgnoringCase("status");
        HttpResponse<byte[]> broken = live.postJson("/eureka/apps/ORDERS", "{\"instance\":{\"hostName\":");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(text(broken)).isNotBlank();
    }

    @Test
    void aRegisterForAnotherAppIsRefusedWithEurekasMessage() {
        HttpResponse<byte[]> r = live.postJson("/eureka/apps/GATEWAY", instanceJson("ORDERS", "o1", "UP"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(text(r)).contains("Mismatched appName, expecting GATEWAY but was ORDERS");
    }

    @Test
    void tooManyMetadataKeysAre400() {
        String body = instanceJson("ORDERS", "o1", "UP")
                .replace("{\"management.port\":\"8080\"}", "{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\",\"d\":\"4\"}");
        HttpResponse<byte[]> r = live.postJson("/eureka/apps/ORDERS", body);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(text(r)).contains("too many metadata keys");
        live.postJson("/eureka/apps/ORDERS", instanceJson("ORDERS", "o1", "UP"));
        assertThat(live.put("/eureka/apps/ORDERS/o1/metadata?x=1&y=2&z=3").statusCode()).isEqualTo(400);
        assertThat(live.put("/eureka/apps/ORDERS/o1/metadata?x=1").statusCode()).isEqualTo(200);
    }

    @Test
    void anOversizedBodyIs413() {
        String huge = instanceJson("ORDERS", "o1", "UP").replace("\"management.port\":\"8080\"",
                "\"big\":\"" + "x".repeat(70 * 1024) + "\"");
        String larger = huge.replace("\"big\":\"", "\"big\":\"" + "y".repeat(2 * 1024 * 1024));
        // Many times over, and with a body much larger than the limit: a server that closes while the body is still
        // arriving makes the kernel reset the connection, and the client may see that instead of the answer.
        for (int i = 0; i < 30; i++) {
            HttpResponse<byte[]> r = live.postJson("/eureka/apps/ORDERS", i % 2 == 0 ? huge : larger);
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(text(r)).contains("request body larger than");
        }
        assertThat(live.server.registry().size()).isZero();
    }

    @Test
    void aGzipBombIs413() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(new byte[10 << 20]);
        }
        HttpResponse<byte[]> r = live.send(HttpRequest.newBuilder(live.uri("/eureka/apps/ORDERS"))
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void aGzipRequestBodyIsInflated() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(instanceJson("ORDERS", "o1", "UP").getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<byte[]> r = live.send(HttpRequest.newBuilder(live.uri("/eureka/apps/ORDERS"))
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(live.server.registry().size()).isEqualTo(1);
    }

    @Test
    void anUnsupportedContentTypeIs415() {
        HttpResponse<byte[]> r = live.send(HttpRequest.newBuilder(live.uri("/eureka/apps/ORDERS"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(instanceJson("ORDERS", "o1", "UP"))));
        assertThat(r.statusCode()).isEqualTo(415);
    }

    @Test
    void aWrongMethodIs405WithAllow() {
        HttpResponse<byte[]> r = live.send(HttpRequest.newBuilder(live.uri("/eureka/apps"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void thePeerBatchAnswersEachItemInOrder() {
        live.postJson("/eureka/apps/ORDERS", instanceJson("ORDERS", "o1", "UP"));
        String body = "{\"replicationList\":["
                + "{\"appName\":\"ORDERS\",\"id\":\"o1\",\"lastDirtyTimestamp\":1712000000000,\"status\":\"UP\","
                + "\"action\":\"Heartbeat\"},"
                + "{\"appName\":\"ORDERS\",\"id\":\"nope\",\"lastDirtyTimestamp\":1712000000000,\"status\":\"UP\","
                + "\"action\":\"Heartbeat\"},"
                + "{\"appName\":\"ORDERS\",\"id\":\"o1\",\"lastDirtyTimestamp\":1,\"status\":\"UP\","
                + "\"action\":\"Heartbeat\"},"
                + "{\"appName\":\"ORDERS\",\"id\":\"o1\",\"lastDirtyTimestamp\":1712000000000,"
                + "\"status\":\"OUT_OF_SERVICE\",\"action\":\"StatusUpdate\"},"
                + "{\"appName\":\"ORDERS\",\"id\":\"gone\",\"action\":\"Cancel\"}]}";
        HttpResponse<byte[]> r = live.send(java.net.http.HttpRequest.newBuilder(live.uri("/eureka/peerreplication/batch/"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer peer-secret")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(text(r)).startsWith("{\"responseList\":[{\"statusCode\":200},{\"statusCode\":404},"
                + "{\"statusCode\":409,\"responseEntity\":{\"instanceId\":\"o1\"");
        assertThat(text(r)).endsWith("{\"statusCode\":200},{\"statusCode\":404}]}");
    }
}
