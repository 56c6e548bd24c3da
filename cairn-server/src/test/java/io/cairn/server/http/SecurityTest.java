package io.cairn.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.server.config.CairnConfig;
import io.cairn.server.security.PasswordHash;
import io.cairn.server.security.Secrets;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each role and each default of the security gate, against a live node. */
class SecurityTest {
    private static final String APPS = "/eureka/apps/";
    private static final String ALICE = basic("alice", "alice-pw");
    private static final String BOB = basic("bob", "bob-pw");
    private static final String ADMIN = "Bearer admin-token";
    private static final String READER = "Bearer reader-token";
    private static final String PEER = "Bearer peer-token";

    private LiveServer live;

    @TempDir
    Path dir;

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String hash(String password) {
        return PasswordHash.hash(password.toCharArray(), 1_000, new SecureRandom());
    }

    private LiveServer start(boolean requireClientAuth) {
        return start(requireClientAuth, b -> b);
    }

    private LiveServer start(boolean requireClientAuth, java.util.function.UnaryOperator<CairnConfig.Builder> more) {
        live = new LiveServer(more.apply(CairnConfig.builder().enableSelfPreservation(false)
                .requireClientAuth(requireClientAuth)
                .user("alice", hash("alice-pw"), "client").user("bob", hash("bob-pw"), "client")
                .adminToken("admin-token").token("ro", Secrets.tokenHash("reader-token"), "reader")
                .peerToken("peer-token")));
        return live;
    }

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
    }

    private HttpResponse<byte[]> send(String method, String path, String authorization, String body,
                                      String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(live.uri(path)).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return live.send(b);
    }

    private HttpResponse<byte[]> register(String id, String status, String authorization, String... headers) {
        return send("POST", APPS + "ORDERS", authorization, LiveServer.instanceJson("ORDERS", id, status), headers);
    }

    private String status(String id) {
        return live.server.registry().instance("ORDERS", id).orElseThrow().status().name();
    }

    @Test
    void anonymousClientsRegisterWhenOpenAndOverridesStillNeedCredentials() {
        start(false);
        assertThat(register("o-1", "UP", null).statusCode()).isEqualTo(204);
        assertThat(send("PUT", APPS + "ORDERS/o-1", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", APPS, null, null).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> override = send("PUT", APPS + "ORDERS/o-1/status?value=OUT_OF_SERVICE", null, null);
        assertThat(override.statusCode()).isEqualTo(401);
        assertThat(override.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).startsWith("Basic realm=\"cairn\""));
        assertThat(new String(override.body(), StandardCharsets.UTF_8)).contains("status overrides");
        assertThat(send("DELETE", APPS + "ORDERS/o-1/status", null, null).statusCode()).isEqualTo(401);
        assertThat(status("o-1")).isEqualTo("UP");
        assertThat(send("PUT", APPS + "ORDERS/o-1/status?value=OUT_OF_SERVICE", ADMIN, null).statusCode())
                .isEqualTo(200);
        assertThat(status("o-1")).isEqualTo("OUT_OF_SERVICE");
    }

    @Test
    void whenClosedAnonymousClientsAndReadersAreRefused() {
        start(true);
        assertThat(register("o-1", "UP", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", APPS, null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/eureka/watch?wait=1ms", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/metrics", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/health", null, null).statusCode()).isEqualTo(200);
        assertThat(register("o-1", "UP", READER).statusCode()).isEqualTo(403);
        assertThat(send("GET", APPS, READER, null).statusCode()).isEqualTo(200);
        assertThat(register("o-1", "UP", ALICE).statusCode()).isEqualTo(204);
        assertThat(send("GET", APPS + "ORDERS/o-1", ALICE, null).statusCode()).isEqualTo(200);
        assertThat(basic("alice", "wrong")).isNotEqualTo(ALICE);
        assertThat(register("o-2", "UP", basic("alice", "wrong")).statusCode()).isEqualTo(401);
        assertThat(live.server.registry().instance("ORDERS", "o-2")).isEmpty();
    }

    @Test
    void aClientActsOnlyOnItsOwnInstancesAndAnAdminOnAny() {
        start(false);
        assertThat(register("a-1", "UP", ALICE).statusCode()).isEqualTo(204);
        assertThat(send("PUT", APPS + "ORDERS/a-1", ALICE, null).statusCode()).isEqualTo(200);
        assertThat(send("PUT", APPS + "ORDERS/a-1/status?value=OUT_OF_SERVICE", BOB, null).statusCode())
                .isEqualTo(403);
        assertThat(send("PUT", APPS + "ORDERS/a-1/metadata?k=v", BOB, null).statusCode()).isEqualTo(403);
        assertThat(send("DELETE", APPS + "ORDERS/a-1", BOB, null).statusCode()).isEqualTo(403);
        assertThat(send("DELETE", APPS + "ORDERS/a-1", null, null).statusCode()).isEqualTo(401);
        assertThat(register("a-1", "DOWN", BOB).statusCode()).isEqualTo(403);
        assertThat(status("a-1")).isEqualTo("UP");
        assertThat(send("PUT", APPS + "ORDERS/a-1/status?value=OUT_OF_SERVICE", ALICE, null).statusCode())
                .isEqualTo(200);
        assertThat(send("DELETE", APPS + "ORDERS/a-1/status?value=UP", ADMIN, null).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", APPS + "ORDERS/a-1", ADMIN, null).statusCode()).isEqualTo(200);
        assertThat(register("a-1", "UP", BOB).statusCode()).isEqualTo(204);
    }

    @Test
    void onlyPeersReplicate() {
        start(false);
        String batch = "{\"replicationList\":[{\"appName\":\"ORDERS\",\"id\":\"p-1\",\"lastDirtyTimestamp\":1712000000000,"
                + "\"action\":\"Register\",\"instanceInfo\":" + LiveServer.instanceJson("ORDERS", "p-1", "UP")
                .substring("{\"instance\":".length(), LiveServer.instanceJson("ORDERS", "p-1", "UP").length() - 1)
                + "}]}";
        assertThat(send("POST", "/eureka/peerreplication/batch", null, batch).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/eureka/peerreplication/batch", ALICE, batch).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/eureka/peerreplication/batch", ADMIN, batch).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/eureka/peerreplication/renewals", null, "[]").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/eureka/%70eerreplication/batch", null, batch).statusCode()).isEqualTo(401);
        assertThat(live.server.registry().instance("ORDERS", "p-1")).isEmpty();
        assertThat(send("POST", "/eureka/peerreplication/batch", PEER, batch).statusCode()).isEqualTo(200);
        assertThat(live.server.registry().instance("ORDERS", "p-1")).isPresent();
        assertThat(send("GET", "/admin/session", PEER, null).statusCode()).isEqualTo(403);
    }

    @Test
    void aSpoofedReplicationHeaderChangesNothing() {
        start(false);
        assertThat(register("s-1", "UP", null).statusCode()).isEqualTo(204);
        // Out of service without an override: a client cannot lift itself out by registering again, a peer can.
        assertThat(send("PUT", APPS + "ORDERS/s-1/status?value=OUT_OF_SERVICE", ADMIN, null).statusCode())
                .isEqualTo(200);
        assertThat(send("DELETE", APPS + "ORDERS/s-1/status?value=OUT_OF_SERVICE", ADMIN, null).statusCode())
                .isEqualTo(200);
        assertThat(status("s-1")).isEqualTo("OUT_OF_SERVICE");
        assertThat(register("s-1", "UP", null, "x-netflix-discovery-replication", "true").statusCode())
                .isEqualTo(204);
        assertThat(status("s-1")).isEqualTo("OUT_OF_SERVICE");
        assertThat(register("s-1", "UP", ALICE, "x-netflix-discovery-replication", "true").statusCode())
                .isEqualTo(204);
        assertThat(status("s-1")).isEqualTo("OUT_OF_SERVICE");
        assertThat(register("s-1", "UP", PEER, "x-netflix-discovery-replication", "true").statusCode())
                .isEqualTo(204);
        assertThat(status("s-1")).isEqualTo("UP");
    }

    private static final String REPLICATION = "x-netflix-discovery-replication";
    /** The lastDirtyTimestamp of {@link LiveServer#instanceJson}. */
    private static final long DIRTY = 1712000000000L;

    /** A register body for ORDERS with the given dirty time and metadata value. */
    private static String body(String id, String status, long lastDirty, String metadataValue) {
        return LiveServer.instanceJson("ORDERS", id, status)
                .replace("\"lastDirtyTimestamp\":\"" + DIRTY + "\"", "\"lastDirtyTimestamp\":\"" + lastDirty + "\"")
                .replace("{\"management.port\":\"8080\"}", "{\"management.port\":\"" + metadataValue + "\"}");
    }

    private io.cairn.model.InstanceInfo stored(String id) {
        return live.server.registry().instance("ORDERS", id).orElseThrow();
    }

    /** Registers {@code id} UP, then takes it OUT_OF_SERVICE without leaving an override (as an admin can). */
    private void outOfServiceWithoutOverride(String id) {
        assertThat(register(id, "UP", null).statusCode()).isEqualTo(204);
        assertThat(send("PUT", APPS + "ORDERS/" + id + "/status?value=OUT_OF_SERVICE", ADMIN, null).statusCode())
                .isEqualTo(200);
        assertThat(send("DELETE", APPS + "ORDERS/" + id + "/status?value=OUT_OF_SERVICE", ADMIN, null).statusCode())
                .isEqualTo(200);
        assertThat(stored(id).status().name()).isEqualTo("OUT_OF_SERVICE");
        assertThat(live.server.registry().statusOverrides()).doesNotContainKey(id);
    }

    /**
     * What replication changes (Registry, StatusRules): on register a peer's reported UP/OUT_OF_SERVICE is taken
     * over the stored status (a client's is not: LeaseExistsRule); on a heartbeat a peer with older data gets 409 and
     * this node's copy, and a peer with newer data installs the override it reports. A spoofed header gets none of
     * that. (With an older dirty time on register the stored copy wins for everyone, peers included.)
     */
    @Test
    void aSpoofedReplicationHeaderWithAnOlderOrNewerDirtyTimestampGetsTheClientRules() {
        start(false);
        outOfServiceWithoutOverride("s-1");

        // Register with an older dirty time: the stored, dirtier copy is kept whole, and the status is not lifted.
        for (String who : new String[] {null, ALICE}) {
            assertThat(send("POST", APPS + "ORDERS", who, body("s-1", "UP", DIRTY - 60_000, "spoofed"), REPLICATION,
                    "true").statusCode()).isEqualTo(204);
            assertThat(stored("s-1").status().name()).isEqualTo("OUT_OF_SERVICE");
            assertThat(stored("s-1").lastDirtyTimestamp()).isEqualTo(DIRTY);
            assertThat(stored("s-1").metadata()).containsEntry("management.port", "8080");
        }
        // Here a peer fares no differently: Eureka's rule keeps the dirtier copy for everyone.
        assertThat(send("POST", APPS + "ORDERS", PEER, body("s-1", "UP", DIRTY - 60_000, "peer"), REPLICATION,
                "true").statusCode()).isEqualTo(204);
        assertThat(stored("s-1").status().name()).isEqualTo("OUT_OF_SERVICE");
        assertThat(stored("s-1").lastDirtyTimestamp()).isEqualTo(DIRTY);
        // Alice registered it with credentials now; the rest of the spoofing is hers.
        // A heartbeat with an older dirty time: a client is renewed; only a peer is told of the conflict.
        HttpResponse<byte[]> spoofed = send("PUT", APPS + "ORDERS/s-1?lastDirtyTimestamp=" + (DIRTY - 60_000), ALICE,
                null, REPLICATION, "true");
        assertThat(spoofed.statusCode()).isEqualTo(200);
        assertThat(spoofed.body()).isEmpty();
        HttpResponse<byte[]> peer = send("PUT", APPS + "ORDERS/s-1?lastDirtyTimestamp=" + (DIRTY - 60_000), PEER, null,
                REPLICATION, "true");
        assertThat(peer.statusCode()).isEqualTo(409);
        assertThat(new String(peer.body(), StandardCharsets.UTF_8)).contains("\"instanceId\":\"s-1\"")
                .contains("\"lastDirtyTimestamp\":\"" + DIRTY + "\"");

        // Register with a newer dirty time: the client's copy is taken, but under the client's status rule.
        assertThat(send("POST", APPS + "ORDERS", ALICE, body("s-1", "UP", DIRTY + 60_000, "newer"), REPLICATION,
                "true").statusCode()).isEqualTo(204);
        assertThat(stored("s-1").lastDirtyTimestamp()).isEqualTo(DIRTY + 60_000);
        assertThat(stored("s-1").metadata()).containsEntry("management.port", "newer");
        assertThat(stored("s-1").status().name()).isEqualTo("OUT_OF_SERVICE");
        assertThat(send("POST", APPS + "ORDERS", PEER, body("s-1", "UP", DIRTY + 120_000, "peer"), REPLICATION,
                "true").statusCode()).isEqualTo(204);
        assertThat(stored("s-1").status().name()).isEqualTo("UP");

        // A heartbeat with a newer dirty time and an override: only a peer's installs the override.
        assertThat(register("s-2", "UP", null).statusCode()).isEqualTo(204);
        String newer = APPS + "ORDERS/s-2?lastDirtyTimestamp=" + (DIRTY + 60_000) + "&overriddenstatus=OUT_OF_SERVICE";
        for (String who : new String[] {null, BOB}) {
            assertThat(send("PUT", newer, who, null, REPLICATION, "true").statusCode()).isEqualTo(404);
            assertThat(live.server.registry().statusOverrides()).doesNotContainKey("s-2");
        }
        assertThat(send("PUT", newer, PEER, null, REPLICATION, "true").statusCode()).isEqualTo(404);
        assertThat(live.server.registry().statusOverrides()).containsEntry("s-2",
                io.cairn.model.InstanceStatus.OUT_OF_SERVICE);
    }

    /** A client's operations are passed on to the peers, a peer's replicated ones are not: a spoofed one is passed on. */
    @Test
    void aSpoofedReplicatedRegistrationIsPassedOnToPeersLikeAClients() {
        try (LiveServer other = new LiveServer(CairnConfig.builder().peerToken("peer-token"))) {
            start(false, b -> b.peerUrls(other.uri("/eureka/").toString()));
            assertThat(register("spoofed-1", "UP", null, REPLICATION, "true").statusCode()).isEqualTo(204);
            assertThat(register("spoofed-2", "UP", ALICE, REPLICATION, "true").statusCode()).isEqualTo(204);
            assertThat(register("from-peer", "UP", PEER, REPLICATION, "true").statusCode()).isEqualTo(204);
            assertThat(register("sentinel", "UP", null).statusCode()).isEqualTo(204);
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            while (other.server.registry().instance("ORDERS", "sentinel").isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            // Replication keeps the order of operations: whatever came before the sentinel has arrived.
            assertThat(other.server.registry().instance("ORDERS", "sentinel")).isPresent();
            assertThat(other.server.registry().instance("ORDERS", "spoofed-1")).isPresent();
            assertThat(other.server.registry().instance("ORDERS", "spoofed-2")).isPresent();
            assertThat(other.server.registry().instance("ORDERS", "from-peer")).isEmpty();
            assertThat(live.server.registry().instance("ORDERS", "from-peer")).isPresent();
        }
    }

    @Test
    void theWriteAndHeartbeatRateLimitsApplyToSpoofedReplicationButNotToARealPeer() {
        start(false, b -> b.writesPerSecondPerAddress(1).renewalsPerSecondPerAddress(1));
        for (int i = 0; i < 30; i++) {
            assertThat(register("p-" + i, "UP", PEER, REPLICATION, "true").statusCode()).as("peer register %d", i)
                    .isEqualTo(204);
        }
        int refused = 0;
        for (int i = 0; i < 20; i++) {
            HttpResponse<byte[]> r = register("a-" + i, "UP", i % 2 == 0 ? null : ALICE, REPLICATION, "true");
            if (r.statusCode() == 429) {
                refused++;
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            } else {
                assertThat(r.statusCode()).isEqualTo(204);
            }
        }
        assertThat(refused).isGreaterThanOrEqualTo(10);
        int refusedBeats = 0;
        for (int i = 0; i < 20; i++) {
            int status = send("PUT", APPS + "ORDERS/p-" + i, null, null, REPLICATION, "true").statusCode();
            assertThat(status).isIn(200, 429);
            refusedBeats += status == 429 ? 1 : 0;
        }
        assertThat(refusedBeats).isGreaterThanOrEqualTo(10);
        // The address is over both its rates; the peer's replicated calls still go through.
        for (int i = 0; i < 30; i++) {
            assertThat(register("p-" + (30 + i), "UP", PEER, REPLICATION, "true").statusCode()).isEqualTo(204);
            assertThat(send("PUT", APPS + "ORDERS/p-" + i, PEER, null, REPLICATION, "true").statusCode())
                    .isEqualTo(200);
        }
    }

    /**
     * Overrides are kept by instance id, and a cancel drops the override of its id before it looks for the instance:
     * anyone can remove an operator's override of ORDERS/o-1 by cancelling NOPE/o-1, which does not exist (404).
     */
    @Test
    void cancellingAnUnknownInstanceLeavesAnotherApplicationsOverrideAlone() {
        start(false);
        assertThat(register("o-1", "UP", ALICE).statusCode()).isEqualTo(204);
        assertThat(send("PUT", APPS + "ORDERS/o-1/status?value=OUT_OF_SERVICE", ADMIN, null).statusCode())
                .isEqualTo(200);
        assertThat(send("DELETE", APPS + "ORDERS/o-1/status", null, null).statusCode()).isEqualTo(401);
        assertThat(send("DELETE", APPS + "NOPE/o-1", null, null).statusCode()).isEqualTo(404);
        assertThat(live.server.registry().statusOverrides()).containsEntry("o-1",
                io.cairn.model.InstanceStatus.OUT_OF_SERVICE);
    }

    /**
     * A registration's overriddenStatus is stored as the override of its id, in whatever app: bob (or anyone, when
     * clients are open) registers NOPE/a-1 with OUT_OF_SERVICE, and alice's ORDERS/a-1 goes out of service at its
     * next heartbeat, although bob may not override her instance (403).
     */
    @Test
    void aRegistrationInAnotherApplicationCannotOverrideAnInstancesStatus() {
        start(false);
        assertThat(register("a-1", "UP", ALICE).statusCode()).isEqualTo(204);
        assertThat(send("PUT", APPS + "ORDERS/a-1/status?value=OUT_OF_SERVICE", BOB, null).statusCode())
                .isEqualTo(403);
        String other = LiveServer.instanceJson("NOPE", "a-1", "UP")
                .replace("\"overriddenStatus\":\"UNKNOWN\"", "\"overriddenStatus\":\"OUT_OF_SERVICE\"");
        assertThat(send("POST", APPS + "NOPE", BOB, other).statusCode()).isEqualTo(204);
        assertThat(send("PUT", APPS + "ORDERS/a-1", ALICE, null).statusCode()).isEqualTo(200);
        assertThat(status("a-1")).isEqualTo("UP");
        // Bob's override holds for his own NOPE/a-1 only.
        assertThat(live.server.registry().instance("ORDERS", "a-1").orElseThrow().overriddenStatus())
                .isEqualTo(io.cairn.model.InstanceStatus.UNKNOWN);
        assertThat(live.server.registry().instance("NOPE", "a-1").orElseThrow().status())
                .isEqualTo(io.cairn.model.InstanceStatus.OUT_OF_SERVICE);
    }

    @Test
    void adminEndpointsAlwaysNeedAnAdmin() {
        start(false);
        assertThat(send("GET", "/admin/session", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/admin/session", ALICE, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/admin/session", READER, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/admin/session", ADMIN, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/admin/session", "Bearer admin-tokeN", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aRotatedTokenInTheCredentialsFileTakesEffectWithoutARestart() throws Exception {
        Path file = dir.resolve("credentials.properties");
        Files.writeString(file, "tokens.deploy.hash=" + Secrets.tokenHash("first") + "\ntokens.deploy.roles=admin\n");
        live = new LiveServer(CairnConfig.builder().credentialsFile(file.toString()));
        assertThat(send("GET", "/admin/session", "Bearer first", null).statusCode()).isEqualTo(200);
        Files.writeString(file, "# rotated\ntokens.deploy.hash=" + Secrets.tokenHash("second")
                + "\ntokens.deploy.roles=admin\n");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(file).toMillis() + 2_000));
        assertThat(live.server.credentials().reload()).isTrue();
        assertThat(send("GET", "/admin/session", "Bearer first", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/admin/session", "Bearer second", null).statusCode()).isEqualTo(200);
        Files.writeString(file, "tokens.deploy.hash=not-a-hash\ntokens.deploy.roles=admin\n");
        assertThat(live.server.credentials().reload()).isFalse();
        assertThat(send("GET", "/admin/session", "Bearer second", null).statusCode()).isEqualTo(200);
    }

    @Test
    void everyRefusalIsLoggedWithTheRemoteAddressAndNeverTheSecret() {
        String wrong = basic("alice", "guessed-password");
        java.util.logging.Logger cairn = java.util.logging.Logger.getLogger("io.cairn");
        java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                lines.add(new java.util.logging.SimpleFormatter().formatMessage(r));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        cairn.addHandler(capture);
        try {
            start(true);
            assertThat(send("GET", APPS, wrong, null).statusCode()).isEqualTo(401);
            assertThat(send("GET", APPS, "Bearer guessed-token", null).statusCode()).isEqualTo(401);
            assertThat(send("POST", "/eureka/peerreplication/batch", ALICE, "{}").statusCode()).isEqualTo(403);
        } finally {
            cairn.removeHandler(capture);
        }
        java.util.List<String> refusals = lines.stream().filter(l -> l.startsWith("refused")).toList();
        assertThat(refusals).hasSize(3).allSatisfy(l -> assertThat(l).contains("from 127.0.0.1"));
        assertThat(refusals.get(2)).contains("403").contains("peer role");
        assertThat(String.join("\n", lines)).doesNotContain("guessed").doesNotContain(wrong.substring(6))
                .doesNotContain("alice-pw");
    }
}
