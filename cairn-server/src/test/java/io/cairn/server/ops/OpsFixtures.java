package io.cairn.server.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Collectors;

/** Register bodies with chosen metadata and ports, and JSON reading, for the operations endpoint tests. */
final class OpsFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpsFixtures() {
    }

    static String instance(String app, String id, String status, Map<String, String> metadata) {
        return instance(app, id, status, metadata, true, 8080, false, 8443);
    }

    static String instance(String app, String id, String status, Map<String, String> metadata, boolean portEnabled,
                           int port, boolean secureEnabled, int securePort) {
        String meta = metadata.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(","));
        return "{\"instance\":{\"instanceId\":\"" + id + "\",\"hostName\":\"" + id + ".internal\",\"app\":\"" + app
                + "\",\"ipAddr\":\"10.0.0.7\",\"status\":\"" + status + "\",\"overriddenStatus\":\"UNKNOWN\","
                + "\"port\":{\"$\":" + port + ",\"@enabled\":\"" + portEnabled + "\"},"
                + "\"securePort\":{\"$\":" + securePort + ",\"@enabled\":\"" + secureEnabled + "\"},"
                + "\"countryId\":1,\"dataCenterInfo\":{\"@class\":"
                + "\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\",\"name\":\"MyOwn\"},"
                + "\"leaseInfo\":{\"renewalIntervalInSecs\":30,\"durationInSecs\":90},"
                + "\"metadata\":{" + meta + "},\"vipAddress\":\"" + app.toLowerCase() + "\","
                + "\"lastDirtyTimestamp\":\"" + System.currentTimeMillis() + "\"}}";
    }

    static JsonNode json(HttpResponse<byte[]> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
