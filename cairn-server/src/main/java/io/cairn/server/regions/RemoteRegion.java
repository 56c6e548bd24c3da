package io.cairn.server.regions;

import io.cairn.model.ActionType;
import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.InstanceInfo;
import io.cairn.model.codec.EurekaJsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * The registry of one other region, fetched from its servers as a client would: a full fetch, then deltas checked
 * against the region's hash, and a full fetch again when they disagree. Ready after its first successful fetch.
 */
final class RemoteRegion {
    private static final System.Logger LOG = System.getLogger(RemoteRegion.class.getName());

    /** One change seen in this region, kept for deltas that ask for the region. */
    record Seen(long timestamp, InstanceInfo instance) {
    }

    private final String name;
    private final String url;
    private final HttpClient http;
    private final EurekaJsonCodec json;
    private final Clock clock;
    private final long retentionMs;
    private final Duration timeout;
    private volatile Map<String, Map<String, InstanceInfo>> apps;
    private final ArrayDeque<Seen> recent = new ArrayDeque<>();

    RemoteRegion(String name, String url, HttpClient http, EurekaJsonCodec json, Clock clock, long retentionMs,
                 Duration timeout) {
        this.name = name;
        this.url = url.endsWith("/") ? url : url + "/";
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.retentionMs = retentionMs;
        this.timeout = timeout;
    }

    String name() {
        return name;
    }

    boolean isReady() {
        return apps != null;
    }

    /** Fetches once; returns whether anything changed. */
    boolean fetch() {
        try {
            if (apps == null) {
                return replace(get("apps/"));
            }
            Applications delta = get("apps/delta");
            Map<String, Map<String, InstanceInfo>> next = copy(apps);
            boolean changed = false;
            for (InstanceInfo i : delta.instances()) {
                Map<String, InstanceInfo> app = next.computeIfAbsent(i.app(), k -> new LinkedHashMap<>());
                // A region's delta repeats each change for as long as its window lasts: only news is recorded.
                boolean news = i.actionType() == ActionType.DELETED ? app.remove(i.id()) != null
                        : !i.equals(app.put(i.id(), i));
                if (news) {
                    record(i);
                }
                changed |= news;
            }
            next.values().removeIf(Map::isEmpty);
            if (!Applications.reconcileHashCode(flatten(next)).equals(delta.appsHashcode())) {
                return replace(get("apps/"));
            }
            apps = freeze(next);
            return changed;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "fetch of region {0} from {1} failed: {2}", name, url, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The region's applications, in name order. */
    List<Application> applications() {
        Map<String, Map<String, InstanceInfo>> a = apps;
        if (a == null) {
            return List.of();
        }
        List<Application> out = new ArrayList<>(a.size());
        a.forEach((app, instances) -> out.add(new Application(app, new ArrayList<>(instances.values()))));
        return out;
    }

    /** Changes seen within the retention time, oldest first. */
    synchronized List<InstanceInfo> recentChanges() {
        long cutoff = clock.millis() - retentionMs;
        while (!recent.isEmpty() && recent.peekFirst().timestamp() < cutoff) {
            recent.pollFirst();
        }
        return recent.stream().map(Seen::instance).toList();
    }

    private boolean replace(Applications full) {
        Map<String, Map<String, InstanceInfo>> next = new TreeMap<>();
        for (Application a : full.applications()) {
            Map<String, InstanceInfo> m = next.computeIfAbsent(a.name(), k -> new LinkedHashMap<>());
            a.instances().forEach(i -> m.put(i.id(), i));
        }
        next.values().removeIf(Map::isEmpty);
        Map<String, Map<String, InstanceInfo>> before = apps;
        boolean changed = before == null || !before.equals(next);
        if (before == null) {
            // The region's first fetch: deltas that include the region show its instances as they arrive.
            next.values().forEach(m -> m.values().forEach(this::record));
        } else {
            before.forEach((app, m) -> m.forEach((id, i) -> {
                Map<String, InstanceInfo> now = next.get(app);
                if (now == null || !now.containsKey(id)) {
                    record(i.toBuilder().actionType(ActionType.DELETED).build());
                }
            }));
            next.forEach((app, m) -> m.forEach((id, i) -> {
                Map<String, InstanceInfo> was = before.get(app);
                if (was == null || !i.equals(was.get(id))) {
                    record(i);
                }
            }));
        }
        apps = freeze(next);
        return changed;
    }

    private synchronized void record(InstanceInfo i) {
        long now = clock.millis();
        recent.addLast(new Seen(now, i));
        // Purged here too, not only when a delta is read: a node whose clients never fetch deltas must not grow.
        while (!recent.isEmpty() && recent.peekFirst().timestamp() < now - retentionMs) {
            recent.pollFirst();
        }
    }

    private Applications get(String path) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + path)).timeout(timeout)
                .header("Accept", "application/json").header("Accept-Encoding", "gzip")
                .header("DiscoveryIdentity-Name", "DefaultServer").GET().build();
        HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream raw = r.body()) {
            if (r.statusCode() != 200) {
                throw new IOException(path + " answered " + r.statusCode());
            }
            boolean gz = r.headers().firstValue("Content-Encoding").map(v -> v.contains("gzip")).orElse(false);
            return json.readApplications((gz ? new GZIPInputStream(raw) : raw).readAllBytes());
        }
    }

    private static Map<String, Map<String, InstanceInfo>> copy(Map<String, Map<String, InstanceInfo>> m) {
        Map<String, Map<String, InstanceInfo>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, new LinkedHashMap<>(v)));
        return out;
    }

    private static Map<String, Map<String, InstanceInfo>> freeze(Map<String, Map<String, InstanceInfo>> m) {
        Map<String, Map<String, InstanceInfo>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, Collections.unmodifiableMap(v)));
        return Collections.unmodifiableMap(out);
    }

    private static List<InstanceInfo> flatten(Map<String, Map<String, InstanceInfo>> m) {
        List<InstanceInfo> out = new ArrayList<>();
        m.values().forEach(v -> out.addAll(v.values()));
        return out;
    }
}
