package io.cairn.client.support;

import io.cairn.client.transport.Exchange;
import io.cairn.client.transport.Reply;
import io.cairn.client.transport.ServiceEndpoint;
import io.cairn.model.ActionType;
import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.model.codec.EurekaJsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * An in-memory Eureka server behind the {@link Exchange} seam: register, renew, cancel, full and delta fetches with
 * the reconcile hash, and (when {@link #cairn(boolean)} is on) Cairn's index header and an immediate-answer watch.
 * Servers can be taken down by URL; every request is logged.
 */
public final class FakeEureka implements Exchange {
    private final EurekaJsonCodec codec = new EurekaJsonCodec(() -> 0L);
    private final Map<String, InstanceInfo> registry = new LinkedHashMap<>();
    private final List<InstanceInfo> delta = new ArrayList<>();
    private final List<Event> history = new ArrayList<>();
    private final Set<String> down = new HashSet<>();
    private final Map<String, InstanceStatus> overrides = new LinkedHashMap<>();
    private final List<String> log = new ArrayList<>();
    private long version;
    private long index;
    private boolean cairn;
    private boolean wrongHash;
    private IntSupplier forcedStatus;
    private FakeClock idleClock;
    private boolean refuseOverrides;

    private record Event(long index, ActionType action, InstanceInfo instance) {
    }

    public synchronized FakeEureka cairn(boolean v) {
        cairn = v;
        return this;
    }

    /**
     * Makes a watch with nothing to report take its whole wait on {@code clock}, as a real long poll does, so that a
     * watching client driven by a {@link ManualScheduler} does not spin.
     */
    public synchronized FakeEureka idleWatchTakes(FakeClock clock) {
        idleClock = clock;
        return this;
    }

    /** Answers 401 to status overrides, as a Cairn server does for anonymous callers by default. */
    public synchronized FakeEureka refuseOverrides(boolean v) {
        refuseOverrides = v;
        return this;
    }

    /** Makes every delta carry a hash that cannot match, as a server whose delta lost changes. */
    public synchronized FakeEureka wrongHash(boolean v) {
        wrongHash = v;
        return this;
    }

    /** While set, every request is answered with this status and no body. */
    public synchronized FakeEureka forceStatus(IntSupplier status) {
        forcedStatus = status;
        return this;
    }

    /** Takes the server at {@code baseUrl} down (connection refused) or brings it back. */
    public synchronized FakeEureka down(String baseUrl, boolean isDown) {
        if (isDown) {
            down.add(baseUrl);
        } else {
            down.remove(baseUrl);
        }
        return this;
    }

    /** Requests so far, as {@code METHOD base path?query}. */
    public synchronized List<String> log() {
        return List.copyOf(log);
    }

    public synchronized void clearLog() {
        log.clear();
    }

    public synchronized long count(String prefix) {
        return log.stream().filter(l -> l.startsWith(prefix) || l.contains(" " + prefix)).count();
    }

    public synchronized Collection<InstanceInfo> instances() {
        return List.copyOf(registry.values());
    }

    /** Registers (or replaces) an instance server-side, as another client would. */
    public synchronized void put(InstanceInfo i) {
        registry.put(i.id(), i.toBuilder().actionType(ActionType.ADDED).build());
        changed(ActionType.ADDED, registry.get(i.id()));
    }

    /** Changes an instance's status server-side, as an operator would. */
    public synchronized void setStatus(String id, InstanceStatus s) {
        InstanceInfo i = registry.get(id).toBuilder().status(s).actionType(ActionType.MODIFIED).build();
        registry.put(id, i);
        changed(ActionType.MODIFIED, i);
    }

    /** Removes an instance server-side without a trace in the delta, as a lost change would. */
    public synchronized void dropSilently(String id) {
        registry.remove(id);
    }

    public synchronized void remove(String id) {
        InstanceInfo i = registry.remove(id);
        changed(ActionType.DELETED, i.toBuilder().actionType(ActionType.DELETED).build());
    }

    private void changed(ActionType action, InstanceInfo i) {
        delta.removeIf(d -> d.id().equals(i.id()));
        delta.add(i);
        history.add(new Event(++index, action, i));
    }

    @Override
    public Reply send(ServiceEndpoint endpoint, HttpRequest request) throws IOException {
        byte[] body = body(request);
        synchronized (this) {
            URI uri = request.uri();
            String base = endpoint.baseUri().toString();
            String rel = uri.toString().substring(base.length());
            log.add(request.method() + " " + base + " " + rel);
            if (down.contains(base)) {
                throw new ConnectException("connection refused (fake " + base + ")");
            }
            if (forcedStatus != null) {
                return reply(endpoint, forcedStatus.getAsInt(), new byte[0]);
            }
            String path = rel.contains("?") ? rel.substring(0, rel.indexOf('?')) : rel;
            Map<String, String> query = query(rel);
            String[] seg = path.split("/");
            String m = request.method();
            if (m.equals("GET") && (path.equals("apps/") || path.equals("apps"))) {
                return reply(endpoint, 200, codec.writeApplications(document(registry.values(), 1), false));
            }
            if (m.equals("GET") && path.equals("apps/delta")) {
                Applications full = document(registry.values(), 1);
                Applications d = document(delta, ++version);
                Applications withHash = new Applications(d.versionsDelta(),
                        wrongHash ? "UP_999_" : full.appsHashcode(), d.applications());
                return reply(endpoint, 200, codec.writeApplications(withHash, false));
            }
            if (m.equals("GET") && path.equals("watch")) {
                return watch(endpoint, query);
            }
            if (refuseOverrides && seg.length == 4 && seg[3].equals("status")) {
                return reply(endpoint, 401, new byte[0]);
            }
            if (m.equals("PUT") && seg.length == 4 && seg[3].equals("status")) {
                InstanceInfo i = registry.get(seg[2]);
                if (i == null) {
                    return reply(endpoint, 404, new byte[0]);
                }
                InstanceStatus s = InstanceStatus.valueOf(query.get("value"));
                overrides.put(seg[2], s);
                registry.put(seg[2], i.toBuilder().status(s).overriddenStatus(s).actionType(ActionType.MODIFIED).build());
                changed(ActionType.MODIFIED, registry.get(seg[2]));
                return reply(endpoint, 200, new byte[0]);
            }
            if (m.equals("DELETE") && seg.length == 4 && seg[3].equals("status")) {
                InstanceInfo i = registry.get(seg[2]);
                if (i == null) {
                    return reply(endpoint, 404, new byte[0]);
                }
                overrides.remove(seg[2]);
                InstanceStatus s = InstanceStatus.valueOf(query.getOrDefault("value", "UNKNOWN"));
                registry.put(seg[2], i.toBuilder().status(s).overriddenStatus(InstanceStatus.UNKNOWN)
                        .actionType(ActionType.MODIFIED).build());
                changed(ActionType.MODIFIED, registry.get(seg[2]));
                return reply(endpoint, 200, new byte[0]);
            }
            if (m.equals("POST") && seg.length == 2 && seg[0].equals("apps")) {
                InstanceInfo i = codec.readInstance(body);
                InstanceInfo existing = registry.get(i.id());
                // Eureka's rules: an override wins; an existing UP/OUT_OF_SERVICE lease keeps its status.
                if (overrides.containsKey(i.id())) {
                    i = i.toBuilder().status(overrides.get(i.id())).build();
                } else if (existing != null && isUpOrOos(existing.status()) && isUpOrOos(i.status())) {
                    i = i.toBuilder().status(existing.status()).build();
                }
                registry.put(i.id(), i.toBuilder().actionType(ActionType.ADDED).build());
                changed(ActionType.ADDED, registry.get(i.id()));
                return reply(endpoint, 204, new byte[0]);
            }
            if (m.equals("PUT") && seg.length == 3 && seg[0].equals("apps")) {
                InstanceInfo i = registry.get(seg[2]);
                if (i == null) {
                    return reply(endpoint, 404, new byte[0]);
                }
                String ldt = query.get("lastDirtyTimestamp");
                if (ldt != null && Long.parseLong(ldt) > i.lastDirtyTimestamp()) {
                    return reply(endpoint, 404, new byte[0]);
                }
                return reply(endpoint, 200, new byte[0]);
            }
            if (m.equals("DELETE") && seg.length == 3 && seg[0].equals("apps")) {
                InstanceInfo i = registry.remove(seg[2]);
                overrides.remove(seg[2]);
                if (i == null) {
                    return reply(endpoint, 404, new byte[0]);
                }
                changed(ActionType.DELETED, i.toBuilder().actionType(ActionType.DELETED).build());
                return reply(endpoint, 200, new byte[0]);
            }
            return reply(endpoint, 404, new byte[0]);
        }
    }

    private static boolean isUpOrOos(InstanceStatus s) {
        return s == InstanceStatus.UP || s == InstanceStatus.OUT_OF_SERVICE;
    }

    private Reply watch(ServiceEndpoint endpoint, Map<String, String> query) {
        if (!cairn) {
            return reply(endpoint, 404, new byte[0]);
        }
        StringBuilder sb = new StringBuilder();
        String idx = query.get("index");
        boolean reset = idx == null || Long.parseLong(idx) > index || Long.parseLong(idx) < 0;
        sb.append("{\"index\":").append(index).append(",\"epoch\":\"e1\",\"reset\":").append(reset).append(",\"events\":[");
        boolean first = true;
        if (reset) {
            for (InstanceInfo i : registry.values()) {
                first = event(sb, first, index, "ADDED", i);
            }
        } else {
            long from = Long.parseLong(idx);
            for (Event e : history) {
                if (e.index() > from) {
                    first = event(sb, first, e.index(), e.action().name(), e.instance());
                }
            }
        }
        sb.append("]}");
        if (first && !reset && idleClock != null) {
            String wait = query.getOrDefault("wait", "30s");
            idleClock.advance(Duration.ofSeconds(Long.parseLong(wait.substring(0, wait.length() - 1))));
        }
        return reply(endpoint, 200, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private boolean event(StringBuilder sb, boolean first, long idx, String action, InstanceInfo i) {
        String json = new String(codec.writeInstance(i), StandardCharsets.UTF_8);
        String bare = json.substring("{\"instance\":".length(), json.length() - 1);
        sb.append(first ? "" : ",").append("{\"index\":").append(idx).append(",\"action\":\"").append(action)
                .append("\",\"instance\":").append(bare).append('}');
        return false;
    }

    private Reply reply(ServiceEndpoint e, int status, byte[] body) {
        return new Reply(e, status, body, cairn ? OptionalLong.of(index) : OptionalLong.empty());
    }

    private static Applications document(Collection<InstanceInfo> instances, long version) {
        Map<String, List<InstanceInfo>> byApp = new LinkedHashMap<>();
        for (InstanceInfo i : instances) {
            byApp.computeIfAbsent(i.app(), a -> new ArrayList<>()).add(i);
        }
        List<Application> apps = new ArrayList<>();
        byApp.forEach((n, l) -> apps.add(new Application(n, l)));
        List<InstanceInfo> live = new ArrayList<>();
        for (InstanceInfo i : instances) {
            if (i.actionType() != ActionType.DELETED) {
                live.add(i);
            }
        }
        return new Applications(version, Applications.reconcileHashCode(live), apps);
    }

    private static Map<String, String> query(String rel) {
        Map<String, String> q = new LinkedHashMap<>();
        int at = rel.indexOf('?');
        if (at < 0) {
            return q;
        }
        for (String kv : rel.substring(at + 1).split("&")) {
            int eq = kv.indexOf('=');
            q.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
        }
        return q;
    }

    private static byte[] body(HttpRequest request) throws IOException {
        if (request.bodyPublisher().isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer b) {
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                out.write(bytes, 0, bytes.length);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException(e);
        }
        return out.toByteArray();
    }
}
