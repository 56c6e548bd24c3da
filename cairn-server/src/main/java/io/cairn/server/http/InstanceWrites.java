package io.cairn.server.http;

import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.server.cluster.Replication;
import io.cairn.server.registry.InstanceValidator;
import io.cairn.server.registry.Registry;
import io.cairn.server.registry.RenewResult;
import io.cairn.server.security.Ownership;
import io.cairn.server.security.Principal;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The Eureka write endpoints: register, renew, cancel, status override set and delete, metadata merge. */
final class InstanceWrites {
    private static final System.Logger LOG = System.getLogger(InstanceWrites.class.getName());
    /** Peers mark individually replicated calls with this header, compared exactly as Eureka does. */
    static final String REPLICATION_HEADER = "x-netflix-discovery-replication";

    private final Registry registry;
    private final InstanceValidator validator;
    private final Codecs codecs;
    private final Replies replies;
    private final BodyReader bodies;
    private final Clock clock;
    private final Replication replication;
    private final AddressLimiter writes;
    private final AddressLimiter renewals;
    private final Ownership owners;

    InstanceWrites(Registry registry, InstanceValidator validator, Codecs codecs, Replies replies, BodyReader bodies,
                   Clock clock, Replication replication, Ownership owners) {
        this.owners = owners;
        this.registry = registry;
        this.validator = validator;
        this.codecs = codecs;
        this.replies = replies;
        this.bodies = bodies;
        this.clock = clock;
        this.replication = replication;
        this.writes = new AddressLimiter(registry.config().limits().writesPerSecondPerAddress(), clock);
        this.renewals = new AddressLimiter(registry.config().limits().renewalsPerSecondPerAddress(), clock);
    }

    /**
     * Refuses with 429 a client address over its rate, so that one misbehaving client cannot starve the others;
     * peers' replicated calls are not counted.
     */
    private void admit(HttpServerRequest req, Principal who, AddressLimiter limiter) {
        if (!isReplication(req, who) && !limiter.tryAcquire(clientAddress(req))) {
            req.response().putHeader("Retry-After", "1");
            throw new HttpError(429, "too many requests from " + clientAddress(req) + "; slow down");
        }
    }

    static String clientAddress(HttpServerRequest req) {
        return req.remoteAddress() == null ? "unknown" : req.remoteAddress().host();
    }

    /**
     * Whether a call is a peer's replication: the header counts only from an authenticated peer, so that a client
     * cannot use it to bypass the status and timestamp rules or the rate limits.
     */
    static boolean isReplication(HttpServerRequest req, Principal who) {
        return who.isPeer() && "true".equals(req.getHeader(REPLICATION_HEADER));
    }

    /** Refuses an action on an instance that belongs to another client. */
    private void owned(HttpServerRequest req, Principal who, String app, String id) {
        try {
            owners.check(who, app, id, () -> registry.contains(app, id));
        } catch (Ownership.Refused e) {
            LOG.log(System.Logger.Level.WARNING, "refused {0} {1} from {2}: {3,number,#} {4}", req.method(), req.path(),
                    clientAddress(req), e.status(), e.getMessage());
            if (e.status() == 401) {
                req.response().putHeader("WWW-Authenticate", "Basic realm=\"cairn\", charset=\"UTF-8\"");
            }
            throw new HttpError(e.status(), e.getMessage());
        }
    }

    /** {@code POST /apps/{app}}: 204 on success, as the clients require exactly. */
    void register(HttpServerRequest req, String app, Guard guard, Principal who) {
        admit(req, who, writes);
        bodies.read(req, replies, body -> guard.run(req, () -> {
            InstanceInfo instance = codecs.readInstance(req, body);
            validator.validate(Registry.appKey(app), instance, clock.millis());
            boolean replicated = isReplication(req, who);
            owned(req, who, instance.app(), instance.id());
            InstanceInfo stored = registry.register(instance, replicated);
            owners.claim(who, stored.app(), stored.id());
            replies.empty(req, 204, registry.index());
            if (!replicated) {
                replication.registered(stored);
            }
        }));
    }

    /** {@code PUT /apps/{app}/{id}}: 200, or an empty 404 that makes the client register again, or 409 for a peer. */
    void renew(HttpServerRequest req, String app, String id, Principal who) {
        admit(req, who, renewals);
        owned(req, who, app, id);
        String query = req.query();
        Long lastDirty = optionalTimestamp(QueryParams.get(query, "lastDirtyTimestamp"), "lastDirtyTimestamp");
        String peerOverride = QueryParams.get(query, "overriddenstatus");
        if (peerOverride == null) {
            peerOverride = QueryParams.get(query, "overriddenStatus");
        }
        InstanceStatus override = peerOverride == null ? null : status(peerOverride, "overriddenstatus");
        boolean replicated = isReplication(req, who);
        RenewResult result = registry.renew(app, id, replicated, lastDirty, override);
        if (!replicated && result.outcome() == RenewResult.Outcome.RENEWED) {
            replication.renewed(app, id);
        }
        switch (result.outcome()) {
            case RENEWED -> replies.empty(req, 200, registry.index());
            case NOT_FOUND -> replies.empty(req, 404, registry.index());
            case CONFLICT -> {
                // Negotiated as JAX-RS does for Eureka's 409: JSON when asked for, XML otherwise (no Accept included).
                boolean json = Replies.wantsJson(req);
                replies.bytes(req, 409, json ? Replies.JSON : Replies.XML,
                        codecs.writeInstance(result.conflict(), json, false), false, registry.index());
            }
        }
    }

    /** {@code DELETE /apps/{app}/{id}}: 200 or 404. */
    void cancel(HttpServerRequest req, String app, String id, Principal who) {
        admit(req, who, writes);
        owned(req, who, app, id);
        boolean replicated = isReplication(req, who);
        boolean removed = registry.cancel(app, id, replicated);
        if (removed) {
            owners.release(app, id);
        }
        replies.empty(req, removed ? 200 : 404, registry.index());
        if (removed && !replicated) {
            replication.cancelled(app, id);
        }
    }

    /** {@code PUT /apps/{app}/{id}/status?value=S}: 200 or 404; a bad value is 400 (Eureka answers 500). */
    void setStatus(HttpServerRequest req, String app, String id, Principal who) {
        admit(req, who, writes);
        owned(req, who, app, id);
        MultiMap q = req.params();
        String value = q.get("value");
        if (value == null) {
            throw new HttpError(400, "missing query parameter 'value' (UP, DOWN, STARTING, OUT_OF_SERVICE or UNKNOWN)");
        }
        InstanceStatus status = status(value, "value");
        Long lastDirty = optionalTimestamp(q, "lastDirtyTimestamp");
        boolean replicated = isReplication(req, who);
        boolean found = registry.setStatusOverride(app, id, status, lastDirty, replicated);
        replies.empty(req, found ? 200 : 404, registry.index());
        if (found && !replicated) {
            replication.statusUpdated(app, id, status);
        }
    }

    /** {@code DELETE /apps/{app}/{id}/status[?value=S]}: 200 or 404; the instance takes S, by default UNKNOWN. */
    void deleteStatus(HttpServerRequest req, String app, String id, Principal who) {
        admit(req, who, writes);
        owned(req, who, app, id);
        MultiMap q = req.params();
        String value = q.get("value");
        InstanceStatus status = value == null ? InstanceStatus.UNKNOWN : status(value, "value");
        Long lastDirty = optionalTimestamp(q, "lastDirtyTimestamp");
        boolean replicated = isReplication(req, who);
        boolean found = registry.deleteStatusOverride(app, id, status, lastDirty, replicated);
        replies.empty(req, found ? 200 : 404, registry.index());
        if (found && !replicated) {
            replication.overrideDeleted(app, id, status);
        }
    }

    /** {@code PUT /apps/{app}/{id}/metadata?k=v…}: merges every parameter (first value wins) into the metadata. */
    void metadata(HttpServerRequest req, String app, String id, Principal who) {
        admit(req, who, writes);
        owned(req, who, app, id);
        Map<String, String> updates = new LinkedHashMap<>();
        req.params().forEach(e -> updates.putIfAbsent(e.getKey(), e.getValue()));
        Optional<InstanceInfo> current = registry.instance(app, id);
        if (current.isEmpty()) {
            replies.empty(req, 404, registry.index());
            return;
        }
        Map<String, String> merged = new LinkedHashMap<>(current.get().metadata());
        merged.putAll(updates);
        validator.checkMetadata(merged);
        boolean found = registry.mergeMetadata(app, id, updates);
        replies.empty(req, found ? 200 : 404, registry.index());
        if (found && !isReplication(req, who)) {
            registry.instance(app, id).ifPresent(replication::registered);
        }
    }

    static InstanceStatus status(String value, String name) {
        return InstanceStatus.parse(value).orElseThrow(() -> new HttpError(400, "invalid " + name + " '"
                + abbreviate(value) + "': expected UP, DOWN, STARTING, OUT_OF_SERVICE or UNKNOWN"));
    }

    private Long optionalTimestamp(MultiMap q, String name) {
        return optionalTimestamp(q.get(name), name);
    }

    private Long optionalTimestamp(String raw, String name) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        long v;
        try {
            v = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new HttpError(400, name + " must be a number of milliseconds");
        }
        try {
            InstanceValidator.checkTimestamp(name, v, clock.millis());
        } catch (RuntimeException e) {
            throw new HttpError(400, e.getMessage());
        }
        return v;
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
