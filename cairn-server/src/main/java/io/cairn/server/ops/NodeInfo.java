package io.cairn.server.ops;

import io.cairn.model.InstanceStatus;
import io.cairn.server.cluster.Cluster;
import io.cairn.server.cluster.PeerState;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.registry.Registry;
import io.cairn.server.registry.SelfPreservationState;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /info}: what an operator wants to know about this node at a glance (the dashboard's system status):
 * identity, uptime, placement, lease expiration, self-preservation, the registry index and counts, peers.
 */
final class NodeInfo {
    private final CairnConfig config;
    private final Registry registry;
    private final Cluster cluster;
    private final Supplier<String> epoch;
    private final Supplier<String> node;
    private final java.util.function.BooleanSupplier adminEnabled;
    private final Clock clock;
    private final long startedAt;
    private final JsonReplies replies;

    NodeInfo(CairnConfig config, Registry registry, Cluster cluster, Supplier<String> epoch, Supplier<String> node,
             java.util.function.BooleanSupplier adminEnabled, Clock clock, long startedAt, JsonReplies replies) {
        this.config = config;
        this.registry = registry;
        this.cluster = cluster;
        this.epoch = epoch;
        this.node = node;
        this.adminEnabled = adminEnabled;
        this.clock = clock;
        this.startedAt = startedAt;
        this.replies = replies;
    }

    void info(HttpServerRequest req) {
        long now = clock.millis();
        long index = registry.index();
        Map<InstanceStatus, Integer> counts = registry.countsByStatus();
        SelfPreservationState sp = registry.selfPreservation();
        boolean expiring = registry.isLeaseExpirationEnabled();
        List<PeerState> peers = cluster.peers();
        long healthy = peers.stream().filter(PeerState::healthy).count();
        replies.send(req, 200, g -> {
            g.writeStartObject();
            g.writeStringField("node", node.get());
            g.writeStringField("version", Version.current());
            g.writeNumberField("startedAt", startedAt);
            g.writeNumberField("now", now);
            g.writeNumberField("uptimeSeconds", Math.max(0, now - startedAt) / 1000);
            g.writeStringField("region", config.region());
            g.writeStringField("zone", config.zone());
            g.writeStringField("basePath", config.basePath());
            g.writeStringField("epoch", epoch.get());
            g.writeNumberField("registryIndex", index);
            int total = 0;
            g.writeObjectFieldStart("byStatus");
            for (Map.Entry<InstanceStatus, Integer> e : counts.entrySet()) {
                g.writeNumberField(e.getKey().name(), e.getValue());
                total += e.getValue();
            }
            g.writeEndObject();
            g.writeNumberField("instances", total);
            g.writeBooleanField("leaseExpirationEnabled", expiring);
            g.writeObjectFieldStart("selfPreservation");
            g.writeBooleanField("enabled", sp.enabled());
            g.writeBooleanField("active", sp.active());
            g.writeNumberField("expectedClients", sp.expectedClients());
            g.writeNumberField("renewsThreshold", sp.renewsThreshold());
            g.writeNumberField("renewsLastMinute", sp.renewsLastMinute());
            if (sp.active()) {
                g.writeStringField("warning", warning(sp));
            }
            g.writeEndObject();
            g.writeBooleanField("readsOpen", cluster.gate().isOpen());
            g.writeObjectFieldStart("peers");
            g.writeNumberField("known", peers.size());
            g.writeNumberField("healthy", healthy);
            g.writeEndObject();
            g.writeObjectFieldStart("admin");
            g.writeBooleanField("enabled", adminEnabled.getAsBoolean());
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** Eureka's shouted EMERGENCY banner, said plainly. */
    static String warning(SelfPreservationState sp) {
        return "Only " + sp.renewsLastMinute() + " heartbeats arrived in the last minute, fewer than the "
                + sp.renewsThreshold() + " needed, so Cairn has stopped expiring leases: instances that went away "
                + "without deregistering stay listed until heartbeats recover.";
    }
}
