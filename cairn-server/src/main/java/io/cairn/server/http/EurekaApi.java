package io.cairn.server.http;

import io.cairn.model.codec.EurekaJsonCodec;
import io.cairn.model.codec.EurekaXmlCodec;
import io.cairn.server.cache.PayloadCache;
import io.cairn.server.cluster.Cluster;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.registry.InstanceValidator;
import io.cairn.server.registry.Registry;
import io.cairn.server.security.Ownership;
import io.cairn.server.security.Principal;
import io.cairn.server.security.SecuredHandler;
import io.cairn.server.watch.WatchHub;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;

/**
 * Eureka's REST API under the base path ({@code /eureka}), with or without a version segment, with or without
 * trailing slashes. Routes each request to its endpoint; other paths go to {@code fallback}.
 */
public final class EurekaApi implements SecuredHandler {
    private final String basePath;
    private final Replies replies = new Replies();
    private final Guard guard = new Guard(replies);
    private final InstanceWrites writes;
    private final RegistryReads reads;
    private final PeerBatch batch;
    private final ServerInfo info;
    private final WatchHub watch;
    private final PeerEndpoints peers;
    private final Handler<HttpServerRequest> fallback;

    public EurekaApi(CairnConfig config, Registry registry, PayloadCache cache, EurekaJsonCodec json,
                     EurekaXmlCodec xml, WatchHub watch, Cluster cluster,
                     io.cairn.server.regions.RemoteRegions remote, Clock clock, Ownership owners,
                     Handler<HttpServerRequest> fallback) {
        this.basePath = config.basePath();
        Codecs codecs = new Codecs(json, xml);
        InstanceValidator validator = new InstanceValidator(config);
        BodyReader bodies = new BodyReader(config.maxBodyBytes(), config.limits().requestTimeout().toMillis());
        this.writes = new InstanceWrites(registry, validator, codecs, replies, bodies, clock, cluster, owners);
        this.reads = new RegistryReads(registry, cache, codecs, replies, guard, config, cluster.gate(), remote);
        this.peers = new PeerEndpoints(cluster, registry, json, replies, bodies);
        this.batch = new PeerBatch(registry, validator, json, replies, bodies, clock);
        this.info = new ServerInfo(registry, json, replies);
        this.watch = watch;
        this.fallback = fallback;
    }

    /** Serves a request from {@code who}, whom the security gate has already let through. */
    @Override
    public void handle(HttpServerRequest req, Principal who) {
        guard.run(req, () -> {
            EurekaPath path = EurekaPath.parse(basePath, req.path());
            if (path == null) {
                fallback.handle(req);
                return;
            }
            route(req, path, who);
        });
    }

    private void route(HttpServerRequest req, EurekaPath p, Principal who) {
        HttpMethod m = req.method();
        int n = p.size();
        String resource = n == 0 ? "" : p.get(0);
        boolean v1 = p.v1();
        switch (resource) {
            case "apps" -> {
                if (n == 1) {
                    allow(req, "GET");
                    reads.full(req, v1, who);
                } else if (n == 2 && p.get(1).equals("delta") && m == HttpMethod.GET) {
                    reads.delta(req, v1, who);
                } else if (n == 2) {
                    if (m == HttpMethod.GET) {
                        reads.application(req, p.get(1), v1, who);
                    } else {
                        allow(req, "GET, POST");
                        writes.register(req, p.get(1), guard, who);
                    }
                } else if (n == 3) {
                    if (m == HttpMethod.GET) {
                        reads.instance(req, p.get(1), p.get(2), v1);
                    } else if (m == HttpMethod.PUT) {
                        writes.renew(req, p.get(1), p.get(2), who);
                    } else {
                        allow(req, "GET, PUT, DELETE");
                        writes.cancel(req, p.get(1), p.get(2), who);
                    }
                } else if (n == 4 && p.get(3).equals("status")) {
                    if (m == HttpMethod.PUT) {
                        writes.setStatus(req, p.get(1), p.get(2), who);
                    } else {
                        allow(req, "PUT, DELETE");
                        writes.deleteStatus(req, p.get(1), p.get(2), who);
                    }
                } else if (n == 4 && p.get(3).equals("metadata")) {
                    allow(req, "PUT");
                    writes.metadata(req, p.get(1), p.get(2), who);
                } else {
                    notFound(req);
                }
            }
            case "instances" -> {
                if (n != 2) {
                    notFound(req);
                    return;
                }
                allow(req, "GET");
                reads.instanceById(req, p.get(1), v1);
            }
            case "vips", "svips" -> {
                if (n != 2) {
                    notFound(req);
                    return;
                }
                allow(req, "GET");
                reads.vip(req, p.get(1), resource.equals("svips"), v1, who);
            }
            case "peerreplication" -> {
                if (n == 2 && p.get(1).equals("batch")) {
                    allow(req, "POST");
                    batch.handle(req, guard);
                } else if (n == 2 && p.get(1).equals("renewals")) {
                    allow(req, "POST");
                    peers.renewals(req, guard);
                } else {
                    notFound(req);
                }
            }
            case "peers" -> {
                if (n != 1) {
                    notFound(req);
                    return;
                }
                allow(req, "GET");
                peers.list(req);
            }
            case "asg" -> {
                if (n != 3 || !p.get(2).equals("status")) {
                    notFound(req);
                    return;
                }
                allow(req, "PUT");
                throw new HttpError(400, "ASG status is only meaningful for a registry running on AWS");
            }
            case "status" -> {
                if (n != 1) {
                    notFound(req);
                    return;
                }
                allow(req, "GET");
                info.status(req);
            }
            case "watch", "events" -> {
                if (n != 1) {
                    notFound(req);
                    return;
                }
                allow(req, "GET");
                // A node still empty at start would otherwise tell every watcher that every service vanished.
                if (!reads.admitted(req, who)) {
                    return;
                }
                if (resource.equals("watch")) {
                    watch.longPoll(req);
                } else {
                    watch.stream(req);
                }
            }
            case "serverinfo" -> {
                if (n != 2 || !p.get(1).equals("statusoverrides")) {
                    notFound(req);
                    return;
                }
                allow(req, "GET");
                info.statusOverrides(req);
            }
            default -> notFound(req);
        }
    }

    /** Throws 405 unless the request's method is one of {@code methods}. */
    private static void allow(HttpServerRequest req, String methods) {
        String m = req.method().name();
        // No String.split here: its two-character separator compiles a regex, and this runs on every request.
        int at = methods.indexOf(m);
        int end = at + m.length();
        if (at >= 0 && (at == 0 || methods.charAt(at - 1) == ' ')
                && (end == methods.length() || methods.charAt(end) == ',')) {
            return;
        }
        req.response().putHeader("Allow", methods);
        throw new HttpError(405, "method " + m + " not allowed here; allowed: " + methods);
    }

    private void notFound(HttpServerRequest req) {
        replies.error(req, 404, null);
    }
}
