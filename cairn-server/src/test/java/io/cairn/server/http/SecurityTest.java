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
        live = new LiveServer(CairnConfig.builder().enableSelfPreservation(false).requireClientAuth(requireClientAuth)
                .user("alice", hash("alice-pw"), "client").user("bob", hash("bob-pw"), "client")
                .adminToken("admin-token").token("ro", Secrets.tokenHash("reader-token"), "reader")
                .peerToken("peer-token"));
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
