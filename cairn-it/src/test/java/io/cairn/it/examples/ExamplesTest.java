package io.cairn.it.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cairn.server.CairnServer;
import io.cairn.server.config.CairnConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two example services as the README runs them, each a process of its own: a caller spreads its calls over two
 * greeters, and when one greeter stops, the caller hears of it at once and no call fails.
 */
class ExamplesTest {
    private final CairnServer cairn = new CairnServer(CairnConfig.builder().host("127.0.0.1").port(0).build()).start();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        cairn.close();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts an example's main class; its output lines go to {@code lines}. */
    private Process run(List<String> lines, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("GREETER_HOST", "127.0.0.1");
        Process p = pb.start();
        processes.add(p);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    @Test
    void theCallerSpreadsItsCallsAndLosesNoneWhenAGreeterStops() throws Exception {
        String url = "http://127.0.0.1:" + cairn.port() + "/eureka/";
        int a = freePort();
        int b = freePort();
        List<String> greeterA = new CopyOnWriteArrayList<>();
        Process first = run(greeterA, "io.cairn.examples.Greeter", Integer.toString(a), url);
        run(new CopyOnWriteArrayList<>(), "io.cairn.examples.Greeter", Integer.toString(b), url);
        await().atMost(Duration.ofSeconds(30)).until(() -> cairn.registry().size() == 2);

        List<String> caller = new CopyOnWriteArrayList<>();
        run(caller, "io.cairn.examples.Caller", url);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                caller.stream().anyMatch(l -> l.contains("hello from 127.0.0.1:greeter:" + a))
                        && caller.stream().anyMatch(l -> l.contains("hello from 127.0.0.1:greeter:" + b)));

        // Stopped as Ctrl-C stops it: the greeter cancels its registration before it closes its port.
        int stoppedAt = caller.size();
        // (Through the handle: Process.destroy() would also close the pipe that the greeter's last words come on.)
        first.toHandle().destroy();
        assertThat(first.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(greeterA).as("the greeter's output")
                .anyMatch(l -> l.contains("registration cancelled")));
        assertThat(cairn.registry().instance("GREETER", "127.0.0.1:greeter:" + a)).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> caller.stream()
                .anyMatch(l -> l.contains("greeter instances UP: [127.0.0.1:greeter:" + b + "]")));
        int from = caller.size();
        await().atMost(Duration.ofSeconds(10)).until(() -> caller.subList(from, caller.size()).stream()
                .filter(l -> l.contains("hello from 127.0.0.1:greeter:" + b)).count() >= 3);
        assertThat(caller.subList(stoppedAt, caller.size()))
                .noneMatch(l -> l.contains("failed") || l.contains("no greeter instance"));
    }
}
