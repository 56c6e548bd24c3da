package io.cairn.server.http;

import static io.cairn.server.http.LiveServer.instanceJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No stale reads: a write acknowledged on one connection is seen by a read sent afterwards on another connection
 * (each client has its own connection pool, so the two are served by different connections and, most likely,
 * different event loops), and unchanged documents are served without being built again.
 */
class ReadYourWritesTest {
    private static final String[] READS = {"/eureka/apps", "/eureka/apps/delta", "/eureka/apps/RYW"};

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LiveServer live = new LiveServer();
    private final HttpClient writer = client();
    private final HttpClient reader = client();

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        live.close();
    }

    private HttpResponse<byte[]> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> read(String path) {
        return send(reader, HttpRequest.newBuilder(live.uri(path)).header("Accept", "application/json").GET());
    }

    private static long index(HttpResponse<byte[]> r) {
        return Long.parseLong(r.headers().firstValue("X-Cairn-Index").orElseThrow(
                () -> new AssertionError("no X-Cairn-Index on " + r.request().uri())));
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aRegistrationAcknowledgedOnOneConnectionIsSeenByTheNextReadOnAnother() {
        long previous = -1;
        for (int i = 0; i < 300; i++) {
            HttpResponse<byte[]> write = send(writer, HttpRequest.newBuilder(live.uri("/eureka/apps/RYW"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(instanceJson("RYW", "r" + i, "UP"))));
            assertThat(write.statusCode()).as("register r%d", i).isEqualTo(204);
            long written = index(write);
            assertThat(written).as("index of write %d", i).isGreaterThan(previous);
            previous = written;

            for (String path : READS) {
                HttpResponse<byte[]> r = read(path);
                assertThat(r.statusCode()).as("%s after r%d", path, i).isEqualTo(200);
                assertThat(text(r)).as("%s after r%d", path, i).contains("\"instanceId\":\"r" + i + "\"");
                assertThat(index(r)).as("X-Cairn-Index of %s after r%d", path, i).isGreaterThanOrEqualTo(written);
            }
        }
        assertThat(live.server.registry().size()).isEqualTo(300);
    }

    @Test
    void aCancelAcknowledgedOnOneConnectionIsGoneForTheNextReadOnAnother() {
        for (int i = 0; i < 50; i++) {
            HttpResponse<byte[]> write = send(writer, HttpRequest.newBuilder(live.uri("/eureka/apps/RYW"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(instanceJson("RYW", "c" + i, "UP"))));
            assertThat(write.statusCode()).isEqualTo(204);
        }
        for (int i = 0; i < 50; i++) {
            // Warm the cached documents so that a stale one would be there to be served.
            read("/eureka/apps");
            read("/eureka/apps/delta");
            HttpResponse<byte[]> cancel = send(writer,
                    HttpRequest.newBuilder(live.uri("/eureka/apps/RYW/c" + i)).DELETE());
            assertThat(cancel.statusCode()).isEqualTo(200);
            long written = index(cancel);

            HttpResponse<byte[]> all = read("/eureka/apps");
            assertThat(text(all)).as("/apps after cancelling c%d", i).doesNotContain("\"instanceId\":\"c" + i + "\"");
            assertThat(index(all)).isGreaterThanOrEqualTo(written);
            HttpResponse<byte[]> delta = read("/eureka/apps/delta");
            // The delta keeps the cancelled instance, now marked DELETED.
            assertThat(actionInDelta(delta, "c" + i)).as("delta after cancelling c%d", i).isEqualTo("DELETED");
            assertThat(index(delta)).isGreaterThanOrEqualTo(written);
        }
        assertThat(read("/eureka/apps/RYW").statusCode()).isEqualTo(404);
    }

    private static String actionInDelta(HttpResponse<byte[]> delta, String id) {
        try {
            for (JsonNode app : MAPPER.readTree(delta.body()).path("applications").path("application")) {
                for (JsonNode instance : app.path("instance")) {
                    if (id.equals(instance.path("instanceId").asText())) {
                        return instance.path("actionType").asText();
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aThousandReadsOfAnUnchangedRegistryCostOneDocumentBuild() {
        HttpResponse<byte[]> write = send(writer, HttpRequest.newBuilder(live.uri("/eureka/apps/RYW"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(instanceJson("RYW", "r1", "UP"))));
        assertThat(write.statusCode()).isEqualTo(204);
        long builds = live.server.payloadCache().builds();
        long hits = live.server.payloadCache().hits();

        byte[] first = null;
        for (int i = 0; i < 1000; i++) {
            // Both connections, alternately.
            HttpClient client = i % 2 == 0 ? reader : writer;
            HttpResponse<byte[]> r = send(client, HttpRequest.newBuilder(live.uri("/eureka/apps"))
                    .header("Accept", "application/json").GET());
            assertThat(r.statusCode()).isEqualTo(200);
            if (first == null) {
                first = r.body();
                assertThat(text(r)).contains("\"instanceId\":\"r1\"");
            } else if (!Arrays.equals(first, r.body())) {
                throw new AssertionError("read " + i + " differs from the first: " + text(r));
            }
        }

        assertThat(live.server.payloadCache().builds() - builds).isEqualTo(1);
        assertThat(live.server.payloadCache().hits() - hits).isEqualTo(999);

        // And a change costs exactly one more.
        send(writer, HttpRequest.newBuilder(live.uri("/eureka/apps/RYW/r1")).DELETE());
        assertThat(text(read("/eureka/apps"))).doesNotContain("\"r1\"");
        assertThat(text(read("/eureka/apps"))).doesNotContain("\"r1\"");
        assertThat(live.server.payloadCache().builds() - builds).isEqualTo(2);
    }
}
