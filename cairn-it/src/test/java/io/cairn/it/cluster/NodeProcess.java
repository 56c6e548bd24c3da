package io.cairn.it.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A registry server running as a real process on 127.0.0.1: a Cairn node from the server's jar, or the reference
 * Eureka server. Output goes to {@code target/cluster-logs/}, so that a failed test leaves the nodes' logs behind.
 */
final class NodeProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> command;
    private final int port;
    private Process process;

    private NodeProcess(String name, int port, List<String> command) {
        this.name = name;
        this.port = port;
        this.command = command;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static Path jar(String module, String file) {
        Path p = Path.of("..", module, "target", file).toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            throw new IllegalStateException(p + " is missing: build it first (mvn -B verify builds every module)");
        }
        return p;
    }

    /** The admin token every Cairn node of these tests is given (so that none generates one in the home directory). */
    static final String ADMIN_TOKEN = newSecret();
    /** A secret generated per test run, for the user info of peer URLs. */
    static final String PEER_SECRET = newSecret();

    private static String newSecret() {
        byte[] b = new byte[18];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A node's service URL with the cluster's peer credentials in it, as every peer list in these tests has. */
    static String peerUrl(int port) {
        return "http://peer:" + PEER_SECRET + "@127.0.0.1:" + port + "/eureka/";
    }

    /** A Cairn node on {@code port}, with extra settings as {@code key=value}. */
    static NodeProcess cairn(String name, int port, List<String> settings) {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dcairn.admin.token=" + ADMIN_TOKEN,
                "-jar", jar("cairn-server", "cairn-server.jar").toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port)));
        for (String s : settings) {
            cmd.add("-D" + s);
        }
        return new NodeProcess(name, port, cmd);
    }

    /** A Cairn node on {@code port} reading its configuration from {@code file}, plus settings as {@code key=value}. */
    static NodeProcess cairn(String name, int port, Path file, List<String> settings) {
        NodeProcess n = cairn(name, port, settings);
        n.command.add(n.command.indexOf("--port"), "--config");
        n.command.add(n.command.indexOf("--port"), file.toAbsolutePath().toString());
        return n;
    }

    /** The stock Spring Cloud Eureka server on {@code port}, with extra Spring properties as {@code key=value}. */
    static NodeProcess eureka(String name, int port, List<String> settings) {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-jar", jar("reference-eureka", "reference-eureka.jar").toString(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--eureka.server.use-read-only-response-cache=false",
                "--eureka.server.response-cache-update-interval-ms=500"));
        for (String s : settings) {
            cmd.add("--" + s);
        }
        return new NodeProcess(name, port, cmd);
    }

    NodeProcess start() {
        try {
            Path logs = Path.of("target", "cluster-logs");
            Files.createDirectories(logs);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Waits until the node answers its Eureka API (and, for Cairn, has finished its start-up sync). */
    NodeProcess awaitReady(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue());
            }
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(serviceUrl() + "apps/"))
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        });
        return this;
    }

    int port() {
        return port;
    }

    String serviceUrl() {
        return "http://127.0.0.1:" + port + "/eureka/";
    }

    /** Kills the process at once, as a crash would: no deregistration, no goodbye to peers. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        kill();
    }
}
