package io.cairn.server.regions;

import io.cairn.model.Application;
import io.cairn.model.InstanceInfo;
import io.cairn.model.codec.EurekaJsonCodec;
import io.cairn.server.config.CairnConfig;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The registries of other regions (Eureka's remote regions), fetched periodically and served to clients that ask
 * for them with {@code regions=}, and, unless transparent fallback is disabled, to every client whose application is
 * not found locally.
 */
public final class RemoteRegions implements AutoCloseable {
    private final CairnConfig.RemoteRegions settings;
    private final Map<String, RemoteRegion> regions = new LinkedHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final ScheduledExecutorService timer;

    public RemoteRegions(CairnConfig.RemoteRegions settings, EurekaJsonCodec json, Clock clock, long retentionMs) {
        this.settings = settings;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        settings.urls().forEach((name, url) -> regions.put(name.toLowerCase(Locale.ROOT),
                new RemoteRegion(name.toLowerCase(Locale.ROOT), url, http, json, clock, retentionMs,
                        Duration.ofSeconds(5))));
        this.timer = regions.isEmpty() ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cairn-remote-regions");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts fetching every region now and then periodically. */
    public void start() {
        if (timer == null) {
            return;
        }
        long every = settings.fetchInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            for (RemoteRegion r : regions.values()) {
                if (r.fetch()) {
                    generation.incrementAndGet();
                }
            }
        }, 0, every, TimeUnit.MILLISECONDS);
    }

    public boolean isEmpty() {
        return regions.isEmpty();
    }

    /** Grows whenever any remote region's registry changes; cached documents that include regions depend on it. */
    public long generation() {
        return generation.get();
    }

    /** The regions a plain read includes: all of them, unless transparent fallback is disabled. */
    public List<String> defaultRegions() {
        return settings.disableTransparentFallback() ? List.of() : List.copyOf(regions.keySet());
    }

    /**
     * The known regions among {@code requested} (lower case, sorted), ignoring names that are not configured.
     */
    public List<String> known(Collection<String> requested) {
        return requested.stream().map(r -> r.trim().toLowerCase(Locale.ROOT)).filter(regions::containsKey)
                .distinct().sorted().toList();
    }

    /** Whether every one of these regions has been fetched at least once. */
    public boolean ready(Collection<String> names) {
        return names.stream().allMatch(n -> regions.get(n) != null && regions.get(n).isReady());
    }

    /** The applications of these regions that their whitelists let through. */
    public List<Application> applications(Collection<String> names) {
        List<Application> out = new ArrayList<>();
        for (String n : names) {
            RemoteRegion r = regions.get(n);
            if (r != null) {
                r.applications().stream().filter(a -> allowed(n, a.name())).forEach(out::add);
            }
        }
        return out;
    }

    /** Recent changes of these regions, for deltas that include them. */
    public List<InstanceInfo> recentChanges(Collection<String> names) {
        List<InstanceInfo> out = new ArrayList<>();
        for (String n : names) {
            RemoteRegion r = regions.get(n);
            if (r != null) {
                r.recentChanges().stream().filter(i -> allowed(n, i.app())).forEach(out::add);
            }
        }
        return out;
    }

    /** An application found in a remote region, when transparent fallback is on. */
    public Optional<Application> fallbackApplication(String app) {
        return applications(defaultRegions()).stream().filter(a -> a.name().equals(app)).findFirst();
    }

    /** An instance found in a remote region, when transparent fallback is on; {@code app} may be null. */
    public Optional<InstanceInfo> fallbackInstance(String app, String id) {
        for (Application a : applications(defaultRegions())) {
            if (app == null || a.name().equals(app)) {
                for (InstanceInfo i : a.instances()) {
                    if (i.id().equals(id)) {
                        return Optional.of(i);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private boolean allowed(String region, String app) {
        Set<String> list = settings.whitelists().get(region);
        if (list == null) {
            list = settings.whitelists().get("global");
        }
        return list == null || list.contains(app);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
