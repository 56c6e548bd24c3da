package io.cairn.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.model.DataCenterInfo;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.model.LeaseInfo;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.http.LiveServer;
import io.cairn.server.registry.MutableClock;
import io.cairn.server.registry.Registry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One log line per significant event, and none per heartbeat, at the default level. */
class OpsLogTest {
    private final Logger cairn = Logger.getLogger("io.cairn");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.INFO.intValue()) {
                records.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        cairn.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        cairn.removeHandler(capture);
    }

    private List<String> messages() {
        return records.stream().map(r -> new java.util.logging.SimpleFormatter().formatMessage(r)).toList();
    }

    @Test
    void aNodeLogsItsStartAndConfigurationButNoHeartbeats() {
        try (LiveServer live = new LiveServer(CairnConfig.builder().enableSelfPreservation(false))) {
            assertThat(messages()).anySatisfy(m -> assertThat(m).startsWith("config: base path /eureka"))
                    .anySatisfy(m -> assertThat(m).startsWith("Cairn serving the Eureka API"));
            int atStart = records.size();
            live.postJson("/eureka/apps/ORDERS", io.cairn.server.http.LiveServer.instanceJson("ORDERS", "o-1", "UP"));
            for (int i = 0; i < 50; i++) {
                assertThat(live.put("/eureka/apps/ORDERS/o-1").statusCode()).isEqualTo(200);
            }
            assertThat(records).hasSize(atStart);
        }
    }

    @Test
    void selfPreservationLogsOnceWhenItEngagesAndOnceWhenItLetsGo() {
        MutableClock clock = new MutableClock(1_000_000);
        Registry registry = new Registry(CairnConfig.defaults(), clock);
        SelfPreservationLog log = new SelfPreservationLog(registry);

        // Eureka's defaults: one client expected, no heartbeat yet.
        log.run();
        log.run();
        assertThat(messages()).singleElement().satisfies(m -> assertThat(m).startsWith("self-preservation ON"));
        assertThat(records.get(0).getLevel()).isEqualTo(Level.WARNING);

        registry.register(InstanceInfo.builder().instanceId("o-1").app("ORDERS").hostName("o-1.internal")
                .ipAddr("10.0.0.1").port(8080).status(InstanceStatus.UP).dataCenterInfo(DataCenterInfo.MY_OWN)
                .leaseInfo(LeaseInfo.DEFAULT).lastDirtyTimestamp(1_000).build(), false);
        for (int i = 0; i < 10; i++) {
            registry.renew("ORDERS", "o-1", false, null, null);
        }
        clock.advance(Duration.ofMinutes(1));
        log.run();
        log.run();
        assertThat(messages()).hasSize(2).last().satisfies(m -> assertThat(m).startsWith("self-preservation OFF"));
    }

    @Test
    void anEvictionRunLogsHowManyItEvictedAndWhich() {
        MutableClock clock = new MutableClock(1_000_000);
        Registry registry = new Registry(CairnConfig.builder().enableSelfPreservation(false).build(), clock);
        for (int i = 0; i < 3; i++) {
            registry.register(InstanceInfo.builder().instanceId("o-" + i).app("ORDERS").hostName("h").ipAddr("10.0.0.1")
                    .dataCenterInfo(DataCenterInfo.MY_OWN).leaseInfo(LeaseInfo.DEFAULT).build(), false);
        }
        io.cairn.server.registry.EvictionTask eviction = new io.cairn.server.registry.EvictionTask(registry, clock,
                60_000, new java.util.SplittableRandom(1));
        eviction.runOnce();
        clock.advance(Duration.ofSeconds(60));
        eviction.runOnce();
        assertThat(messages()).noneMatch(m -> m.startsWith("evicted"));

        // Every lease has run out; Eureka's cap lets a run take 15 % of the registry (here one of three).
        clock.advance(Duration.ofSeconds(60));
        eviction.runOnce();
        assertThat(messages()).filteredOn(m -> m.startsWith("evicted")).singleElement()
                .satisfies(m -> assertThat(m).startsWith("evicted 1 expired instance(s): [ORDERS/o-"));
    }

    @Test
    void aPeerGoingAwayAndComingBackIsLoggedOnceEach() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String peerUrl = "http://127.0.0.1:" + port + "/eureka/";
        try (LiveServer live = new LiveServer(CairnConfig.builder().peerUrls(peerUrl)
                .renewalDigestInterval(Duration.ofMillis(100)).registrySyncRetryWait(Duration.ofMillis(100)))) {
            awaitMessage(m -> m.startsWith("peer " + peerUrl + " is unreachable"));
            // The peer comes up on its port; the next probe finds it.
            try (io.cairn.server.CairnServer peer = new io.cairn.server.CairnServer(CairnConfig.builder()
                    .host("127.0.0.1").port(port).build()).start()) {
                awaitMessage(m -> m.startsWith("peer " + peerUrl + " is reachable again"));
            }
            assertThat(messages()).filteredOn(m -> m.startsWith("peer " + peerUrl + " is unreachable")).hasSize(1);
        }
    }

    private void awaitMessage(java.util.function.Predicate<String> p) {
        io.cairn.server.Eventually.awaitTrue("the expected log line", Duration.ofSeconds(10),
                () -> messages().stream().anyMatch(p));
    }
}
