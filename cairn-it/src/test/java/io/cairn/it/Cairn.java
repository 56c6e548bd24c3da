package io.cairn.it;

import io.cairn.model.ActionType;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.server.CairnServer;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.registry.Change;
import io.cairn.server.registry.Registry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A Cairn node running in the test's JVM on 127.0.0.1 and an ephemeral port, configured for fast tests
 * (self-preservation off, eviction every second), together with a journal of every change its registry made.
 *
 * <p>The journal is what lets a test see transient states that a polling client may never observe, e.g. the moment an
 * instance is UNKNOWN between an override removal and its re-registration.
 */
final class Cairn implements AutoCloseable {
    private final CairnServer server;
    private final ConcurrentLinkedQueue<Change> journal = new ConcurrentLinkedQueue<>();

    private Cairn(CairnServer server) {
        this.server = server;
    }

    private static final String PEER_TOKEN = "it-peer-token";
    /** The header with which a test speaks as a peer of the embedded node. */
    static final String PEER_AUTHORIZATION = "Bearer " + PEER_TOKEN;

    static Cairn start() {
        return start(b -> { });
    }

    /** Starts a node with the test defaults, adjusted by {@code tune}. */
    static Cairn start(Consumer<CairnConfig.Builder> tune) {
        CairnConfig.Builder config = CairnConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .enableSelfPreservation(false)
                .evictionInterval(Duration.ofSeconds(1))
                // These tests hold Cairn to Eureka's behaviour, where anyone may set a status override.
                .anonymousOverrides(true)
                // Tests that speak as a peer send this token (Cairn.PEER_AUTHORIZATION).
                .peerToken(PEER_TOKEN);
        tune.accept(config);
        CairnServer server = new CairnServer(config.build());
        Cairn cairn = new Cairn(server);
        // Registered before the port opens, so that the journal misses nothing.
        server.registry().addListener(cairn.journal::add);
        server.start();
        return cairn;
    }

    int port() {
        return server.port();
    }

    /** The URL the clients are configured with, as for a Spring Cloud Eureka server: {@code http://host:port/eureka/}. */
    String serviceUrl() {
        return "http://127.0.0.1:" + port() + "/eureka/";
    }

    /** An absolute URI on this node for a raw path such as {@code /eureka/apps}. */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    Registry registry() {
        return server.registry();
    }

    Optional<InstanceInfo> instance(String app, String id) {
        return server.registry().instance(app, id);
    }

    /** Every change made to one instance so far, oldest first. */
    List<Change> changesOf(String id) {
        return journal.stream().filter(c -> c.instance().id().equals(id)).toList();
    }

    /** The statuses one instance went through, in order, one entry per change. */
    List<InstanceStatus> statusHistoryOf(String id) {
        return changesOf(id).stream().map(c -> c.instance().status()).toList();
    }

    /** The actions (ADDED, MODIFIED, DELETED) recorded for one instance, in order. */
    List<ActionType> actionsOf(String id) {
        return changesOf(id).stream().map(Change::action).toList();
    }

    @Override
    public void close() {
        server.close();
    }
}
