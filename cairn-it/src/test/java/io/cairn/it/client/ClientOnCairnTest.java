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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Cairn client against a live Cairn node in this JVM. Clients poll deltas only every 30 s here, so that every
 * change seen in well under a second proves the watch API delivered it.
 */
class ClientOnCairnTest extends ClientScenarios {
    private static CairnServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() {
        server = LiveClients.cairn();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    String serviceUrl() {
        return url(server);
    }

    @Override
    Duration fetchInterval() {
        return Duration.ofSeconds(30);
    }

    @Override
    Duration changeSeenWithin() {
        return Duration.ofSeconds(1);
    }

    @Test
    void changesArriveThroughTheWatchNotByPolling() {
        String app = app("watched");
        CairnClient watcher = observe();
        within(Duration.ofSeconds(5)).until(() -> watcher.stats().watching());
        CairnClient a = register(app, app + "-1", Map.of());
        Duration added = awaitUp(watcher, app, Duration.ofSeconds(1), app + "-1");
        long t0 = System.nanoTime();
        a.setStatus(InstanceStatus.DOWN);
        within(Duration.ofSeconds(1)).until(() -> watcher.instances(app).isEmpty());
        long downMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("[watch] registration seen after %d ms, DOWN seen after %d ms%n", added.toMillis(), downMs);
        ClientStats s = watcher.stats();
        assertThat(s.watching()).isTrue();
        assertThat(s.deltaFetches()).isZero();
        assertThat(s.fullFetches()).isEqualTo(1);
        assertThat(s.watchAnswers()).isPositive();
    }

    @Test
    void jvmShutdownCancelsTheRegistration() throws Exception {
        String app = app("hook");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp", cp,
                RegisteredProcess.class.getName(), serviceUrl(), app, app + "-1").redirectErrorStream(true).start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(
                    new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("REGISTERED")) {
                // skip the client's log lines
            }
            assertThat(line).isEqualTo("REGISTERED");
            assertThat(server.registry().instance(app, app + "-1")).isPresent();
            p.destroy(); // SIGTERM: shutdown hooks run
            assertThat(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // The lease would last 5 minutes: only the cancel sent by the shutdown hook removes it this soon.
            assertThat(server.registry().instance(app, app + "-1")).isEmpty();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void sameZoneServersAreUsedFirst() {
        CairnServer other = clients.track(LiveClients.cairn());
        String app = app("server-zone");
        clients.start(config(app, app + "-a", fetchInterval())
                .serviceUrls("zone-a", serviceUrl()).serviceUrls("zone-b", url(other)).zone("zone-a").build());
        clients.start(config(app, app + "-b", fetchInterval())
                .serviceUrls("zone-a", serviceUrl()).serviceUrls("zone-b", url(other)).zone("zone-b").build());
        within(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(server.registry().instance(app, app + "-a")).isPresent();
            assertThat(other.registry().instance(app, app + "-b")).isPresent();
        });
        assertThat(server.registry().instance(app, app + "-b")).isEmpty();
        assertThat(other.registry().instance(app, app + "-a")).isEmpty();
    }

    @Test
    void theCacheServesWhenEveryServerIsDownAndSurvivesARestart() throws Exception {
        CairnServer only = LiveClients.cairn();
        Path file = dir.resolve("registry.json");
        String app = app("outage");
        String url = url(only);
        try {
            clients.start(config(app, app + "-1", fetchInterval()).serviceUrl(url).build());
            CairnClient caller = clients.start(observer(fetchInterval()).serviceUrl(url).registryCacheFile(file).build());
            awaitUp(caller, app, Duration.ofSeconds(5), app + "-1");
            within(Duration.ofSeconds(5)).until(() -> Files.exists(file));
        } finally {
            only.close();
        }
        CairnClient caller = clients.start(observer(fetchInterval()).serviceUrl(url).build());
        // A client started during the outage without a file has nothing ...
        assertThat(caller.instances(app)).isEmpty();
        clients.close();

        // ... one that kept running serves its last registry; a restarted one reads the file.
        CairnClient restarted = clients.start(observer(fetchInterval()).serviceUrl(url).registryCacheFile(file).build());
        assertThat(ids(restarted.instances(app))).containsExactly(app + "-1");
        assertThat(restarted.choose(app)).isPresent();
        assertThat(restarted.stats().registryFromFile()).isTrue();
        assertThat(restarted.stats().registryStale()).isTrue();
    }

    @Test
    void aRunningClientKeepsServingItsRegistryWhenTheServersStop() {
        CairnServer only = LiveClients.cairn();
        String app = app("stopped");
        CairnClient caller;
        try {
            clients.start(config(app, app + "-1", Duration.ofSeconds(1)).serviceUrl(url(only)).build());
            caller = clients.start(observer(Duration.ofSeconds(1)).serviceUrl(url(only)).build());
            awaitUp(caller, app, Duration.ofSeconds(5), app + "-1");
        } finally {
            only.close();
        }
        within(Duration.ofSeconds(10)).until(() -> caller.stats().registryStale());
        assertThat(ids(caller.instances(app))).containsExactly(app + "-1");
        assertThat(caller.choose(app)).isPresent();
    }
}
