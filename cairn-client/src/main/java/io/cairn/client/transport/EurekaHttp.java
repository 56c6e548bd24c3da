package io.cairn.client.transport;

import io.cairn.model.Applications;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.model.codec.CodecException;
import io.cairn.model.codec.EurekaJsonCodec;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The Eureka v1 REST calls the client makes, over {@link FailoverClient}: register, renew, cancel, full and delta
 * fetches. Which statuses end a call (instead of failing over) follows Eureka's own client: a 404 on renew or a
 * 403/404 on a delta are answers, not server failures; anything below 500 on a write is an answer too, since
 * another server would refuse the same request. JSON both ways, gzip on reads.
 */
public final class EurekaHttp {
    /** What the client calls itself in {@code User-Agent}. */
    public static final String USER_AGENT = "Cairn-Client/0.1";

    private final FailoverClient servers;
    private final EurekaJsonCodec codec;
    private final Duration readTimeout;

    public EurekaHttp(FailoverClient servers, EurekaJsonCodec codec, Duration readTimeout) {
        this.servers = servers;
        this.codec = codec;
        this.readTimeout = readTimeout;
    }

    /** The servers and their failover state. */
    public FailoverClient servers() {
        return servers;
    }

    /** {@code POST apps/{APP}}: true when the server stored the instance (Eureka answers 204). */
    public boolean register(InstanceInfo self) {
        byte[] body = codec.writeInstance(self);
        Reply r = servers.execute("register " + self.id(), e -> request(e, appPath(self))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                status -> status < 500);
        return r.isSuccess();
    }

    /** The outcome of a heartbeat. */
    public enum Renewal {
        /** The lease was renewed. */
        RENEWED,
        /** The server does not know the instance (or holds older data): register again. */
        NOT_FOUND,
        /** The server refused the heartbeat for another reason. */
        REFUSED
    }

    /** {@code PUT apps/{APP}/{id}?status=..&lastDirtyTimestamp=..}. */
    public Renewal renew(InstanceInfo self) {
        String path = instancePath(self) + "?status=" + self.status().name()
                + "&lastDirtyTimestamp=" + self.lastDirtyTimestamp();
        Reply r = servers.execute("renew " + self.id(), e -> request(e, path)
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), status -> status < 500);
        if (r.status() == 200) {
            return Renewal.RENEWED;
        }
        return r.status() == 404 ? Renewal.NOT_FOUND : Renewal.REFUSED;
    }

    /**
     * {@code PUT apps/{APP}/{id}/status?value=..}: an override, the only way a registered UP instance becomes
     * OUT_OF_SERVICE on a Eureka server (a re-registration keeps the status of an existing lease). True on 200.
     */
    public boolean setStatusOverride(InstanceInfo self, InstanceStatus status) {
        String path = instancePath(self) + "/status?value=" + status.name()
                + "&lastDirtyTimestamp=" + self.lastDirtyTimestamp();
        return servers.execute("status override of " + self.id(), e -> request(e, path)
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), s -> s < 500).status() == 200;
    }

    /** {@code DELETE apps/{APP}/{id}/status?value=..}: removes an override, setting {@code status}. */
    public boolean deleteStatusOverride(InstanceInfo self, InstanceStatus status) {
        String path = instancePath(self) + "/status?value=" + status.name()
                + "&lastDirtyTimestamp=" + self.lastDirtyTimestamp();
        return servers.execute("override removal of " + self.id(), e -> request(e, path).DELETE().build(),
                s -> s < 500).status() == 200;
    }

    /** {@code DELETE apps/{APP}/{id}}, best effort: any answer ends the call. */
    public int cancel(InstanceInfo self) {
        return servers.execute("cancel " + self.id(), e -> request(e, instancePath(self)).DELETE().build(),
                status -> true).status();
    }

    /** A registry document and the reply it came in. */
    public record Fetched(Applications applications, Reply reply) {
    }

    /** {@code GET apps/}: the whole registry. */
    public Fetched fetchFull() {
        Reply r = servers.execute("full registry fetch", e -> read(e, "apps/"), status -> status == 200);
        return new Fetched(decode(r), r);
    }

    /** {@code GET apps/delta}; empty when the server does not serve deltas (403, 404), so that a full fetch follows. */
    public Optional<Fetched> fetchDelta() {
        Reply r = servers.execute("delta fetch", e -> read(e, "apps/delta"),
                status -> status == 200 || status == 403 || status == 404);
        if (r.status() != 200) {
            return Optional.empty();
        }
        return Optional.of(new Fetched(decode(r), r));
    }

    /** A server that sends an unreadable registry is treated like one that failed. */
    private Applications decode(Reply r) {
        try {
            return codec.readApplications(r.body());
        } catch (CodecException e) {
            servers.reportFailure(r.endpoint());
            throw new TransportException(r.endpoint() + " sent an unreadable registry: " + e.getMessage(), e);
        }
    }

    private HttpRequest read(ServiceEndpoint e, String path) {
        return request(e, path).header("Accept-Encoding", "gzip").GET().build();
    }

    /** A request builder for {@code path} on {@code e} with the common headers and the read timeout. */
    public HttpRequest.Builder request(ServiceEndpoint e, String path) {
        return request(e, path, readTimeout);
    }

    /** A request builder for {@code path} on {@code e} with the common headers and the given timeout. */
    public static HttpRequest.Builder request(ServiceEndpoint e, String path, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(e.resolve(path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
        if (e.authorization() != null) {
            b.header("Authorization", e.authorization());
        }
        return b;
    }

    private static String appPath(InstanceInfo i) {
        return "apps/" + UrlPaths.segment(i.app().toUpperCase(Locale.ROOT));
    }

    private static String instancePath(InstanceInfo i) {
        return appPath(i) + "/" + UrlPaths.segment(i.id());
    }
}
