package io.cairn.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/** The Eureka REST calls a client makes, sent by hand to any node, and the reads a test checks with. */
final class Rest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Rest() {
    }

    static String instance(String app, String id, int leaseSeconds, long lastDirty) {
        return "{\"instance\":{\"instanceId\":\"" + id + "\",\"hostName\":\"" + id + ".test\",\"app\":\"" + app
                + "\",\"ipAddr\":\"10.1.0.1\",\"status\":\"UP\",\"overriddenStatus\":\"UNKNOWN\","
                + "\"port\":{\"$\":8080,\"@enabled\":\"true\"},\"securePort\":{\"$\":443,\"@enabled\":\"false\"},"
                + "\"countryId\":1,\"dataCenterInfo\":{\"@class\":"
                + "\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\",\"name\":\"MyOwn\"},"
                + "\"leaseInfo\":{\"renewalIntervalInSecs\":1,\"durationInSecs\":" + leaseSeconds + "},"
                + "\"metadata\":{\"zone\":\"z1\"},\"vipAddress\":\"" + app.toLowerCase() + "\","
                + "\"isCoordinatingDiscoveryServer\":\"false\",\"lastUpdatedTimestamp\":\"" + lastDirty + "\","
                + "\"lastDirtyTimestamp\":\"" + lastDirty + "\"}}";
    }

    static int register(NodeProcess node, String app, String id, int leaseSeconds, long lastDirty) {
        return send(HttpRequest.newBuilder(URI.create(node.serviceUrl() + "apps/" + app))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(instance(app, id, leaseSeconds, lastDirty))));
    }

    static int renew(NodeProcess node, String app, String id, long lastDirty) {
        return send(HttpRequest.newBuilder(URI.create(node.serviceUrl() + "apps/" + app + "/" + id
                + "?status=UP&lastDirtyTimestamp=" + lastDirty)).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    static int cancel(NodeProcess node, String app, String id) {
        return send(HttpRequest.newBuilder(URI.create(node.serviceUrl() + "apps/" + app + "/" + id)).DELETE());
    }

    static int override(NodeProcess node, String app, String id, String status) {
        return send(HttpRequest.newBuilder(URI.create(node.serviceUrl() + "apps/" + app + "/" + id
                + "/status?value=" + status)).header("Authorization", "Bearer " + NodeProcess.ADMIN_TOKEN)
                .PUT(HttpRequest.BodyPublishers.noBody()));
    }

    static int deleteOverride(NodeProcess node, String app, String id) {
        return send(HttpRequest.newBuilder(URI.create(node.serviceUrl() + "apps/" + app + "/" + id + "/status"))
                .header("Authorization", "Bearer " + NodeProcess.ADMIN_TOKEN).DELETE());
    }

    /** The node's whole registry as {@code APP/id=STATUS} strings; empty if the node does not answer. */
    static Set<String> registry(NodeProcess node) {
        Set<String> out = new TreeSet<>();
        try {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.serviceUrl() + "apps/"))
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                return out;
            }
            JsonNode apps = JSON.readTree(r.body()).path("applications").path("application");
            for (JsonNode app : apps) {
                for (JsonNode i : app.path("instance")) {
                    out.add(i.path("app").asText() + "/" + i.path("instanceId").asText() + "="
                            + i.path("status").asText());
                }
            }
        } catch (IOException e) {
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    static JsonNode json(NodeProcess node, String path) {
        try {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.serviceUrl() + path))
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int send(HttpRequest.Builder b) {
        try {
            return HTTP.send(b.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
