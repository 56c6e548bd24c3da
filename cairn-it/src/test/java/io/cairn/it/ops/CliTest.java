package io.cairn.it.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The {@code cairn} client commands against a live node: readable tables, JSON on request, exit codes to rely on. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpsNode node;
    private String url;

    @BeforeAll
    void start() {
        node = OpsNode.start();
        // Status changes are overrides: they need credentials, given here as Eureka clients give them, in the URL.
        url = node.serviceUrl().replace("http://", "http://admin:" + OpsNode.ADMIN_PASSWORD + "@");
        assertThat(node.register("ORDERS", "orders-1", "eu-west-1a", Map.of("version", "2.4.1"))).isEqualTo(204);
        assertThat(node.register("ORDERS", "orders-2", "eu-west-1b", Map.of())).isEqualTo(204);
        assertThat(node.register("PAYMENTS", "payments-1", "eu-west-1a", "STARTING", Map.of())).isEqualTo(204);
    }

    @AfterAll
    void stop() {
        node.close();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    @Test
    void appsPrintsATableOfApplicationsWithTheirStatuses() {
        Cli.Run r = Cli.run("apps", "--url", url);
        assertThat(r.exitCode()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("APP").contains("INSTANCES").contains("STATUSES");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ORDERS").contains("2 UP"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("PAYMENTS").contains("1 STARTING"));
    }

    @Test
    void appsPrintsJsonOnRequest() {
        Cli.Run r = Cli.run("apps", "--json", "--url", url);
        assertThat(r.exitCode()).isZero();
        JsonNode apps = json(r.out());
        assertThat(apps.isArray()).isTrue();
        JsonNode orders = null;
        for (JsonNode app : apps) {
            if (app.path("app").asText().equals("ORDERS")) {
                orders = app;
            }
        }
        assertThat(orders).as("ORDERS in " + apps).isNotNull();
        assertThat(orders.path("instances").asInt()).isEqualTo(2);
        assertThat(orders.path("byStatus").path("UP").asInt()).isEqualTo(2);
    }

    @Test
    void instancesListsOneApplicationAsATableOrJson() {
        Cli.Run table = Cli.run("instances", "orders", "--url", url);
        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).contains("INSTANCE ID").contains("orders-1").contains("orders-1.prod.internal:8080")
                .contains("eu-west-1a").contains("UP");

        Cli.Run json = Cli.run("instances", "ORDERS", "--json", "--url", url);
        assertThat(json.exitCode()).isZero();
        JsonNode first = json(json.out()).get(0);
        assertThat(first.path("instanceId").asText()).isEqualTo("orders-1");
        assertThat(first.path("status").asText()).isEqualTo("UP");
        assertThat(first.path("port").asInt()).isEqualTo(8080);
        assertThat(first.path("zone").asText()).isEqualTo("eu-west-1a");
        assertThat(first.path("metadata").path("version").asText()).isEqualTo("2.4.1");
    }

    @Test
    void statusTakesAnInstanceOutOfServiceAndPutsItBack() {
        Cli.Run out = Cli.run("status", "ORDERS", "orders-2", "OUT_OF_SERVICE", "--url", url);
        assertThat(out.exitCode()).isZero();
        assertThat(out.out()).contains("ORDERS/orders-2 is now OUT_OF_SERVICE");
        assertThat(node.status("ORDERS", "orders-2")).isEqualTo("OUT_OF_SERVICE");
        assertThat(Cli.run("instances", "ORDERS", "--url", url).out()).containsPattern(
                "orders-2 .*OUT_OF_SERVICE +OUT_OF_SERVICE");

        Cli.Run back = Cli.run("status", "ORDERS", "orders-2", "UP", "--json", "--url", url);
        assertThat(back.exitCode()).isZero();
        assertThat(json(back.out()).path("status").asText()).isEqualTo("UP");
        assertThat(node.status("ORDERS", "orders-2")).isEqualTo("UP");
    }

    @Test
    void deregisterRemovesAnInstanceOnce() {
        assertThat(node.register("BATCH", "batch-1", "eu-west-1a", Map.of())).isEqualTo(204);
        Cli.Run first = Cli.run("deregister", "BATCH", "batch-1", "--url", url);
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).contains("BATCH/batch-1 deregistered");
        assertThat(node.status("BATCH", "batch-1")).isNull();

        Cli.Run again = Cli.run("deregister", "BATCH", "batch-1", "--url", url);
        assertThat(again.exitCode()).isEqualTo(3);
        assertThat(again.err()).contains("no instance batch-1 in application BATCH");
    }

    @Test
    void exitCodesTellNotFoundFromUsageFromAnUnreachableServer() throws IOException {
        assertThat(Cli.run("instances", "NOPE", "--url", url).exitCode()).isEqualTo(3);
        assertThat(Cli.run("status", "ORDERS", "ghost", "UP", "--url", url).exitCode()).isEqualTo(3);
        Cli.Run badStatus = Cli.run("status", "ORDERS", "orders-1", "DOWN", "--url", url);
        assertThat(badStatus.exitCode()).isEqualTo(2);
        assertThat(badStatus.err()).contains("OUT_OF_SERVICE");
        assertThat(Cli.run("instances", "--url", url).exitCode()).isEqualTo(2);
        assertThat(Cli.run("apps", "--url", "ftp://example").exitCode()).isEqualTo(2);
        assertThat(Cli.run("frobnicate").exitCode()).isEqualTo(2);

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Cli.Run unreachable = Cli.run("apps", "--url", "http://127.0.0.1:" + closed + "/eureka/");
        assertThat(unreachable.exitCode()).isEqualTo(4);
        assertThat(unreachable.err()).startsWith("cairn: cannot reach").contains("connection refused");
    }

    @Test
    void refusedCredentialsExitWith5AndAServerErrorWith1() throws IOException {
        Cli.Run anonymous = Cli.run("status", "ORDERS", "orders-1", "OUT_OF_SERVICE", "--url", node.serviceUrl());
        assertThat(anonymous.exitCode()).isEqualTo(5);
        Cli.Run wrong = Cli.run("status", "ORDERS", "orders-1", "OUT_OF_SERVICE", "--url",
                node.serviceUrl().replace("http://", "http://admin:wrong@"));
        assertThat(wrong.exitCode()).isEqualTo(5);
        assertThat(node.status("ORDERS", "orders-1")).isEqualTo("UP");

        com.sun.net.httpserver.HttpServer broken = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        broken.createContext("/", ex -> {
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        broken.start();
        try {
            Cli.Run failing = Cli.run("apps", "--url", "http://127.0.0.1:" + broken.getAddress().getPort() + "/eureka/");
            assertThat(failing.exitCode()).isEqualTo(1);
            assertThat(failing.err()).contains("500");
        } finally {
            broken.stop(0);
        }
    }

    @Test
    void aBareServerAddressMeansItsEurekaPath() {
        assertThat(Cli.run("apps", "--url", node.root()).exitCode()).isZero();
    }

    @Test
    void watchPrintsEachChangeAsItHappens() throws Exception {
        CompletableFuture<Cli.Run> watching = CompletableFuture.supplyAsync(
                () -> Cli.run("watch", "SEARCH", "--max-events", "3", "--wait", "5", "--url", url));
        // The watch starts from the registry as it is; wait until it is parked before changing anything.
        await().atMost(Duration.ofSeconds(10)).until(() -> node.server().watch().parkedWatches() > 0);
        assertThat(node.register("OTHER", "other-1", "eu-west-1a", Map.of())).isEqualTo(204);
        assertThat(node.register("SEARCH", "search-1", "eu-west-1a", Map.of())).isEqualTo(204);
        assertThat(Cli.run("status", "SEARCH", "search-1", "OUT_OF_SERVICE", "--url", url).exitCode()).isZero();
        assertThat(node.cancel("SEARCH", "search-1")).isEqualTo(200);

        Cli.Run r = watching.get(20, TimeUnit.SECONDS);
        assertThat(r.exitCode()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("ADDED").contains("UP").contains("SEARCH/search-1");
        assertThat(lines.get(1)).contains("MODIFIED").contains("OUT_OF_SERVICE");
        assertThat(lines.get(2)).contains("DELETED").contains("SEARCH/search-1");
        assertThat(r.out()).doesNotContain("OTHER");
        assertThat(r.err()).contains("watching SEARCH");
    }

    @Test
    void watchPrintsOneJsonObjectPerChangeOnRequest() throws Exception {
        CompletableFuture<Cli.Run> watching = CompletableFuture.supplyAsync(
                () -> Cli.run("watch", "--json", "--max-events", "1", "--url", url));
        await().atMost(Duration.ofSeconds(10)).until(() -> node.server().watch().parkedWatches() > 0);
        assertThat(node.register("JSONAPP", "json-1", "eu-west-1c", Map.of("k", "v"))).isEqualTo(204);

        Cli.Run r = watching.get(20, TimeUnit.SECONDS);
        assertThat(r.exitCode()).isZero();
        JsonNode event = json(r.out().strip());
        assertThat(event.path("action").asText()).isEqualTo("ADDED");
        assertThat(event.path("index").asLong()).isPositive();
        assertThat(event.path("instance").path("app").asText()).isEqualTo("JSONAPP");
        assertThat(event.path("instance").path("metadata").path("k").asText()).isEqualTo("v");
    }
}
