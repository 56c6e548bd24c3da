package io.cairn.it.client;

import static io.cairn.it.client.LiveClients.app;
import static io.cairn.it.client.LiveClients.config;
import static io.cairn.it.client.LiveClients.deadUrl;
import static io.cairn.it.client.LiveClients.observer;
import static io.cairn.it.client.LiveClients.within;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.client.ApplicationChange;
import io.cairn.client.CairnClient;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the client must do against any Eureka-compatible server; subclasses run it against Cairn and against the real
 * Eureka server, and add what is specific to each.
 */
abstract class ClientScenarios {
    protected final LiveClients clients = new LiveClients();

    /** The live server's service URL. */
    abstract String serviceUrl();

    /** How often clients poll (Eureka) or at most wait for a change (Cairn). */
    abstract Duration fetchInterval();

    /** How soon a change made by one client must be seen by another. */
    abstract Duration changeSeenWithin();

    @AfterEach
    void closeClients() {
        clients.close();
    }

    CairnClient register(String app, String id, Map<String, String> metadata) {
        return clients.start(config(app, id, fetchInterval()).serviceUrl(serviceUrl()).metadata(metadata).build());
    }

    CairnClient observe() {
        return clients.start(observer(fetchInterval()).serviceUrl(serviceUrl()).build());
    }

    static List<String> ids(List<InstanceInfo> l) {
        return l.stream().map(InstanceInfo::id).toList();
    }

    /** Waits until {@code c} sees exactly the UP instances {@code ids} of {@code app}; returns how long that took. */
    Duration awaitUp(CairnClient c, String app, Duration atMost, String... ids) {
        long t0 = System.nanoTime();
        within(atMost).untilAsserted(() -> assertThat(ids(c.instances(app))).containsExactlyInAnyOrder(ids));
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Test
    void registersAndIsDiscoveredByAnotherClient() {
        String app = app("discover");
        CairnClient greeter = register(app, app + "-1", Map.of());
        CairnClient caller = observe();
        awaitUp(caller, app, changeSeenWithin().plusSeconds(5), app + "-1");
        assertThat(greeter.stats().registered()).isTrue();
        InstanceInfo seen = caller.choose(app).orElseThrow();
        assertThat(seen.hostName()).isEqualTo(app + "-1.test");
        assertThat(seen.app()).isEqualTo(app.toUpperCase());
        assertThat(caller.instancesByVip(app)).hasSize(1);
        assertThat(caller.applicationNames()).contains(app.toUpperCase());
    }

    @Test
    void aStatusChangeIsSeenByAnotherClient() {
        String app = app("status");
        CairnClient a = register(app, app + "-a", Map.of());
        CairnClient b = register(app, app + "-b", Map.of());
        CairnClient watcher = observe();
        awaitUp(watcher, app, changeSeenWithin().plusSeconds(5), app + "-a", app + "-b");
        List<ApplicationChange> changes = new CopyOnWriteArrayList<>();
        watcher.subscribe(app, changes::add);

        a.setStatus(InstanceStatus.DOWN);
        Duration down = awaitUp(watcher, app, changeSeenWithin(), app + "-b");
        b.setStatus(InstanceStatus.OUT_OF_SERVICE);
        Duration oos = awaitUp(watcher, app, changeSeenWithin());
        a.setStatus(InstanceStatus.UP);
        Duration up = awaitUp(watcher, app, changeSeenWithin(), app + "-a");
        System.out.printf("[%s] status changes seen by another client after %d ms (DOWN), %d ms (OUT_OF_SERVICE),"
                + " %d ms (UP)%n", getClass().getSimpleName(), down.toMillis(), oos.toMillis(), up.toMillis());

        assertThat(watcher.application(app).orElseThrow().instances())
                .extracting(InstanceInfo::id, InstanceInfo::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(app + "-a", InstanceStatus.UP),
                        org.assertj.core.groups.Tuple.tuple(app + "-b", InstanceStatus.OUT_OF_SERVICE));
        within(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(changes).hasSizeGreaterThanOrEqualTo(3));
        assertThat(changes).allMatch(c -> c.app().equals(app.toUpperCase()));
        assertThat(changes).anyMatch(c -> c.modified().stream().anyMatch(i -> i.status() == InstanceStatus.DOWN));
    }

    @Test
    void metadataChangesArePushedLikeStatusChanges() {
        String app = app("metadata");
        CairnClient a = register(app, app + "-1", Map.of("version", "1"));
        CairnClient watcher = observe();
        awaitUp(watcher, app, changeSeenWithin().plusSeconds(5), app + "-1");
        assertThat(watcher.instances(app).get(0).metadata()).containsEntry("version", "1");
        a.putMetadata(Map.of("version", "2", "weight", "5"));
        within(changeSeenWithin()).untilAsserted(() -> assertThat(watcher.instances(app).get(0).metadata())
                .containsEntry("version", "2").containsEntry("weight", "5"));
    }

    @Test
    void closingTheClientCancelsTheRegistration() {
        String app = app("cancel");
        CairnClient leaving = register(app, app + "-1", Map.of());
        register(app, app + "-2", Map.of());
        CairnClient watcher = observe();
        awaitUp(watcher, app, changeSeenWithin().plusSeconds(5), app + "-1", app + "-2");
        leaving.close();
        assertThat(leaving.state()).isEqualTo(CairnClient.State.CLOSED);
        Duration gone = awaitUp(watcher, app, changeSeenWithin(), app + "-2");
        System.out.printf("[%s] cancel seen by another client after %d ms%n", getClass().getSimpleName(), gone.toMillis());
    }

    @Test
    void aDeadFirstUrlFailsOverToTheNextServer() {
        String app = app("failover");
        // Zone order makes the dead server the first one tried: the client's own zone comes first.
        CairnClient client = clients.start(config(app, app + "-1", fetchInterval())
                .serviceUrls("zone-dead", deadUrl())
                .serviceUrls("zone-live", serviceUrl())
                .zone("zone-dead")
                .build());
        CairnClient watcher = observe();
        awaitUp(watcher, app, changeSeenWithin().plusSeconds(5), app + "-1");
        awaitUp(client, app, changeSeenWithin().plusSeconds(5), app + "-1");
        assertThat(client.stats().registered()).isTrue();
        assertThat(client.stats().registryStale()).isFalse();
    }

    @Test
    void roundRobinSpreadsCallsEvenlyOverUpInstancesOnly() {
        String app = app("spread");
        for (int i = 1; i <= 3; i++) {
            register(app, app + "-" + i, Map.of());
        }
        register(app, app + "-down", Map.of()).setStatus(InstanceStatus.DOWN);
        CairnClient caller = observe();
        awaitUp(caller, app, changeSeenWithin().plusSeconds(5), app + "-1", app + "-2", app + "-3");
        within(changeSeenWithin().plusSeconds(5)).untilAsserted(() ->
                assertThat(caller.application(app).orElseThrow().instances()).hasSize(4));
        Map<String, Integer> calls = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            calls.merge(caller.choose(app).orElseThrow().id(), 1, Integer::sum);
        }
        assertThat(calls).containsOnly(Map.entry(app + "-1", 100), Map.entry(app + "-2", 100),
                Map.entry(app + "-3", 100));
    }

    @Test
    void theOwnZoneIsPreferredAndLeftWhenItHasNothingUp() {
        String app = app("zoned");
        CairnClient localInstance = register(app, app + "-a", Map.of("zone", "zone-a"));
        register(app, app + "-b", Map.of("zone", "zone-b"));
        CairnClient caller = clients.start(observer(fetchInterval()).serviceUrl(serviceUrl()).zone("zone-a").build());
        awaitUp(caller, app, changeSeenWithin().plusSeconds(5), app + "-a", app + "-b");
        for (int i = 0; i < 20; i++) {
            assertThat(caller.choose(app).orElseThrow().id()).isEqualTo(app + "-a");
        }
        localInstance.setStatus(InstanceStatus.DOWN);
        awaitUp(caller, app, changeSeenWithin(), app + "-b");
        for (int i = 0; i < 20; i++) {
            assertThat(caller.choose(app).orElseThrow().id()).isEqualTo(app + "-b");
        }
    }
}
