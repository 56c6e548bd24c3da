package io.cairn.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The registry's shape: {@code apps} applications of {@code perApp} instances each, instance {@code i} belonging to
 * application {@code i / perApp}. Register bodies are what a Spring Cloud Netflix client sends (the legacy Netflix
 * JSON codec's shape, about 1 KB), with a unique host address per instance.
 */
public final class Bodies {
    private final String prefix;
    private final int perApp;
    private final int leaseSeconds;
    private final long dirty = System.currentTimeMillis();

    /**
     * @param prefix       application name prefix, e.g. {@code SVC} gives {@code SVC-00042}
     * @param perApp       instances per application
     * @param leaseSeconds the lease duration the instances ask for
     */
    public Bodies(String prefix, int perApp, int leaseSeconds) {
        this.prefix = prefix;
        this.perApp = perApp;
        this.leaseSeconds = leaseSeconds;
    }

    public String app(int i) {
        return String.format(Locale.ROOT, "%s-%05d", prefix, i / perApp);
    }

    /** A distinct address per instance, as containers get: 10.x.y.z. */
    public String ip(int i) {
        int n = i + 1;
        return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    /** Spring Cloud's default instance id: {@code host:app:port}. */
    public String id(int i) {
        return ip(i) + ":" + app(i).toLowerCase(Locale.ROOT) + ":8080";
    }

    public long lastDirtyTimestamp() {
        return dirty;
    }

    /** The URI path of a heartbeat (after the base path), as the Netflix client sends it. */
    public String renewPath(int i) {
        return "apps/" + app(i) + "/" + id(i) + "?status=UP&lastDirtyTimestamp=" + dirty;
    }

    public byte[] register(int i) {
        String app = app(i);
        String vip = app.toLowerCase(Locale.ROOT);
        String ip = ip(i);
        String base = "http://" + ip + ":8080/";
        String json = "{\"instance\":{"
                + "\"instanceId\":\"" + id(i) + "\","
                + "\"hostName\":\"" + ip + "\","
                + "\"app\":\"" + app + "\","
                + "\"ipAddr\":\"" + ip + "\","
                + "\"status\":\"UP\",\"overriddenStatus\":\"UNKNOWN\","
                + "\"port\":{\"$\":8080,\"@enabled\":\"true\"},"
                + "\"securePort\":{\"$\":443,\"@enabled\":\"false\"},"
                + "\"countryId\":1,"
                + "\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\","
                + "\"name\":\"MyOwn\"},"
                + "\"leaseInfo\":{\"renewalIntervalInSecs\":30,\"durationInSecs\":" + leaseSeconds + ","
                + "\"registrationTimestamp\":0,\"lastRenewalTimestamp\":0,\"evictionTimestamp\":0,"
                + "\"serviceUpTimestamp\":0},"
                + "\"metadata\":{\"management.port\":\"8080\",\"zone\":\"zone-" + (char) ('a' + i % 3) + "\","
                + "\"version\":\"1." + (i % 7) + ".3\"},"
                + "\"homePageUrl\":\"" + base + "\","
                + "\"statusPageUrl\":\"" + base + "actuator/info\","
                + "\"healthCheckUrl\":\"" + base + "actuator/health\","
                + "\"vipAddress\":\"" + vip + "\",\"secureVipAddress\":\"" + vip + "\","
                + "\"isCoordinatingDiscoveryServer\":\"false\","
                + "\"lastUpdatedTimestamp\":\"" + dirty + "\",\"lastDirtyTimestamp\":\"" + dirty + "\"}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
