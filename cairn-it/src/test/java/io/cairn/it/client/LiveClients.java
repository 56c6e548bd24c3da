package io.cairn.it.client;

import static org.awaitility.Awaitility.await;

import io.cairn.client.CairnClient;
import io.cairn.client.ClientConfig;
import io.cairn.server.CairnServer;
import io.cairn.server.config.CairnConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;

/**
 * Clients and servers for the live tests: Cairn nodes in this JVM, client configurations with short timeouts, and
 * the clients a test started, closed at its end.
 */
final class LiveClients implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final List<AutoCloseable> opened = new ArrayList<>();

    /**
     * A Cairn node on 127.0.0.1 and an ephemeral port, self-preservation off, and status overrides open to anonymous
     * clients as in Eureka (the client sends OUT_OF_SERVICE as an override; Cairn's default wants the client role).
     */
    static CairnServer cairn() {
        return new CairnServer(CairnConfig.builder().host("127.0.0.1").port(0).enableSelfPreservation(false)
                .evictionInterval(Duration.ofSeconds(1)).anonymousOverrides(true).build()).start();
    }

    static String url(CairnServer server) {
        return "http://127.0.0.1:" + server.port() + "/eureka/";
    }

    /** A URL where nothing listens (a port that was free a moment ago). */
    static String deadUrl() {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/eureka/";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A unique application name, so that tests sharing a server do not see each other's instances. */
    static String app(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet();
    }

    /**
     * A configuration registering {@code app}/{@code id} with the test's timings: 1 s heartbeats, deltas polled
     * every {@code fetch}, quick retries, short timeouts, no shutdown hook.
     */
    static ClientConfig.Builder config(String app, String id, Duration fetch) {
        return ClientConfig.builder()
                .appName(app)
                .instanceId(id)
                .hostName(id + ".test")
                .ipAddress("127.0.0.1")
                .port(8000 + Math.floorMod(id.hashCode(), 1000))
                .leaseRenewalInterval(Duration.ofSeconds(1))
                .leaseExpirationDuration(Duration.ofSeconds(30))
                .registryFetchInterval(fetch)
                .connectTimeout(Duration.ofSeconds(1))
                .readTimeout(Duration.ofSeconds(3))
                .retryInitialDelay(Duration.ofMillis(100))
                .retryMaxDelay(Duration.ofSeconds(1))
                .shutdownHook(false);
    }

    /** A configuration for a client that only reads the registry. */
    static ClientConfig.Builder observer(Duration fetch) {
        return config("observer", "observer-" + SEQ.incrementAndGet(), fetch).registerWithEureka(false);
    }

    CairnClient start(ClientConfig config) {
        CairnClient c = CairnClient.start(config);
        opened.add(c);
        return c;
    }

    <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    static ConditionFactory within(Duration d) {
        return await().atMost(d).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
    }

    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception ignored) {
                // best effort at the end of a test
            }
        }
        opened.clear();
    }
}
