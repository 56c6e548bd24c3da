package io.cairn.server.cluster;

import static io.cairn.server.http.LiveServer.instanceJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cairn.model.InstanceStatus;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.http.LiveServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a node does with its peer's answers, against a scripted peer on a loopback port: Eureka's conflict flows (a
 * heartbeat answered 404 makes the node send its full registration, a 409 makes it adopt the peer's newer copy), the
 * pause on 503 with the batch kept, and the same 404 repair for a Cairn peer's renewal digest.
 */
class ReplicationSenderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A peer that records every replication request and answers each batch item as the test says. */
    private static final class ScriptedPeer implements AutoCloseable {
        final HttpServer http;
        final List<JsonNode> batches = new CopyOnWriteArrayList<>();
        final List<JsonNode> digests = new CopyOnWriteArrayList<>();
        final AtomicInteger batchRequests = new AtomicInteger();
        volatile boolean cairn;
        volatile Function<JsonNode, String> itemAnswer = item -> "{\"statusCode\":200}";
        volatile int batchStatus = 200;
        volatile String digestAnswer = "{\"notFound\":[],\"conflicts\":[]}";

        ScriptedPeer() throws IOException {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/eureka/", this::handle);
            http.start();
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + "/eureka/";
        }

        private void handle(HttpExchange ex) throws IOException {
            String path = ex.getRequestURI().getPath();
            byte[] body = read(ex);
            if (cairn) {
                ex.getResponseHeaders().add("X-Cairn-Index", "1");
            }
            if (path.endsWith("/apps/") || path.endsWith("/apps") || path.endsWith("/apps/delta")) {
                reply(ex, 200, "{\"applications\":{\"versions__delta\":\"1\",\"apps__hashcode\":\"\","
                        + "\"application\":[]}}");
            } else if (path.contains("/peerreplication/batch")) {
                batchRequests.incrementAndGet();
                if (batchStatus != 200) {
                    reply(ex, batchStatus, "");
                    return;
                }
                JsonNode items = JSON.readTree(body).path("replicationList");
                batches.add(items);
                StringBuilder answer = new StringBuilder("{\"responseList\":[");
                for (int i = 0; i < items.size(); i++) {
                    answer.append(i == 0 ? "" : ",").append(itemAnswer.apply(items.get(i)));
                }
                reply(ex, 200, answer.append("]}").toString());
            } else if (path.contains("/peerreplication/renewals")) {
                digests.add(JSON.readTree(body));
                reply(ex, 200, digestAnswer);
            } else {
                reply(ex, 404, "");
            }
        }

        private static byte[] read(HttpExchange ex) throws IOException {
            InputStream in = ex.getRequestBody();
            byte[] raw = in.readAllBytes();
            if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
                return new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes();
            }
            return raw;
        }

        private static void reply(HttpExchange ex, int status, String body) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
            if (b.length > 0) {
                ex.getResponseBody().write(b);
            }
            ex.close();
        }

        /** Every replicated item so far with this action, as sent. */
        List<JsonNode> items(String action) {
            List<JsonNode> out = new java.util.ArrayList<>();
            for (JsonNode batch : batches) {
                batch.forEach(i -> {
                    if (action.equals(i.path("action").asText())) {
                        out.add(i);
                    }
                });
            }
            return out;
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }

    private ScriptedPeer peer;
    private LiveServer node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    private void start(boolean cairnPeer) throws IOException {
        peer = new ScriptedPeer();
        peer.cairn = cairnPeer;
        node = new LiveServer(CairnConfig.builder().peerUrls(peer.url())
                .renewalDigestInterval(Duration.ofMillis(200)).registrySyncRetryWait(Duration.ofMillis(100)));
        awaitTrue(() -> node.server.cluster().peers().stream().anyMatch(p -> p.kind().equals(cairnPeer ? "CAIRN" : "EUREKA")));
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        io.cairn.server.Eventually.awaitTrue("the peer's answers acted on", Duration.ofSeconds(10), condition);
    }

    private static String ldt(long t) {
        return instanceJson("ORDERS", "o1", "UP").replace("1712000000000", Long.toString(t));
    }

    @Test
    void aHeartbeatTheEurekaPeerDoesNotKnowIsFollowedByTheFullRegistration() throws IOException {
        start(false);
        assertThat(node.postJson("/eureka/apps/ORDERS", instanceJson("ORDERS", "o1", "UP")).statusCode())
                .isEqualTo(204);
        awaitTrue(() -> peer.items("Register").size() == 1);

        peer.itemAnswer = item -> item.path("action").asText().equals("Heartbeat") ? "{\"statusCode\":404}"
                : "{\"statusCode\":200}";
        assertThat(node.put("/eureka/apps/ORDERS/o1").statusCode()).isEqualTo(200);
        awaitTrue(() -> peer.items("Heartbeat").size() == 1);
        awaitTrue(() -> peer.items("Register").size() == 2);
        JsonNode repair = peer.items("Register").get(1);
        assertThat(repair.path("id").asText()).isEqualTo("o1");
        assertThat(repair.path("instanceInfo").path("instanceId").asText()).isEqualTo("o1");
    }

    @Test
    void aConflictMakesTheNodeAdoptThePeersNewerCopyOverrideIncluded() throws IOException {
        start(false);
        assertThat(node.postJson("/eureka/apps/ORDERS", ldt(1_712_000_000_000L)).statusCode()).isEqualTo(204);
        String newer = ldt(1_712_000_500_000L).replace("\"status\":\"UP\"", "\"status\":\"OUT_OF_SERVICE\"")
                .replace("\"overriddenStatus\":\"UNKNOWN\"", "\"overriddenStatus\":\"OUT_OF_SERVICE\"");
        String copy = JSON.readTree(newer).path("instance").toString();
        peer.itemAnswer = item -> item.path("action").asText().equals("Heartbeat")
                ? "{\"statusCode\":409,\"responseEntity\":" + copy + "}" : "{\"statusCode\":200}";

        assertThat(node.put("/eureka/apps/ORDERS/o1").statusCode()).isEqualTo(200);
        awaitTrue(() -> node.server.registry().instance("ORDERS", "o1")
                .map(i -> i.lastDirtyTimestamp() == 1_712_000_500_000L).orElse(false));
        assertThat(node.server.registry().instance("ORDERS", "o1").orElseThrow().status())
                .isEqualTo(InstanceStatus.OUT_OF_SERVICE);
        assertThat(node.server.registry().statusOverrides()).containsEntry("o1", InstanceStatus.OUT_OF_SERVICE);
    }

    @Test
    void aBusyPeerPausesReplicationAndGetsTheSameBatchAgain() throws IOException {
        start(false);
        peer.batchStatus = 503;
        assertThat(node.postJson("/eureka/apps/ORDERS", instanceJson("ORDERS", "o1", "UP")).statusCode())
                .isEqualTo(204);
        awaitTrue(() -> peer.batchRequests.get() >= 1);
        long refusedAt = System.nanoTime();
        peer.batchStatus = 200;
        awaitTrue(() -> peer.items("Register").size() == 1);
        // Eureka's pause on 503 (a second) before the same operations go again.
        assertThat(Duration.ofNanos(System.nanoTime() - refusedAt)).isGreaterThan(Duration.ofMillis(700));
        assertThat(node.server.cluster().peers().get(0).failed()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aCairnPeerGetsHeartbeatsAsADigestAndARegistrationForWhatItDoesNotKnow() throws IOException {
        start(true);
        assertThat(node.postJson("/eureka/apps/ORDERS", instanceJson("ORDERS", "o1", "UP")).statusCode())
                .isEqualTo(204);
        awaitTrue(() -> peer.items("Register").size() == 1);
        peer.digestAnswer = "{\"notFound\":[0],\"conflicts\":[]}";
        for (int i = 0; i < 3; i++) {
            assertThat(node.put("/eureka/apps/ORDERS/o1").statusCode()).isEqualTo(200);
        }
        awaitTrue(() -> !peer.digests.isEmpty());
        assertThat(peer.items("Heartbeat")).as("no heartbeat replicated one by one to a Cairn peer").isEmpty();
        JsonNode digest = peer.digests.get(0);
        assertThat(digest.toString()).contains("o1");
        awaitTrue(() -> peer.items("Register").size() == 2);
    }
}
