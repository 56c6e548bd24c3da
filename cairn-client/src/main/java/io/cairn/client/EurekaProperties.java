package io.cairn.client;

import io.cairn.model.InstanceStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Maps Eureka's property names onto a {@link ClientConfig.Builder}. Spring Cloud's names are matched in any relaxed
 * spelling ({@code service-url}, {@code serviceUrl}, {@code service_url}); map keys after them (zones, regions,
 * metadata keys) keep their case. Netflix's own names ({@code eureka.serviceUrl.default}, {@code eureka.name},
 * {@code eureka.port}, ...) are read too; where both are given, Spring Cloud's win, and {@code eureka.instance.*}
 * wins over {@code spring.application.name} and {@code server.port}.
 */
final class EurekaProperties {
    private EurekaProperties() {
    }

    static void apply(Map<String, String> properties, ClientConfig.Builder b) {
        Map<String, String> scalars = new LinkedHashMap<>();
        Map<String, String> originals = new LinkedHashMap<>();
        Map<String, List<String>> springUrls = new LinkedHashMap<>();
        Map<String, List<String>> netflixUrls = new LinkedHashMap<>();
        Map<String, List<String>> zonesByRegion = new LinkedHashMap<>();
        Map<String, String> metadata = new TreeMap<>();
        Map<String, String> netflixMetadata = new TreeMap<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                continue;
            }
            String[] parts = e.getKey().trim().split("\\.");
            String value = e.getValue().trim();
            if (mapKey(parts, 3, "eureka.client.serviceurl") != null) {
                springUrls.put(mapKey(parts, 3, "eureka.client.serviceurl"), list(value));
            } else if (mapKey(parts, 2, "eureka.serviceurl") != null) {
                String zone = mapKey(parts, 2, "eureka.serviceurl");
                netflixUrls.put(zone.equals("default") ? ClientConfig.DEFAULT_ZONE : zone, list(value));
            } else if (mapKey(parts, 3, "eureka.client.availabilityzones") != null) {
                zonesByRegion.put(mapKey(parts, 3, "eureka.client.availabilityzones"), list(value));
            } else if (parts.length == 3 && parts[0].equals("eureka") && norm(parts[2]).equals("availabilityzones")) {
                zonesByRegion.putIfAbsent(parts[1], list(value));
            } else if (mapKey(parts, 3, "eureka.instance.metadatamap") != null) {
                metadata.put(mapKey(parts, 3, "eureka.instance.metadatamap"), value);
            } else if (mapKey(parts, 2, "eureka.metadata") != null) {
                netflixMetadata.put(mapKey(parts, 2, "eureka.metadata"), value);
            } else {
                scalars.put(normalize(parts), value);
                originals.put(normalize(parts), e.getKey().trim());
            }
        }

        Map<String, List<String>> urls = springUrls.isEmpty() ? netflixUrls : springUrls;
        if (!urls.isEmpty()) {
            b.clearServiceUrls();
            urls.forEach(b::serviceUrls);
        }
        String region = first(scalars, "eureka.client.region", "eureka.region");
        if (region != null) {
            b.region(region);
        }
        String effectiveRegion = region == null ? "us-east-1" : region;
        if (zonesByRegion.containsKey(effectiveRegion)) {
            b.availabilityZones(zonesByRegion.get(effectiveRegion));
        }
        netflixMetadata.forEach(b::metadata);
        metadata.forEach(b::metadata);

        Reader r = new Reader(scalars, originals);
        r.bool(b::registerWithEureka, "eureka.client.registerwitheureka", "eureka.registration.enabled");
        r.bool(b::fetchRegistry, "eureka.client.fetchregistry", "eureka.shouldfetchregistry");
        r.bool(b::preferSameZone, "eureka.client.prefersamezoneeureka", "eureka.prefersamezone");
        r.seconds(b::registryFetchInterval, "eureka.client.registryfetchintervalseconds", "eureka.client.refresh.interval");
        r.seconds(b::connectTimeout, "eureka.client.eurekaserverconnecttimeoutseconds");
        r.seconds(b::readTimeout, "eureka.client.eurekaserverreadtimeoutseconds");
        r.seconds(b::quarantineDuration, "cairn.client.quarantineseconds");
        r.seconds(b::watchWait, "cairn.client.watchwaitseconds");
        r.seconds(b::watchReconcileInterval, "cairn.client.watchreconcileseconds");
        r.bool(b::useWatch, "cairn.client.watch");
        r.bool(b::shutdownHook, "cairn.client.shutdownhook");
        r.string(v -> b.registryCacheFile(Path.of(v)), "cairn.client.cachefile");
        r.string(v -> b.trustFile(Path.of(v)), "cairn.client.trustfile");
        r.string(b::zone, "cairn.client.zone");

        r.string(b::appName, "eureka.instance.appname", "eureka.name", "spring.application.name");
        r.string(b::instanceId, "eureka.instance.instanceid", "eureka.instanceid");
        r.string(b::hostName, "eureka.instance.hostname", "eureka.hostname");
        r.string(b::ipAddress, "eureka.instance.ipaddress", "eureka.ipaddress");
        r.bool(b::preferIpAddress, "eureka.instance.preferipaddress");
        r.integer(b::port, "eureka.instance.nonsecureport", "eureka.port", "server.port");
        r.bool(b::portEnabled, "eureka.instance.nonsecureportenabled", "eureka.port.enabled");
        r.integer(b::securePort, "eureka.instance.secureport", "eureka.secureport");
        r.bool(b::securePortEnabled, "eureka.instance.secureportenabled", "eureka.secureport.enabled");
        r.string(b::vipAddress, "eureka.instance.virtualhostname", "eureka.vipaddress");
        r.string(b::secureVipAddress, "eureka.instance.securevirtualhostname", "eureka.securevipaddress");
        r.seconds(b::leaseRenewalInterval, "eureka.instance.leaserenewalintervalinseconds", "eureka.lease.renewalinterval");
        r.seconds(b::leaseExpirationDuration, "eureka.instance.leaseexpirationdurationinseconds", "eureka.lease.duration");
        r.string(b::homePageUrl, "eureka.instance.homepageurl", "eureka.instance.homepageurlpath", "eureka.homepageurl",
                "eureka.homepageurlpath");
        r.string(b::statusPageUrl, "eureka.instance.statuspageurl", "eureka.instance.statuspageurlpath",
                "eureka.statuspageurl", "eureka.statuspageurlpath");
        r.string(b::healthCheckUrl, "eureka.instance.healthcheckurl", "eureka.instance.healthcheckurlpath",
                "eureka.healthcheckurl", "eureka.healthcheckurlpath");
        r.string(v -> b.initialStatus(status(v)), "eureka.instance.initialstatus");
    }

    /** The raw rest of the key after {@code n} segments matching {@code prefix}, or null. */
    private static String mapKey(String[] parts, int n, String prefix) {
        if (parts.length <= n) {
            return null;
        }
        String[] want = prefix.split("\\.");
        for (int i = 0; i < n; i++) {
            if (!norm(parts[i]).equals(want[i])) {
                return null;
            }
        }
        return String.join(".", java.util.Arrays.copyOfRange(parts, n, parts.length));
    }

    private static String normalize(String[] parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            sb.append(sb.length() == 0 ? "" : ".").append(norm(p));
        }
        return sb.toString();
    }

    private static String norm(String segment) {
        return segment.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static String first(Map<String, String> scalars, String... keys) {
        for (String k : keys) {
            String v = scalars.get(k);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    private static InstanceStatus status(String v) {
        return InstanceStatus.parse(v.toUpperCase(Locale.ROOT))
                .orElseThrow(() -> new IllegalArgumentException("not an instance status: " + v));
    }

    /** Typed reads of the first present key among alternatives. */
    private static final class Reader {
        private final Map<String, String> scalars;
        private final Map<String, String> originals;

        Reader(Map<String, String> scalars, Map<String, String> originals) {
            this.scalars = scalars;
            this.originals = originals;
        }

        private String name(String key) {
            return originals.getOrDefault(key, key);
        }

        void string(Consumer<String> to, String... keys) {
            String v = first(scalars, keys);
            if (v != null) {
                to.accept(v);
            }
        }

        void bool(Consumer<Boolean> to, String... keys) {
            for (String k : keys) {
                String v = scalars.get(k);
                if (v != null && !v.isEmpty()) {
                    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                        throw new IllegalArgumentException(name(k) + " must be true or false, got '" + v + "'");
                    }
                    to.accept(Boolean.parseBoolean(v));
                    return;
                }
            }
        }

        void integer(Consumer<Integer> to, String... keys) {
            for (String k : keys) {
                String v = scalars.get(k);
                if (v != null && !v.isEmpty()) {
                    try {
                        to.accept(Integer.parseInt(v));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(name(k) + " must be an integer, got '" + v + "'");
                    }
                    return;
                }
            }
        }

        void seconds(Consumer<Duration> to, String... keys) {
            integer(s -> to.accept(Duration.ofSeconds(s)), keys);
        }
    }
}
