package io.cairn.it.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.server.CairnServer;
import io.cairn.server.config.CairnConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A Cairn node in the test's JVM on 127.0.0.1 and a free port, with the Eureka REST calls a client makes, sent by
 * hand, and the reads a test checks its results with.
 */
final class OpsNode implements AutoCloseable {
    static final String ADMIN_PASSWORD = "it-s3cret";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CairnServer server;

    private OpsNode(CairnServer server) {
        this.server = server;
    }

    /** A node with an administrator password, self-preservation off, adjusted by {@code tune}. */
    static OpsNode start(Consumer<CairnConfig.Builder> tune) {
        CairnConfig.Builder config = CairnConfig.builder().host("127.0.0.1").port(0).enableSelfPreservation(false)
                .zone("eu-west-1a").region("eu-west-1").adminPassword(ADMIN_PASSWORD)
                .peerToken("it-peer-token"); // nodes of these tests that are peers authenticate with it
        tune.accept(config);
        return new OpsNode(new CairnServer(config.build()).start());
    }

    static OpsNode start() {
        return start(c -> { });
    }

    int port() {
        return server.port();
    }

    /** The root URL, where the dashboard is: {@code http://127.0.0.1:port}. */
    String root() {
        return "http://127.0.0.1:" + port();
    }

    String serviceUrl() {
        return root() + "/eureka/";
    }

    CairnServer server() {
        return server;
    }

    int register(String app, String id, String zone, Map<String, String> metadata) {
        return register(app, id, zone, "UP", metadata);
    }

    int register(String app, String id, String zone, String status, Map<String, String> metadata) {
        String meta = metadata.entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(","));
        String body = "{\"instance\":{\"instanceId\":\"" + id + "\",\"hostName\":\"" + id + ".prod.internal\","
                + "\"app\":\"" + app + "\",\"ipAddr\":\"10.20.0." + (Math.abs(id.hashCode()) % 250 + 1) + "\","
                + "\"status\":\"" + status + "\",\"overriddenStatus\":\"UNKNOWN\","
                + "\"port\":{\"$\":8080,\"@enabled\":\"true\"},"
                + "\"securePort\":{\"$\":443,\"@enabled\":\"false\"},\"countryId\":1,\"dataCenterInfo\":{\"@class\":"
                + "\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\",\"name\":\"MyOwn\"},"
                + "\"leaseInfo\":{\"renewalIntervalInSecs\":30,\"durationInSecs\":90},"
                + "\"metadata\":{\"zone\":\"" + zone + "\"" + (meta.isEmpty() ? "" : "," + meta) + "},"
                + "\"vipAddress\":\"" + app.toLowerCase() + "\",\"lastDirtyTimestamp\":\""
                + System.currentTimeMillis() + "\"}}";
        return send(HttpRequest.newBuilder(URI.create(serviceUrl() + "apps/" + app))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    int renew(String app, String id) {
        return send(HttpRequest.newBuilder(URI.create(serviceUrl() + "apps/" + app + "/" + id))
                .PUT(HttpRequest.BodyPublishers.noBody()));
    }

    int cancel(String app, String id) {
        return send(HttpRequest.newBuilder(URI.create(serviceUrl() + "apps/" + app + "/" + id)).DELETE());
    }

    /** The instance's status as the Eureka API reports it, or null when it is not registered. */
    String status(String app, String id) {
        HttpResponse<byte[]> r = exchange(HttpRequest.newBuilder(URI.create(serviceUrl() + "apps/" + app + "/" + id))
                .header("Accept", "application/json"));
        if (r.statusCode() == 404) {
            return null;
        }
        try {
            return JSON.readTree(r.body()).path("instance").path("status").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode json(String path) {
        try {
            return JSON.readTree(exchange(HttpRequest.newBuilder(URI.create(root() + path))
                    .header("Accept", "application/json")).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int send(HttpRequest.Builder b) {
        return exchange(b).statusCode();
    }

    private static HttpResponse<byte[]> exchange(HttpRequest.Builder b) {
        try {
            return HTTP.send(b.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
