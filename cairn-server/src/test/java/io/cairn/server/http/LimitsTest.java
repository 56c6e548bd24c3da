package io.cairn.server.http;

import static io.cairn.server.http.LiveServer.instanceJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.server.config.CairnConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each limit of one live node: what it refuses, and with which answer. */
class LimitsTest {
    private LiveServer live;

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void aFullRegistryRefusesNewInstancesWith429ButTakesReRegistrations() {
        live = new LiveServer(CairnConfig.builder().maxInstances(2));
        assertThat(live.postJson("/eureka/apps/A", instanceJson("A", "a1", "UP")).statusCode()).isEqualTo(204);
        assertThat(live.postJson("/eureka/apps/B", instanceJson("B", "b1", "UP")).statusCode()).isEqualTo(204);

        HttpResponse<byte[]> full = live.postJson("/eureka/apps/C", instanceJson("C", "c1", "UP"));
        assertThat(full.statusCode()).isEqualTo(429);
        assertThat(new String(full.body(), StandardCharsets.UTF_8)).contains("limit of 2 instances");
        assertThat(live.postJson("/eureka/apps/A", instanceJson("A", "a1", "DOWN")).statusCode()).isEqualTo(204);
    }

    @Test
    void anApplicationAtItsLimitRefusesMoreInstances() {
        live = new LiveServer(CairnConfig.builder().maxInstancesPerApp(1));
        assertThat(live.postJson("/eureka/apps/A", instanceJson("A", "a1", "UP")).statusCode()).isEqualTo(204);
        assertThat(live.postJson("/eureka/apps/A", instanceJson("A", "a2", "UP")).statusCode()).isEqualTo(429);
        assertThat(live.postJson("/eureka/apps/B", instanceJson("B", "b1", "UP")).statusCode()).isEqualTo(204);
    }

    @Test
    void aClientAddressOverItsWriteRateGets429WithRetryAfter() {
        live = new LiveServer(CairnConfig.builder().writesPerSecondPerAddress(5));
        int refused = 0;
        HttpResponse<byte[]> last = null;
        for (int i = 0; i < 40; i++) {
            last = live.postJson("/eureka/apps/A", instanceJson("A", "a" + i, "UP"));
            if (last.statusCode() == 429) {
                refused++;
                assertThat(last.headers().firstValue("Retry-After")).isPresent();
            }
        }
        assertThat(refused).isGreaterThan(20);
        assertThat(live.server.registry().size()).isEqualTo(40 - refused);
    }

    @Test
    void anAddressHoldingItsMaximumOfWatchesGets429ForAnother() throws Exception {
        live = new LiveServer(CairnConfig.builder().maxWatchesPerAddress(1));
        live.postJson("/eureka/apps/A", instanceJson("A", "a1", "UP"));
        CompletableFuture<HttpResponse<byte[]>> held = live.http.sendAsync(HttpRequest.newBuilder(
                live.uri("/eureka/watch?index=1&wait=10s")).build(), HttpResponse.BodyHandlers.ofByteArray());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (live.server.watch().parkedWatches() < 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(live.get("/eureka/watch?index=1&wait=1s", "application/json").statusCode()).isEqualTo(429);

        live.postJson("/eureka/apps/A", instanceJson("A", "a2", "UP"));
        assertThat(held.get().statusCode()).isEqualTo(200);
        // The held watch has ended, so the address may watch again.
        deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int status = 429;
        while (status == 429 && System.nanoTime() < deadline) {
            status = live.get("/eureka/watch?index=2&wait=100ms", "application/json").statusCode();
        }
        assertThat(status).isEqualTo(200);
    }

    @Test
    void aBodyThatDoesNotArriveInTimeIs408AndTheConnectionIsClosed() throws Exception {
        live = new LiveServer(CairnConfig.builder().requestTimeout(Duration.ofMillis(300)));
        try (Socket s = new Socket("127.0.0.1", live.server.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /eureka/apps/A HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 500\r\n\r\n{\"instance\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 408");
        }
    }

    @Test
    void headersThatDoNotArriveInTimeGetTheConnectionClosed() throws Exception {
        live = new LiveServer(CairnConfig.builder().requestTimeout(Duration.ofMillis(300)));
        try (Socket s = new Socket("127.0.0.1", live.server.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("GET /eureka/apps HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // The server closes the connection (end of stream) without an answer, before the read gives up.
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(live.get("/eureka/apps", "application/json").statusCode()).isEqualTo(200);
    }

    @Test
    void headersOver32KiBAre431() {
        live = new LiveServer(CairnConfig.builder());
        String big = "x".repeat(40 * 1024);
        assertThat(live.raw("GET /eureka/apps HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n", new byte[0]))
                .isEqualTo(431);
    }

    @Test
    void theHeaderLimitIsConfigurableAndCountsEveryHeader() {
        live = new LiveServer(CairnConfig.builder().maxHeaderBytes(4096));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            many.append("X-H").append(i).append(": ").append("v".repeat(50)).append("\r\n");
        }
        assertThat(live.raw("GET /eureka/apps HTTP/1.1\r\nHost: x\r\n" + many + "\r\n", new byte[0])).isEqualTo(431);
        assertThat(live.raw("GET /eureka/apps HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", new byte[0]))
                .isEqualTo(200);
    }

    @Test
    void metadataKeysAndValuesOverTheirLengthAre400WithTheReason() {
        live = new LiveServer(CairnConfig.builder().set(io.cairn.server.config.Setting.MAX_METADATA_KEY_LENGTH, 16)
                .set(io.cairn.server.config.Setting.MAX_METADATA_VALUE_LENGTH, 32));
        String longKey = instanceJson("A", "a1", "UP").replace("\"management.port\"", "\"" + "k".repeat(17) + "\"");
        HttpResponse<byte[]> r = live.postJson("/eureka/apps/A", longKey);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("metadata");
        String longValue = instanceJson("A", "a1", "UP").replace("\"8080\"}", "\"" + "v".repeat(33) + "\"}");
        assertThat(live.postJson("/eureka/apps/A", longValue).statusCode()).isEqualTo(400);
        assertThat(live.postJson("/eureka/apps/A", instanceJson("A", "a1", "UP")).statusCode()).isEqualTo(204);
        assertThat(live.put("/eureka/apps/A/a1/metadata?" + "k".repeat(17) + "=v").statusCode()).isEqualTo(400);
        assertThat(live.server.registry().instance("A", "a1").orElseThrow().metadata())
                .containsOnlyKeys("management.port");
    }

    @Test
    void oneAddressOverItsHeartbeatRateIsRefusedWhileAnotherAddressKeepsRenewing() {
        live = new LiveServer(CairnConfig.builder().renewalsPerSecondPerAddress(5));
        assertThat(live.postJson("/eureka/apps/A", instanceJson("A", "a1", "UP")).statusCode()).isEqualTo(204);
        assertThat(live.postJson("/eureka/apps/B", instanceJson("B", "b1", "UP")).statusCode()).isEqualTo(204);
        String flood = "PUT /eureka/apps/A/a1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
        int refused = 0;
        for (int i = 0; i < 40; i++) {
            if (live.raw(flood, new byte[0]) == 429) {
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(20);
        String beat = "PUT /eureka/apps/B/b1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
        for (int i = 0; i < 5; i++) {
            assertThat(live.rawFrom("127.0.0.2", beat, new byte[0])).isEqualTo(200);
        }
    }

    @Test
    void aDeltaAsLargeAsTheRegistryIsRefusedSoThatClientsTakeTheCachedFullRegistry() {
        live = new LiveServer(CairnConfig.builder().maxDeltaChanges(3));
        for (int i = 0; i < 3; i++) {
            live.postJson("/eureka/apps/A", instanceJson("A", "a" + i, "UP"));
        }
        assertThat(live.get("/eureka/apps/delta", "application/json").statusCode()).isEqualTo(200);
        live.postJson("/eureka/apps/A", instanceJson("A", "a3", "UP"));
        HttpResponse<byte[]> refused = live.get("/eureka/apps/delta", "application/json");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).isEmpty();
        assertThat(live.get("/eureka/apps", "application/json").statusCode()).isEqualTo(200);
    }
}
