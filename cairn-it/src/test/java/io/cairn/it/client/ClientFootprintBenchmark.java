package io.cairn.it.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.it.client.bench.BenchRegistry;
import io.cairn.it.client.bench.ClientProbe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Heap and CPU of the Cairn client next to the Netflix {@code DiscoveryClient} (eureka-client 2.0.4, Jersey 3
 * transport) holding the same registry of 10,000 instances. Not part of the normal build (the name does not end in
 * {@code Test}); run it with
 * <pre>{@code mvn -B -pl cairn-it test -Dtest=ClientFootprintBenchmark}</pre>
 * (after {@code mvn -B install -DskipTests} once). Every client runs in a JVM of its own, the registry in another
 * ({@link BenchRegistry}), each probe as {@link ClientProbe}. It prints a table and writes it to
 * {@code cairn-it/target/client-benchmark.md}. Figures are printed, never asserted.
 *
 * <p>Tunable with {@code -Dbench.instances=10000 -Dbench.changesPerSecond=5 -Dbench.warmup=30
 * -Dbench.measure=60}.
 */
class ClientFootprintBenchmark {
    private static final int INSTANCES = Integer.getInteger("bench.instances", 10_000);
    private static final String CHANGES = System.getProperty("bench.changesPerSecond", "5");
    private static final int WARMUP = Integer.getInteger("bench.warmup", 30);
    private static final int MEASURE = Integer.getInteger("bench.measure", 60);

    private static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    @Test
    void measure() throws Exception {
        Path logback = Files.createDirectories(Path.of("target")).resolve("client-benchmark-logback.xml");
        Files.writeString(logback, "<configuration><appender name=\"E\" class=\"ch.qos.logback.core.ConsoleAppender\">"
                + "<encoder><pattern>%d %-5level %logger - %msg%n</pattern></encoder></appender>"
                + "<root level=\"WARN\"><appender-ref ref=\"E\"/></root></configuration>");
        List<String> common = List.of(java(), "-Xmx1g", "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=" + logback.toAbsolutePath(), "-cp", classpath());

        List<String> registryCmd = new ArrayList<>(common);
        registryCmd.addAll(List.of(BenchRegistry.class.getName(), Integer.toString(INSTANCES), CHANGES));
        Process registry = new ProcessBuilder(registryCmd).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(registry.getInputStream(), StandardCharsets.UTF_8));
            String line;
            String[] ready = null;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    ready = line.split(" ");
                    break;
                }
            }
            assertThat(ready).as("the registry process started").isNotNull();
            drain(out);
            String full = "http://127.0.0.1:" + ready[1] + "/eureka/";
            String empty = "http://127.0.0.1:" + ready[2] + "/eureka/";

            Map<String, Map<String, String>> results = new LinkedHashMap<>();
            for (String kind : List.of("netflix", "cairn-delta", "cairn-watch")) {
                Map<String, String> base = probe(common, kind, empty, 0, 1, 1);
                Map<String, String> loaded = probe(common, kind, full, INSTANCES, WARMUP, MEASURE);
                loaded.put("emptyHeapBytes", base.get("heapBytes"));
                results.put(kind, loaded);
            }
            String table = table(results);
            System.out.println(table);
            Files.writeString(Path.of("target", "client-benchmark.md"), table);
        } finally {
            registry.destroyForcibly();
            registry.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Map<String, String> probe(List<String> common, String kind, String url, int expected, int warmup,
                                             int measure) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(common);
        cmd.addAll(List.of(ClientProbe.class.getName(), kind, url, Integer.toString(expected),
                Integer.toString(warmup), Integer.toString(measure)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Map<String, String> result = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    for (String kv : line.substring(7).split(" ")) {
                        int eq = kv.indexOf('=');
                        result.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                } else {
                    System.out.println("[" + kind + "] " + line);
                }
            }
        }
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(result).as(kind + " printed its result").containsKey("heapBytes");
        return result;
    }

    private static void drain(BufferedReader out) {
        Thread t = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discard the registry's output
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "bench-registry-output");
        t.setDaemon(true);
        t.start();
    }

    private static String table(Map<String, Map<String, String>> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Registry: %d instances (apps of 20), %s status changes/s, 30 s delta window;"
                + " each client polls every second (cairn-watch: long polls).%n%n", INSTANCES, CHANGES));
        sb.append("| client | heap, empty registry | heap, ").append(INSTANCES).append(" instances |"
                + " fetches (full) | process CPU / fetch | Java-thread CPU / fetch | process CPU / s |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        results.forEach((kind, r) -> {
            long fetches = Long.parseLong(r.get("fetches"));
            double seconds = Double.parseDouble(r.get("seconds"));
            long cpu = Long.parseLong(r.get("processCpuNs"));
            long threads = Long.parseLong(r.get("threadCpuNs"));
            sb.append(String.format("| %s | %.1f MB | %.1f MB | %d (%s) | %.2f ms | %.2f ms | %.1f ms |%n", kind,
                    mb(r.get("emptyHeapBytes")), mb(r.get("heapBytes")), fetches, r.get("fullFetches"),
                    fetches == 0 ? 0 : cpu / 1e6 / fetches, fetches == 0 ? 0 : threads / 1e6 / fetches,
                    cpu / 1e6 / seconds));
        });
        return sb.toString();
    }

    private static double mb(String bytes) {
        return Long.parseLong(bytes) / (1024.0 * 1024.0);
    }
}
