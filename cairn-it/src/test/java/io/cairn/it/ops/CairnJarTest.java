package io.cairn.it.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The server jar as a shell uses it: {@code java -jar cairn-server.jar} with no command (or {@code server}) runs a
 * node as before, and the client commands exit with codes a script can branch on.
 */
class CairnJarTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Path jar() {
        Path p = Path.of("..", "cairn-server", "target", "cairn-server.jar").toAbsolutePath().normalize();
        assertThat(p).as("build the server jar first (mvn -B verify builds every module)").exists();
        return p;
    }

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a client command to its end; returns its exit code and standard output. */
    private static Cli.Run runJar(String... args) throws Exception {
        Path out = Files.createTempFile("cairn-cli", ".out");
        Path err = Files.createTempFile("cairn-cli", ".err");
        try {
            Process p = new ProcessBuilder(java(args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("cairn " + String.join(" ", args) + " finished").isTrue();
            return new Cli.Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static int health(int port) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void runsANode(String... args) throws Exception {
        int port = freePort();
        List<String> full = new ArrayList<>(List.of(args));
        // No admin credentials: the node generates a token, here into a temporary directory, not the home directory.
        Path tokenDir = Files.createTempDirectory("cairn-token");
        Path tokenFile = tokenDir.resolve("admin-token");
        full.addAll(List.of("--host", "127.0.0.1", "--port", Integer.toString(port),
                "-Deureka.server.enable-self-preservation=false", "-Dcairn.security.admin-token-file=" + tokenFile));
        Path log = Files.createTempFile("cairn-node", ".log");
        Process node = new ProcessBuilder(java(full.toArray(String[]::new))).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> health(port) == 200);
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("Cairn serving the Eureka API")
                    .contains("config: base path /eureka").contains("generated an administrator token")
                    .contains(token);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            HttpClient http = HttpClient.newHttpClient();
            URI session = URI.create("http://127.0.0.1:" + port + "/admin/session");
            assertThat(http.send(HttpRequest.newBuilder(session).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).isEqualTo(401);
            assertThat(http.send(HttpRequest.newBuilder(session).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        } finally {
            node.destroy();
            node.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
            Files.deleteIfExists(tokenFile);
            Files.deleteIfExists(tokenDir);
        }
    }

    @Test
    void withNoCommandTheJarRunsANodeAsBefore() throws Exception {
        runsANode();
    }

    @Test
    void theServerCommandRunsANodeToo() throws Exception {
        runsANode("server");
    }

    @Test
    void clientCommandsExitWithCodesScriptsCanRelyOn() throws Exception {
        try (OpsNode node = OpsNode.start()) {
            assertThat(node.register("ORDERS", "orders-1", "eu-west-1a", Map.of())).isEqualTo(204);
            Cli.Run apps = runJar("apps", "--url", node.serviceUrl());
            assertThat(apps.exitCode()).isZero();
            assertThat(apps.out()).contains("ORDERS");
            Cli.Run missing = runJar("instances", "NOPE", "--url", node.serviceUrl());
            assertThat(missing.exitCode()).isEqualTo(3);
            assertThat(missing.err()).contains("no application NOPE");
        }
        Cli.Run unreachable = runJar("apps", "--url", "http://127.0.0.1:" + freePort() + "/eureka/");
        assertThat(unreachable.exitCode()).isEqualTo(4);
        Cli.Run version = runJar("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("Cairn ");
    }
}
