package io.cairn.server.ops;

import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.server.cluster.Replication;
import io.cairn.server.registry.Registry;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.cairn.server.security.Principal;
import java.util.List;

/**
 * The dashboard's administrative actions under {@code /admin}, which the security gate lets only admins reach: check
 * the credentials
 * ({@code GET /admin/session}), show the configuration in force ({@code GET /admin/config}), set or remove a status override ({@code PUT|DELETE /admin/apps/{app}/{id}/status}) and
 * deregister ({@code DELETE /admin/apps/{app}/{id}}). They act as Eureka's own endpoints do, replication included, and
 * each leaves one line in the log.
 */
final class AdminEndpoints {
    private static final System.Logger LOG = System.getLogger(AdminEndpoints.class.getName());

    private final Registry registry;
    private final Replication replication;
    private final JsonReplies replies;
    private final io.cairn.server.config.CairnConfig config;

    AdminEndpoints(Registry registry, Replication replication, JsonReplies replies,
                   io.cairn.server.config.CairnConfig config) {
        this.config = config;
        this.registry = registry;
        this.replication = replication;
        this.replies = replies;
    }

    /** @param segments the decoded path segments after {@code /admin} */
    void handle(HttpServerRequest req, List<String> segments, Principal principal) {
        String who = principal.name();
        HttpMethod m = req.method();
        int n = segments.size();
        if (n == 1 && segments.get(0).equals("session")) {
            OpsRoutes.allow(req, "GET", "HEAD");
            replies.send(req, 200, g -> {
                g.writeStartObject();
                g.writeStringField("user", who);
                g.writeEndObject();
            });
        } else if (n == 1 && segments.get(0).equals("config")) {
            OpsRoutes.allow(req, "GET", "HEAD");
            configuration(req);
        } else if (n == 4 && segments.get(0).equals("apps") && segments.get(3).equals("status")) {
            OpsRoutes.allow(req, "PUT", "DELETE");
            if (m == HttpMethod.PUT) {
                setStatus(req, segments.get(1), segments.get(2), who);
            } else {
                removeOverride(req, segments.get(1), segments.get(2), who);
            }
        } else if (n == 3 && segments.get(0).equals("apps")) {
            OpsRoutes.allow(req, "DELETE");
            deregister(req, segments.get(1), segments.get(2), who);
        } else {
            throw new OpsError(404, "no such admin endpoint: " + req.path());
        }
    }

    /**
     * {@code GET /admin/config}: every setting in force by its canonical key, secrets shown only as set or not,
     * passwords masked in peer URLs, users and tokens by name and roles.
     */
    private void configuration(HttpServerRequest req) {
        java.util.Map<io.cairn.server.config.Setting, Object> settings = config.settings();
        replies.send(req, 200, g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("settings");
            for (java.util.Map.Entry<io.cairn.server.config.Setting, Object> e : settings.entrySet()) {
                Object v = e.getValue();
                String shown = e.getKey().isSecret() ? (String.valueOf(v).isEmpty() ? "" : "***")
                        : v instanceof java.time.Duration d ? Long.toString(d.toMillis()) : String.valueOf(v);
                if (e.getKey() == io.cairn.server.config.Setting.PEER_URLS) {
                    shown = String.join(",", config.cluster().peerUrls().stream()
                            .map(io.cairn.server.cluster.PeerAddress::masked).toList());
                }
                g.writeStringField(e.getKey().key(), shown);
            }
            g.writeEndObject();
            g.writeArrayFieldStart("peerUrls");
            for (String u : config.cluster().peerUrls()) {
                g.writeString(io.cairn.server.cluster.PeerAddress.masked(u));
            }
            g.writeEndArray();
            g.writeObjectFieldStart("remoteRegions");
            for (java.util.Map.Entry<String, String> r : config.remoteRegions().urls().entrySet()) {
                g.writeStringField(r.getKey(), io.cairn.server.cluster.PeerAddress.masked(r.getValue()));
            }
            g.writeEndObject();
            g.writeObjectFieldStart("credentials");
            for (java.util.Map.Entry<String, String> c : config.security().entries().entrySet()) {
                if (c.getKey().endsWith(".roles")) {
                    g.writeStringField(c.getKey(), c.getValue());
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private void setStatus(HttpServerRequest req, String app, String id, String who) {
        String value = req.getParam("value");
        if (value == null) {
            throw new OpsError(400, "missing query parameter 'value' (UP, DOWN, STARTING or OUT_OF_SERVICE)");
        }
        InstanceStatus status = InstanceStatus.parse(value).filter(s -> s != InstanceStatus.UNKNOWN)
                .orElseThrow(() -> new OpsError(400, "invalid value: expected UP, DOWN, STARTING or OUT_OF_SERVICE"));
        if (!registry.setStatusOverride(app, id, status, null, false)) {
            throw notFound(app, id);
        }
        replication.statusUpdated(app, id, status);
        LOG.log(System.Logger.Level.INFO, "admin {0}: {1}/{2} status override set to {3}", who,
                Registry.appKey(app), id, status);
        answer(req, app, id);
    }

    private void removeOverride(HttpServerRequest req, String app, String id, String who) {
        // As Eureka: the instance turns UNKNOWN, so its next heartbeat fails and it registers with its real status.
        if (!registry.deleteStatusOverride(app, id, InstanceStatus.UNKNOWN, null, false)) {
            throw notFound(app, id);
        }
        replication.overrideDeleted(app, id, InstanceStatus.UNKNOWN);
        LOG.log(System.Logger.Level.INFO, "admin {0}: {1}/{2} status override removed", who, Registry.appKey(app), id);
        answer(req, app, id);
    }

    private void deregister(HttpServerRequest req, String app, String id, String who) {
        if (!registry.cancel(app, id, false)) {
            throw notFound(app, id);
        }
        replication.cancelled(app, id);
        LOG.log(System.Logger.Level.INFO, "admin {0}: {1}/{2} deregistered", who, Registry.appKey(app), id);
        replies.send(req, 200, g -> {
            g.writeStartObject();
            g.writeStringField("app", Registry.appKey(app));
            g.writeStringField("id", id);
            g.writeBooleanField("deregistered", true);
            g.writeEndObject();
        });
    }

    private void answer(HttpServerRequest req, String app, String id) {
        InstanceInfo now = registry.instance(app, id).orElse(null);
        replies.send(req, 200, g -> {
            g.writeStartObject();
            g.writeStringField("app", Registry.appKey(app));
            g.writeStringField("id", id);
            if (now != null) {
                g.writeStringField("status", now.status().name());
                g.writeStringField("overriddenStatus", now.overriddenStatus().name());
            }
            g.writeEndObject();
        });
    }

    private static OpsError notFound(String app, String id) {
        return new OpsError(404, "no instance " + id + " in application " + Registry.appKey(app));
    }
}
