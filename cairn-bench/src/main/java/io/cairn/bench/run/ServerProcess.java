package io.cairn.bench.run;

import io.cairn.bench.load.Target;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry server started by a run, as a separate JVM with the run's JVM flags: a Cairn node from
 * {@code cairn-server/target/cairn-server.jar} or the real Eureka server from
 * {@code reference-eureka/target/reference-eureka.jar}. Every process started is killed when the run's JVM exits.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Set<Process> STARTED = ConcurrentHashMap.newKeySet();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }), "kill-servers"));
    }

    public enum Kind { CAIRN, EUREKA }

    /**
     * Settings every Cairn node gets on top of a run's own: the load generator is one address standing for many
     * clients, so Cairn's per-address rate limits (which Eureka does not have) are lifted. {@code --cairn-set k=v,...}
     * replaces them.
     */
    static volatile List<String> cairnExtra = List.of(
            "cairn.limits.writes-per-second-per-address=0",
            "cairn.limits.renewals-per-second-per-address=0",
            "cairn.limits.max-watches-per-address=1000000");

    private final Kind kind;
    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServerProcess(Kind kind, String name, int port, Process process, Path log) {
        this.kind = kind;
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a server.
     *
     * @param root     the repository root (where the two jars are built)
     * @param jvmFlags the same for both kinds, e.g. -Xmx2g -XX:+UseG1GC
     * @param settings Eureka property names with values ({@code key=value}); given to Cairn as {@code -Dkey=value}
     *                 and to Eureka as {@code --key=value}
     */
    public static ServerProcess start(Kind kind, String name, Path root, int port, List<String> jvmFlags,
                                      List<String> settings, Path logDir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        if (kind == Kind.CAIRN) {
            cmd.addAll(List.of("-jar", jar(root, "cairn-server", "cairn-server.jar"), "--host", "127.0.0.1",
                    "--port", Integer.toString(port)));
            settings.forEach(s -> cmd.add("-D" + s));
            cairnExtra.forEach(s -> cmd.add("-D" + s));
        } else {
            cmd.addAll(List.of("-jar", jar(root, "reference-eureka", "reference-eureka.jar"),
                    "--server.port=" + port, "--server.address=127.0.0.1"));
            settings.forEach(s -> cmd.add("--" + s));
        }
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            Files.writeString(log, String.join(" ", cmd) + "\n");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            STARTED.add(p);
            String pidFile = System.getenv("CAIRN_BENCH_PIDFILE");
            if (pidFile != null && !pidFile.isBlank()) {
                Files.writeString(Path.of(pidFile), p.pid() + "\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            }
            return new ServerProcess(kind, name, port, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jar(Path root, String module, String file) {
        Path p = root.resolve(module).resolve("target").resolve(file);
        if (!Files.exists(p)) {
            throw new IllegalStateException(p + " is missing: build it first");
        }
        return p.toString();
    }

    /** Waits until {@code GET /eureka/apps} answers 200. */
    public ServerProcess awaitReady(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "apps"))
                        .header("Accept", "application/json").timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " not ready after " + atMost + "; see " + log);
    }

    public Kind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/eureka/";
    }

    public Target target() {
        return Target.of(name, baseUrl(), pid());
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        STARTED.remove(process);
    }
}
