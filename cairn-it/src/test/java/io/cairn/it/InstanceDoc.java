package io.cairn.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A register body ({@code {"instance":{…}}}) in the shape the Netflix client's legacy codec writes it: ports as
 * {@code {"$":…,"@enabled":"…"}}, timestamps as strings, the phantom {@code DefaultDataCenterInfo} class, the
 * {@code EmptyMap} marker for empty metadata and zeroed lease timestamps.
 */
final class InstanceDoc {
    private final String app;
    private final String id;
    private String host;
    private String ip = "127.0.0.1";
    private int port = 8080;
    private String status = "UP";
    private String vip;
    private int renewalSecs = 30;
    private int durationSecs = 90;
    private long lastDirtyTimestamp = System.currentTimeMillis();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private InstanceDoc(String app, String id) {
        this.app = app;
        this.id = id;
        this.host = id + ".test";
        this.vip = app.toLowerCase(java.util.Locale.ROOT);
    }

    static InstanceDoc of(String app, String id) {
        return new InstanceDoc(app, id);
    }

    InstanceDoc host(String v) { host = v; return this; }
    InstanceDoc ip(String v) { ip = v; return this; }
    InstanceDoc port(int v) { port = v; return this; }
    InstanceDoc status(String v) { status = v; return this; }
    InstanceDoc vip(String v) { vip = v; return this; }
    InstanceDoc lease(int renewal, int duration) { renewalSecs = renewal; durationSecs = duration; return this; }
    InstanceDoc lastDirtyTimestamp(long v) { lastDirtyTimestamp = v; return this; }
    InstanceDoc metadata(String k, String v) { metadata.put(k, v); return this; }

    String app() { return app; }
    String id() { return id; }
    String host() { return host; }
    String ip() { return ip; }
    int port() { return port; }
    String status() { return status; }
    String vip() { return vip; }
    long lastDirtyTimestamp() { return lastDirtyTimestamp; }
    Map<String, String> metadata() { return Map.copyOf(metadata); }

    /** The bare InstanceInfo object (as nested in replication documents). */
    ObjectNode node() {
        ObjectNode i = RawEureka.JSON.createObjectNode();
        i.put("instanceId", id);
        i.put("hostName", host);
        i.put("app", app);
        i.put("ipAddr", ip);
        i.put("status", status);
        i.put("overriddenStatus", "UNKNOWN");
        i.putObject("port").put("$", port).put("@enabled", "true");
        i.putObject("securePort").put("$", 443).put("@enabled", "false");
        i.put("countryId", 1);
        i.putObject("dataCenterInfo")
                .put("@class", "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo")
                .put("name", "MyOwn");
        i.putObject("leaseInfo")
                .put("renewalIntervalInSecs", renewalSecs)
                .put("durationInSecs", durationSecs)
                .put("registrationTimestamp", 0)
                .put("lastRenewalTimestamp", 0)
                .put("evictionTimestamp", 0)
                .put("serviceUpTimestamp", 0);
        ObjectNode md = i.putObject("metadata");
        if (metadata.isEmpty()) {
            md.put("@class", "java.util.Collections$EmptyMap");
        } else {
            metadata.forEach(md::put);
        }
        i.put("homePageUrl", "http://" + host + ":" + port + "/");
        i.put("statusPageUrl", "http://" + host + ":" + port + "/info");
        i.put("healthCheckUrl", "http://" + host + ":" + port + "/health");
        i.put("vipAddress", vip);
        i.put("secureVipAddress", vip);
        i.put("isCoordinatingDiscoveryServer", "false");
        i.put("lastUpdatedTimestamp", Long.toString(lastDirtyTimestamp));
        i.put("lastDirtyTimestamp", Long.toString(lastDirtyTimestamp));
        return i;
    }

    /** The register body. */
    String json() {
        ObjectNode root = RawEureka.JSON.createObjectNode();
        root.set("instance", node());
        return root.toString();
    }
}
