package io.cairn.server.http;

import io.cairn.model.Application;
import io.cairn.model.InstanceInfo;
import io.cairn.server.cache.Payload;
import io.cairn.server.cache.PayloadCache;
import io.cairn.server.cache.PayloadKey;
import io.cairn.server.cluster.ReadGate;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.regions.RemoteRegions;
import io.cairn.server.registry.Registry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The Eureka read endpoints. Whole-registry, delta and VIP documents come pre-serialized from the
 * {@link PayloadCache}; one application or instance is serialized on demand. Every answer is current.
 */
final class RegistryReads {
    private final Registry registry;
    private final PayloadCache cache;
    private final Codecs codecs;
    private final Replies replies;
    private final Guard guard;
    private final CairnConfig config;
    private final ReadGate gate;
    private final RemoteRegions remote;

    RegistryReads(Registry registry, PayloadCache cache, Codecs codecs, Replies replies, Guard guard,
                  CairnConfig config, ReadGate gate, RemoteRegions remote) {
        this.registry = registry;
        this.cache = cache;
        this.codecs = codecs;
        this.replies = replies;
        this.guard = guard;
        this.config = config;
        this.gate = gate;
        this.remote = remote;
    }

    /**
     * The remote regions a registry read includes: those named by {@code regions=} (unknown names ignored), or, for
     * a plain read, every region unless transparent fallback is disabled. Null when a named region has not been
     * fetched yet, which Eureka answers with 403.
     */
    private java.util.List<String> regions(HttpServerRequest req) {
        if ("true".equals(req.getHeader("X-Cairn-Peer"))) {
            // A peer copying this node's registry at its start takes this region only: remote regions' instances
            // would become leases there that nobody renews.
            return java.util.List.of();
        }
        String param = req.getParam("regions");
        if (param == null || param.isBlank()) {
            return remote.defaultRegions();
        }
        java.util.List<String> named = remote.known(java.util.Arrays.asList(param.split(",")));
        return remote.ready(named) ? named : null;
    }

    /**
     * Whether a registry read may be answered; if not, answers 403 as Eureka's gate does. An authenticated Cairn
     * peer syncing from this node is always answered, and told whether this node had synced itself.
     */
    boolean admitted(HttpServerRequest req, io.cairn.server.security.Principal who) {
        boolean open = gate.isOpen();
        req.response().putHeader("X-Cairn-Synced", Boolean.toString(open));
        if (open || who.isPeer() && "true".equals(req.getHeader("X-Cairn-Peer"))) {
            return true;
        }
        replies.empty(req, 403, registry.index());
        return false;
    }

    /** {@code GET /apps}: the whole registry. The {@code regions} parameter adds nothing while no remote region is configured. */
    void full(HttpServerRequest req, boolean v1, io.cairn.server.security.Principal who) {
        if (!admitted(req, who)) {
            return;
        }
        java.util.List<String> regions = regions(req);
        if (regions == null) {
            replies.empty(req, 403, registry.index());
            return;
        }
        cached(req, PayloadKey.Kind.FULL, "", v1, regions);
    }

    /** {@code GET /apps/delta}: recent changes and the hash of the whole registry, from one instant. */
    void delta(HttpServerRequest req, boolean v1, io.cairn.server.security.Principal who) {
        if (!admitted(req, who)) {
            return;
        }
        if (config.disableDelta()) {
            replies.empty(req, 403, registry.index());
            return;
        }
        if (registry.retainedChanges() > config.limits().maxDeltaChanges()
                && registry.deltaQueueSize() > config.limits().maxDeltaChanges()) {
            // As large as the registry itself (a mass registration or restart): Eureka clients answer a refused delta
            // with a full fetch, which is one cached document for all of them.
            replies.empty(req, 403, registry.index());
            return;
        }
        java.util.List<String> regions = regions(req);
        if (regions == null) {
            replies.empty(req, 403, registry.index());
            return;
        }
        cached(req, PayloadKey.Kind.DELTA, "", v1, regions);
    }

    /** {@code GET /vips/{vip}} and {@code /svips/{svip}}: 200 even when nothing matches. */
    void vip(HttpServerRequest req, String vip, boolean secure, boolean v1, io.cairn.server.security.Principal who) {
        if (!admitted(req, who)) {
            return;
        }
        cached(req, secure ? PayloadKey.Kind.SVIP : PayloadKey.Kind.VIP, vip, v1, java.util.List.of());
    }

    /** {@code GET /apps/{app}}: one application, or an empty 404. */
    void application(HttpServerRequest req, String app, boolean v1, io.cairn.server.security.Principal who) {
        if (!admitted(req, who)) {
            return;
        }
        long index = registry.index();
        Optional<Application> a = registry.application(app);
        if (a.isEmpty()) {
            a = remote.fallbackApplication(Registry.appKey(app));
        }
        if (a.isEmpty()) {
            replies.empty(req, 404, index);
            return;
        }
        boolean json = Replies.wantsJson(req);
        byte[] body = json ? codecs.json().writeApplication(a.get()) : codecs.xml().writeApplication(a.get(), v1);
        send(req, json, body, index);
    }

    /** {@code GET /apps/{app}/{id}}: one instance, or an empty 404. */
    void instance(HttpServerRequest req, String app, String id, boolean v1) {
        long index = registry.index();
        Optional<InstanceInfo> found = registry.instance(app, id);
        answerInstance(req, found.isPresent() ? found : remote.fallbackInstance(Registry.appKey(app), id), index, v1);
    }

    /** {@code GET /instances/{id}}: the first instance with this id in any application. */
    void instanceById(HttpServerRequest req, String id, boolean v1) {
        long index = registry.index();
        Optional<InstanceInfo> found = registry.instanceById(id);
        answerInstance(req, found.isPresent() ? found : remote.fallbackInstance(null, id), index, v1);
    }

    private void answerInstance(HttpServerRequest req, Optional<InstanceInfo> found, long index, boolean v1) {
        if (found.isEmpty()) {
            replies.empty(req, 404, index);
            return;
        }
        boolean json = Replies.wantsJson(req);
        send(req, json, codecs.writeInstance(found.get(), json, v1), index);
    }

    private void send(HttpServerRequest req, boolean json, byte[] body, long index) {
        if (Replies.wantsGzip(req) && body.length > 1024) {
            Context ctx = Vertx.currentContext();
            CompletableFuture.supplyAsync(() -> Payload.gzip(body), cache.executor())
                    .whenComplete((gz, err) -> ctx.runOnContext(v -> guard.run(req, () -> {
                        if (err != null) {
                            throw new IllegalStateException(err);
                        }
                        replies.bytes(req, 200, json ? Replies.JSON : Replies.XML, gz, true, index);
                    })));
            return;
        }
        replies.bytes(req, 200, json ? Replies.JSON : Replies.XML, body, false, index);
    }

    private void cached(HttpServerRequest req, PayloadKey.Kind kind, String name, boolean v1,
                        java.util.List<String> regions) {
        boolean json = Replies.wantsJson(req);
        PayloadKey key = new PayloadKey(kind, name, json, json && Replies.wantsCompact(req), !json && v1, regions);
        boolean gzip = Replies.wantsGzip(req);
        String type = json ? Replies.JSON : Replies.XML;
        Context ctx = Vertx.currentContext();
        cache.get(key).thenCompose(p -> {
            if (gzip) {
                return p.gzipped(cache.executor()).thenApply(gz -> new Answer(p, gz));
            }
            CompletableFuture<byte[]> plain = p.plainCopy(cache.executor(), cache.clock().millis(),
                    config.limits().maxPlainCopyBytes());
            return plain == null ? CompletableFuture.completedFuture(new Answer(p, null))
                    : plain.thenApply(b -> new Answer(p, b));
        }).whenComplete((answer, err) -> ctx.runOnContext(v -> guard.run(req, () -> {
            if (err != null) {
                throw new IllegalStateException("building " + key + " failed", err);
            }
            Payload p = answer.payload();
            if (answer.body() != null) {
                replies.bytes(req, 200, type, answer.body(), gzip, p.index());
            } else {
                // Too large to hold uncompressed: inflated as the client reads it.
                replies.stream(req, 200, type, p.openPlain(), p.plainLength(), p.index());
            }
        })));
    }

    private record Answer(Payload payload, byte[] body) {
    }
}
