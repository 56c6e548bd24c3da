package io.cairn.it.client;

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
 * The stock Spring Cloud Eureka server ({@code reference-eureka/target/reference-eureka.jar}) as a separate process on
 * 127.0.0.1, with the read-only response cache off so that tests need not wait 30 s for every change, and
 * self-preservation off. Its output goes to {@code target/client-it-logs/}.
 */
final class ReferenceEureka implements AutoCloseable {
    private final int port;
    private final Process process;

    private ReferenceEureka(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static ReferenceEureka start(String name) {
        Path jar = Path.of("..", "reference-eureka", "target", "reference-eureka.jar").toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (mvn -B verify builds every module, "
                    + "or mvn -B package -pl reference-eureka)");
        }
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", jar.toString(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--eureka.server.use-read-only-response-cache=false",
                "--eureka.server.response-cache-update-interval-ms=1000",
                "--eureka.server.enable-self-preservation=false",
                "--eureka.server.eviction-interval-timer-in-ms=1000",
                // Its own URL, as Eureka spells it, so that it does not take "localhost" for a peer and replicate
                // to itself: a self-replicated heartbeat arriving after a cancel re-registered the instance.
                "--eureka.client.service-url.defaultZone=" + url(port),
                "--eureka.server.my-url=" + url(port)));
        try {
            Path logs = Path.of("target", "client-it-logs");
            Files.createDirectories(logs);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()))
                    .start();
            ReferenceEureka e = new ReferenceEureka(port, p);
            e.awaitReady(Duration.ofSeconds(90));
            return e;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void awaitReady(Duration atMost) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        await().atMost(atMost).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the reference Eureka server exited with " + process.exitValue());
            }
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(serviceUrl() + "apps/"))
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        });
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String serviceUrl() {
        return url(port);
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port + "/eureka/";
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the server at once, as a crash or a lost network would. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
