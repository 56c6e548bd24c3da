package io.cairn.server.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.server.registry.Registry;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prometheus HTTP service discovery ({@code GET /prometheus/targets}): every UP instance as a scrape target
 * {@code host:port}, labelled with its application and zone, and its metadata as {@code __meta_cairn_metadata_*} labels
 * for relabelling. Instances choose how they are scraped with the metadata keys {@code prometheus.scrape} ({@code false}
 * leaves the instance out), {@code prometheus.path} and {@code prometheus.port}.
 */
final class PrometheusTargets {
    static final String META = "__meta_cairn_";

    private final Registry registry;
    private final JsonReplies replies;

    PrometheusTargets(Registry registry, JsonReplies replies) {
        this.registry = registry;
        this.replies = replies;
    }

    /** The SD document for the applications named in {@code apps} (upper-cased), or every one when empty. */
    byte[] document(Set<String> apps) {
        List<InstanceInfo> instances = registry.snapshot().applications().instances();
        return replies.bytes(g -> {
            g.writeStartArray();
            for (InstanceInfo i : instances) {
                if (i.status() == InstanceStatus.UP && (apps.isEmpty() || apps.contains(i.app()))
                        && !"false".equalsIgnoreCase(i.metadata().get("prometheus.scrape"))) {
                    writeTarget(g, i);
                }
            }
            g.writeEndArray();
        });
    }

    private static void writeTarget(JsonGenerator g, InstanceInfo i) throws IOException {
        boolean https = i.securePortEnabled() && !i.portEnabled();
        int port = https ? i.securePort() : i.port();
        String custom = i.metadata().get("prometheus.port");
        if (custom != null && custom.matches("\\d{1,5}")) {
            port = Integer.parseInt(custom);
        }
        String host = i.hostName() != null && !i.hostName().isBlank() ? i.hostName() : i.ipAddr();
        String zone = zoneOf(i);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app", i.app());
        if (zone != null) {
            labels.put("zone", zone);
        }
        labels.put(META + "app", i.app());
        labels.put(META + "instance_id", i.id());
        labels.put(META + "hostname", nullToEmpty(i.hostName()));
        labels.put(META + "ip", nullToEmpty(i.ipAddr()));
        labels.put(META + "status", i.status().name());
        labels.put(META + "vip_address", nullToEmpty(i.vipAddress()));
        if (zone != null) {
            labels.put(META + "zone", zone);
        }
        for (Map.Entry<String, String> m : i.metadata().entrySet()) {
            labels.putIfAbsent(META + "metadata_" + labelName(m.getKey()), m.getValue());
        }
        String path = i.metadata().get("prometheus.path");
        if (path != null && path.startsWith("/")) {
            labels.put("__metrics_path__", path);
        }
        if (https) {
            labels.put("__scheme__", "https");
        }
        g.writeStartObject();
        g.writeArrayFieldStart("targets");
        g.writeString(host + ":" + port);
        g.writeEndArray();
        g.writeObjectFieldStart("labels");
        for (Map.Entry<String, String> l : labels.entrySet()) {
            g.writeStringField(l.getKey(), l.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** The zone an instance reports: Spring Cloud's {@code zone} metadata, else its AWS availability zone. */
    static String zoneOf(InstanceInfo i) {
        String zone = i.metadata().get("zone");
        if (zone == null && i.dataCenterInfo() != null) {
            zone = i.dataCenterInfo().metadata().get("availability-zone");
        }
        return zone == null || zone.isBlank() ? null : zone;
    }

    /** A Prometheus label name: letters, digits and underscores, not starting with a digit. */
    static String labelName(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (int n = 0; n < key.length(); n++) {
            char c = key.charAt(n);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            sb.append(ok ? c : '_');
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
