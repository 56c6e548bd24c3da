package io.cairn.client.refresh;

import static io.cairn.client.support.Samples.instance;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.client.cache.AppDiff;
import io.cairn.client.cache.RegistryCache;
import io.cairn.client.cache.RegistryFile;
import io.cairn.client.schedule.Backoff;
import io.cairn.client.support.FakeClock;
import io.cairn.client.support.FakeEureka;
import io.cairn.client.support.ManualScheduler;
import io.cairn.client.transport.EndpointOrder;
import io.cairn.client.transport.EurekaHttp;
import io.cairn.client.transport.FailoverClient;
import io.cairn.client.transport.Quarantine;
import io.cairn.client.transport.ServiceEndpoint;
import io.cairn.client.watch.WatchClient;
import io.cairn.client.watch.WatchEnvelopeReader;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.model.codec.EurekaJsonCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryRefresherTest {
    private static final String S1 = "http://s1/eureka/";
    private static final String S2 = "http://s2/eureka/";
    private final FakeClock clock = new FakeClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakeEureka eureka = new FakeEureka();
    private final EurekaJsonCodec codec = new EurekaJsonCodec(clock::millis);
    private final List<AppDiff> changes = new ArrayList<>();
    private final RegistryCache cache = new RegistryCache(clock, changes::addAll);

    @TempDir
    Path dir;

    private RegistryRefresher refresher(boolean watch, RegistryFile file) {
        eureka.idleWatchTakes(clock);
        FailoverClient servers = new FailoverClient(List.of(ServiceEndpoint.parse("z", S1), ServiceEndpoint.parse("z", S2)),
                eureka, new Quarantine(clock, Duration.ofSeconds(60)), 3);
        EurekaHttp http = new EurekaHttp(servers, codec, Duration.ofSeconds(8));
        WatchClient w = watch ? new WatchClient(eureka, new WatchEnvelopeReader(codec), Duration.ofSeconds(8)) : null;
        return new RegistryRefresher(cache, http, w, file, scheduler, clock, Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofMinutes(5),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0L));
    }

    private List<String> ids(String app) {
        var a = cache.snapshot().app(app);
        return a == null ? List.of() : a.all().stream().map(InstanceInfo::id).toList();
    }

    @Test
    void fullFetchFirstThenDeltasEveryInterval() {
        eureka.put(instance("orders", "o1", InstanceStatus.UP));
        RegistryRefresher r = refresher(true, null);
        r.start();
        assertThat(ids("orders")).containsExactly("o1");
        assertThat(r.fullFetches()).isEqualTo(1);
        eureka.put(instance("orders", "o2", InstanceStatus.UP));
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(ids("orders")).containsExactly("o1", "o2");
        assertThat(r.deltaFetches()).isEqualTo(1);
        assertThat(r.fullFetches()).isEqualTo(1);
        assertThat(r.isWatching()).isFalse();
        assertThat(eureka.count("GET " + S1 + " watch")).isZero();
    }

    @Test
    void aDeltaThatDisagreesWithTheHashIsFollowedByAFullFetch() {
        eureka.put(instance("orders", "o1", InstanceStatus.UP));
        eureka.put(instance("orders", "o2", InstanceStatus.UP));
        RegistryRefresher r = refresher(false, null);
        r.start();
        eureka.clearLog();
        eureka.dropSilently("o2");
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(eureka.log()).extracting(l -> l.substring(l.lastIndexOf(' ') + 1)).containsExactly("apps/delta", "apps/");
        assertThat(ids("orders")).containsExactly("o1");
        assertThat(r.fullFetches()).isEqualTo(2);
    }

    @Test
    void aServerWithoutDeltasIsFullyFetched() {
        RegistryRefresher r = refresher(false, null);
        r.start();
        eureka.forceStatus(() -> 403);
        scheduler.advance(Duration.ofSeconds(30));
        // 403 on the delta is an answer (full fetch follows); 403 on the full fetch fails over, and fails.
        assertThat(eureka.log()).extracting(l -> l.substring(l.indexOf(' ') + 1))
                .contains(S1 + " apps/delta", S1 + " apps/", S2 + " apps/");
        assertThat(r.isStale()).isTrue();
    }

    @Test
    void onCairnTheWatchTakesOverFromTheIndexOfTheFullFetch() {
        eureka.cairn(true);
        eureka.put(instance("orders", "o1", InstanceStatus.UP));
        RegistryRefresher r = refresher(true, null);
        r.start();
        assertThat(scheduler.nextDelayMillis()).isZero();
        eureka.put(instance("orders", "o2", InstanceStatus.UP));
        eureka.setStatus("o1", InstanceStatus.DOWN);
        scheduler.runNext();
        assertThat(r.isWatching()).isTrue();
        assertThat(eureka.log()).last().asString().contains("watch?wait=30s&index=1");
        assertThat(ids("orders")).containsExactly("o1", "o2");
        assertThat(cache.snapshot().app("orders").up()).extracting(InstanceInfo::id).containsExactly("o2");
        scheduler.runNext();
        assertThat(eureka.log()).last().asString().contains("index=3&epoch=e1");
        assertThat(r.deltaFetches()).isZero();
        assertThat(r.watchAnswers()).isEqualTo(2);
    }

    @Test
    void whileWatchingADeltaStillChecksTheHashEveryReconcileInterval() {
        eureka.cairn(true);
        eureka.put(instance("orders", "o1", InstanceStatus.UP));
        eureka.put(instance("orders", "o2", InstanceStatus.UP));
        RegistryRefresher r = refresher(true, null);
        r.start();
        scheduler.runNext();
        assertThat(r.isWatching()).isTrue();
        // A change that no watch answer will ever carry, as if the server had lost it.
        eureka.dropSilently("o2");
        scheduler.advance(Duration.ofMinutes(4));
        assertThat(ids("orders")).containsExactly("o1", "o2");
        assertThat(r.deltaFetches()).isZero();
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(ids("orders")).containsExactly("o1");
        assertThat(r.deltaFetches()).isEqualTo(1);
        assertThat(r.fullFetches()).isEqualTo(2);
        assertThat(r.isWatching()).isTrue();
    }

    @Test
    void aServerWithoutTheWatchApiIsPolledAndNotAskedAgainForAWhile() {
        eureka.cairn(true);
        RegistryRefresher r = refresher(true, null);
        r.start();
        eureka.cairn(false);
        scheduler.runNext();
        assertThat(r.isWatching()).isFalse();
        assertThat(eureka.count("GET " + S1 + " watch")).isEqualTo(1);
        eureka.cairn(true);
        scheduler.runDue();
        scheduler.advance(Duration.ofMinutes(4));
        assertThat(eureka.count("GET " + S1 + " watch")).isEqualTo(1);
        assertThat(r.deltaFetches()).isGreaterThanOrEqualTo(8);
        scheduler.advance(Duration.ofMinutes(1));
        scheduler.runNext();
        assertThat(eureka.count("GET " + S1 + " watch")).isGreaterThan(1);
        assertThat(r.isWatching()).isTrue();
    }

    @Test
    void aDeadWatchServerFallsBackToPollingAnotherServer() {
        eureka.cairn(true);
        eureka.put(instance("orders", "o1", InstanceStatus.UP));
        RegistryRefresher r = refresher(true, null);
        r.start();
        scheduler.runNext();
        assertThat(r.isWatching()).isTrue();
        eureka.down(S1, true);
        eureka.put(instance("orders", "o2", InstanceStatus.UP));
        scheduler.runNext();
        assertThat(r.isWatching()).isFalse();
        scheduler.advance(Duration.ofSeconds(1));
        // The delta came from s2, which has the watch API: watch from its index.
        assertThat(eureka.log()).anyMatch(l -> l.equals("GET " + S2 + " apps/delta"));
        assertThat(ids("orders")).containsExactly("o1", "o2");
        scheduler.runNext();
        assertThat(eureka.log()).last().asString().startsWith("GET " + S2 + " watch");
        assertThat(r.isWatching()).isTrue();
    }

    @Test
    void whenEveryServerIsDownTheLastRegistryIsServedAndRetriesBackOff() {
        eureka.put(instance("orders", "o1", InstanceStatus.UP));
        RegistryRefresher r = refresher(false, null);
        r.start();
        eureka.down(S1, true).down(S2, true);
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(r.isStale()).isTrue();
        assertThat(ids("orders")).containsExactly("o1");
        eureka.clearLog();
        scheduler.advance(Duration.ofMillis(499));
        assertThat(eureka.log()).isEmpty();
        scheduler.advance(Duration.ofMillis(1));
        assertThat(eureka.log()).hasSize(2);
        eureka.down(S1, false).down(S2, false);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(r.isStale()).isFalse();
    }

    @Test
    void theCacheFileServesARestartDuringAnOutage() throws Exception {
        Path path = dir.resolve("registry.json");
        eureka.put(instance("orders", "o1", InstanceStatus.UP));
        RegistryRefresher first = refresher(false, new RegistryFile(path, codec));
        first.start();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(path).exists();

        eureka.down(S1, true).down(S2, true);
        RegistryCache restarted = new RegistryCache(clock, d -> { });
        FailoverClient servers = new FailoverClient(EndpointOrder.order(Map.of("z", List.of(S1, S2)), List.of("z"),
                "z", true, new Random(1)), eureka, new Quarantine(clock, Duration.ofSeconds(60)), 3);
        RegistryRefresher second = new RegistryRefresher(restarted, new EurekaHttp(servers, codec, Duration.ofSeconds(8)),
                null, new RegistryFile(path, codec), new ManualScheduler(clock), clock, Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofMinutes(5),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0L));
        second.start();
        assertThat(restarted.source()).isEqualTo(RegistryCache.Source.FILE);
        assertThat(restarted.snapshot().app("orders").all()).extracting(InstanceInfo::id).containsExactly("o1");
    }

    @Test
    void theCacheFileFollowsTheChanges() throws Exception {
        Path path = dir.resolve("registry.json");
        RegistryRefresher r = refresher(false, new RegistryFile(path, codec));
        eureka.put(instance("orders", "o1", InstanceStatus.UP));
        r.start();
        scheduler.runDue();
        long written = java.nio.file.Files.getLastModifiedTime(path).toMillis();
        assertThat(new RegistryFile(path, codec).read().orElseThrow().instances()).hasSize(1);
        eureka.put(instance("orders", "o2", InstanceStatus.UP));
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(new RegistryFile(path, codec).read().orElseThrow().instances()).hasSize(2);
        eureka.put(instance("orders", "o3", InstanceStatus.UP));
        r.flush();
        assertThat(new RegistryFile(path, codec).read().orElseThrow().instances()).hasSize(2);
        scheduler.advance(Duration.ofSeconds(30));
        r.flush();
        assertThat(new RegistryFile(path, codec).read().orElseThrow().instances()).hasSize(3);
        assertThat(written).isPositive();
    }
}
