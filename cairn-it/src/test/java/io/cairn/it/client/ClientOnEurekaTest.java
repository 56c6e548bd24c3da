package io.cairn.it.client;

import static io.cairn.it.client.LiveClients.app;
import static io.cairn.it.client.LiveClients.config;
import static io.cairn.it.client.LiveClients.observer;
import static io.cairn.it.client.LiveClients.url;
import static io.cairn.it.client.LiveClients.within;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.client.CairnClient;
import io.cairn.client.ClientStats;
import io.cairn.model.InstanceStatus;
import io.cairn.server.CairnServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Cairn client against the real Eureka server (Spring Cloud Netflix, run from reference-eureka's jar): no watch
 * API there, so clients poll deltas, here every second. The server is started once for the class; the outage test
 * runs last because it stops it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientOnEurekaTest extends ClientScenarios {
    private static ReferenceEureka eureka;

    @BeforeAll
    static void startEureka() {
        eureka = ReferenceEureka.start("client-on-eureka");
    }

    @AfterAll
    static void stopEureka() {
        if (eureka != null) {
            eureka.close();
        }
    }

    @Override
    String serviceUrl() {
        return eureka.serviceUrl();
    }

    @Override
    Duration fetchInterval() {
        return Duration.ofSeconds(1);
    }

    /**
     * A few poll intervals: the writer's push, the server's cache, the reader's next delta (about 1 s here), with room
     * for a slow, shared build machine.
     */
    @Override
    Duration changeSeenWithin() {
        return Duration.ofSeconds(10);
    }

    @Test
    void withoutAWatchApiTheClientPollsDeltas() {
        String app = app("polled");
        CairnClient watcher = observe();
        CairnClient a = register(app, app + "-1", Map.of());
        awaitUp(watcher, app, Duration.ofSeconds(5), app + "-1");
        long t0 = System.nanoTime();
        a.setStatus(InstanceStatus.DOWN);
        within(Duration.ofSeconds(5)).until(() -> watcher.instances(app).isEmpty());
        System.out.printf("[delta polling] DOWN seen after %d ms (polling every 1 s)%n",
                (System.nanoTime() - t0) / 1_000_000);
        ClientStats s = watcher.stats();
        assertThat(s.watching()).isFalse();
        assertThat(s.watchAnswers()).isZero();
        assertThat(s.deltaFetches()).isPositive();
    }

    @Test
    void sameZoneServersAreUsedFirstEvenAcrossServerKinds() {
        CairnServer cairn = clients.track(LiveClients.cairn());
        String app = app("server-zone");
        CairnClient onEureka = clients.start(config(app, app + "-a", fetchInterval())
                .serviceUrls("zone-a", serviceUrl()).serviceUrls("zone-b", url(cairn)).zone("zone-a").build());
        clients.start(config(app, app + "-b", fetchInterval())
                .serviceUrls("zone-a", serviceUrl()).serviceUrls("zone-b", url(cairn)).zone("zone-b").build());
        within(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(cairn.registry().instance(app, app + "-b")).isPresent());
        // The zone-a client talks to Eureka only: it sees its own instance, never the one only Cairn holds.
        awaitUp(onEureka, app, Duration.ofSeconds(5), app + "-a");
        assertThat(cairn.registry().instance(app, app + "-a")).isEmpty();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void theCacheServesWhenEveryServerIsDown() {
        String app = app("outage");
        clients.start(config(app, app + "-1", fetchInterval()).serviceUrl(serviceUrl()).build());
        CairnClient caller = observe();
        awaitUp(caller, app, Duration.ofSeconds(5), app + "-1");
        eureka.close();
        within(Duration.ofSeconds(10)).until(() -> caller.stats().registryStale());
        assertThat(ids(caller.instances(app))).containsExactly(app + "-1");
        assertThat(caller.choose(app)).isPresent();
    }
}
