package io.cairn.server.watch;

import static io.cairn.server.http.LiveServer.instanceJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.http.LiveServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watch API of one live node: long polls and event streams. */
class WatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LiveServer live = new LiveServer(CairnConfig.builder().watchHistory(16).anonymousOverrides(true));

    @AfterEach
    void stop() {
        live.close();
    }

    private JsonNode poll(String query) {
        return json(live.get("/eureka/watch?" + query, "application/json"));
    }

    private CompletableFuture<HttpResponse<byte[]>> pollAsync(String query) {
        return live.http.sendAsync(HttpRequest.newBuilder(live.uri("/eureka/watch?" + query))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).isEqualTo(200);
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void register(String app, String id) {
        assertThat(live.postJson("/eureka/apps/" + app, instanceJson(app, id, "UP")).statusCode()).isEqualTo(204);
    }

    private String epoch() {
        return live.server.watch().epoch();
    }

    private void awaitParked(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (live.server.watch().parkedWatches() < n && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(live.server.watch().parkedWatches()).isGreaterThanOrEqualTo(n);
    }

    @Test
    void withoutAnIndexTheAnswerIsAResetWithEverything() {
        register("ORDERS", "o1");
        register("GATEWAY", "g1");

        JsonNode r = poll("");
        assertThat(r.get("reset").asBoolean()).isTrue();
        assertThat(r.get("index").asLong()).isEqualTo(2);
        assertThat(r.get("epoch").asText()).isEqualTo(epoch());
        assertThat(r.get("events")).extracting(e -> e.get("instance").get("instanceId").asText())
                .containsExactlyInAnyOrder("o1", "g1");
    }

    @Test
    void aParkedWatchAnswersAsSoonAsARegistrationHappens() throws Exception {
        register("ORDERS", "o1");
        CompletableFuture<HttpResponse<byte[]>> pending = pollAsync("index=1&wait=10s&epoch=" + epoch());
        awaitParked(1);
        assertThat(pending).isNotDone();

        register("ORDERS", "o2");
        JsonNode r = json(pending.get(5, TimeUnit.SECONDS));
        assertThat(r.get("reset").asBoolean()).isFalse();
        assertThat(r.get("index").asLong()).isEqualTo(2);
        assertThat(r.get("events")).hasSize(1);
        assertThat(r.get("events").get(0).get("action").asText()).isEqualTo("ADDED");
        assertThat(r.get("events").get(0).get("instance").get("instanceId").asText()).isEqualTo("o2");
    }

    @Test
    void changesAlreadyMadeAreAnsweredAtOnceWithStatusChangesAndCancels() {
        register("ORDERS", "o1");
        live.put("/eureka/apps/ORDERS/o1/status?value=OUT_OF_SERVICE");
        live.delete("/eureka/apps/ORDERS/o1");

        JsonNode r = poll("index=1&epoch=" + epoch());
        assertThat(r.get("events")).extracting(e -> e.get("action").asText()).containsExactly("MODIFIED", "DELETED");
        assertThat(r.get("events").get(0).get("instance").get("status").asText()).isEqualTo("OUT_OF_SERVICE");
        assertThat(r.get("index").asLong()).isEqualTo(3);
    }

    @Test
    void aFilterDeliversOnlyItsApps() throws Exception {
        CompletableFuture<HttpResponse<byte[]>> pending = pollAsync("index=0&wait=10s&app=orders");
        awaitParked(1);
        register("GATEWAY", "g1");
        register("ORDERS", "o1");

        JsonNode r = json(pending.get(5, TimeUnit.SECONDS));
        assertThat(r.get("events")).extracting(e -> e.get("instance").get("app").asText()).containsExactly("ORDERS");
    }

    @Test
    void aVipFilterMatchesAnyEntryOfTheVipList() {
        register("ORDERS", "o1");
        register("GATEWAY", "g1");
        JsonNode r = poll("vip=GATEWAY");
        assertThat(r.get("events")).extracting(e -> e.get("instance").get("instanceId").asText()).containsExactly("g1");
    }

    @Test
    void aWatchWithNothingToSayAnswersWhenItsWaitEnds() {
        register("ORDERS", "o1");
        long start = System.nanoTime();
        JsonNode r = poll("index=1&wait=300ms&app=NOTHING");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(290));
        assertThat(r.get("events")).isEmpty();
        assertThat(r.get("reset").asBoolean()).isFalse();
        assertThat(r.get("index").asLong()).isEqualTo(1);
    }

    @Test
    void aZeroWaitAnswersAtOnceWithNothingNew() {
        register("ORDERS", "o1");
        JsonNode r = poll("index=1&wait=0ms&epoch=" + epoch());
        assertThat(r.get("events")).isEmpty();
        assertThat(r.get("index").asLong()).isEqualTo(1);
        assertThat(live.server.watch().parkedWatches()).isZero();
    }

    @Test
    void watchesThatCameAndWentLeaveOneWatcherSetPerEventLoop() {
        register("ORDERS", "o1");
        for (int i = 0; i < 200; i++) {
            poll("index=0&wait=0ms&epoch=" + epoch());
        }
        assertThat(live.server.watch().loopsHeld()).isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void everyOneOfManyParkedWatchesGetsTheChange() throws Exception {
        register("ORDERS", "o1");
        List<CompletableFuture<HttpResponse<byte[]>>> pending = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pending.add(pollAsync("index=1&wait=10s&epoch=" + epoch() + (i % 2 == 0 ? "" : "&app=ORDERS")));
        }
        awaitParked(100);

        register("ORDERS", "o2");
        for (CompletableFuture<HttpResponse<byte[]>> p : pending) {
            JsonNode r = json(p.get(5, TimeUnit.SECONDS));
            assertThat(r.get("index").asLong()).isEqualTo(2);
            assertThat(r.get("events")).extracting(e -> e.get("instance").get("instanceId").asText())
                    .containsExactly("o2");
        }
        assertThat(live.server.watch().parkedWatches()).isZero();
    }

    @Test
    void aFilteredWatchWaitsThroughOtherAppsChangesAndGetsOnlyItsOwn() throws Exception {
        register("ORDERS", "o1");
        CompletableFuture<HttpResponse<byte[]>> pending = pollAsync("index=1&wait=10s&app=ORDERS&epoch=" + epoch());
        awaitParked(1);
        for (int i = 0; i < 5; i++) {
            register("GATEWAY", "g" + i);
        }

        live.delete("/eureka/apps/ORDERS/o1");
        // Had any of the five GATEWAY changes woken it, the answer would hold them, at an index of 6 at most.
        JsonNode r = json(pending.get(5, TimeUnit.SECONDS));
        assertThat(r.get("index").asLong()).isEqualTo(7);
        assertThat(r.get("events")).extracting(e -> e.get("action").asText()).containsExactly("DELETED");
    }

    @Test
    void aShortWaitEndsOnTimeBesideLongerOnesAtTheSameIndex() throws Exception {
        register("ORDERS", "o1");
        CompletableFuture<HttpResponse<byte[]>> longer = pollAsync("index=1&wait=10s&epoch=" + epoch());
        awaitParked(1);
        long start = System.nanoTime();
        JsonNode shorter = poll("index=1&wait=300ms&epoch=" + epoch());
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(tookMs).isBetween(290L, 2_000L);
        assertThat(shorter.get("events")).isEmpty();
        assertThat(longer).isNotDone();
        register("ORDERS", "o2");
        assertThat(json(longer.get(5, TimeUnit.SECONDS)).get("events")).hasSize(1);
    }

    @Test
    void anIndexOlderThanTheHistoryGetsAReset() {
        for (int i = 0; i < 20; i++) {
            register("ORDERS", "o" + i);
        }
        JsonNode r = poll("index=2&epoch=" + epoch());
        assertThat(r.get("reset").asBoolean()).isTrue();
        assertThat(r.get("events")).hasSize(20);
    }

    @Test
    void anIndexFromAnotherEpochOrFromTheFutureGetsAReset() {
        register("ORDERS", "o1");
        assertThat(poll("index=1&epoch=someone-else").get("reset").asBoolean()).isTrue();
        assertThat(poll("index=99").get("reset").asBoolean()).isTrue();
    }

    @Test
    void badParametersAre400() {
        assertThat(live.get("/eureka/watch?index=-1", "application/json").statusCode()).isEqualTo(400);
        assertThat(live.get("/eureka/watch?wait=forever", "application/json").statusCode()).isEqualTo(400);
        assertThat(live.get("/eureka/events?index=x", "text/event-stream").statusCode()).isEqualTo(400);
    }

    /** Reads a server-sent-event stream into a queue of events, each the lines of one event. */
    private final class EventReader {
        final BlockingQueue<List<String>> events = new LinkedBlockingQueue<>();
        final CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response;

        EventReader(String query, String lastEventId) {
            HttpRequest.Builder b = HttpRequest.newBuilder(live.uri("/eureka/events?" + query));
            if (lastEventId != null) {
                b.header("Last-Event-ID", lastEventId);
            }
            response = live.http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines());
            response.thenAccept(r -> {
                List<String> current = new ArrayList<>();
                r.body().forEach(line -> {
                    if (line.isEmpty()) {
                        if (!current.isEmpty() && !current.get(0).startsWith(":")) {
                            events.add(List.copyOf(current));
                        }
                        current.clear();
                    } else {
                        current.add(line);
                    }
                });
            });
        }

        List<String> next() throws InterruptedException {
            List<String> e = events.poll(5, TimeUnit.SECONDS);
            assertThat(e).as("an event within 5 s").isNotNull();
            return e;
        }

        void close() {
            response.thenAccept(r -> r.body().close());
            response.cancel(true);
        }
    }

    private static String field(List<String> event, String name) {
        return event.stream().filter(l -> l.startsWith(name + ": ")).map(l -> l.substring(name.length() + 2))
                .findFirst().orElse(null);
    }

    @Test
    void aStreamResetsThenStreamsAndResumesFromLastEventIdWithoutLossOrRepeat() throws Exception {
        register("ORDERS", "o1");
        EventReader first = new EventReader("", null);
        List<String> reset = first.next();
        assertThat(field(reset, "event")).isEqualTo("reset");
        assertThat(field(reset, "id")).isEqualTo("1");

        register("ORDERS", "o2");
        List<String> e2 = first.next();
        assertThat(field(e2, "id")).isEqualTo("2");
        assertThat(JSON.readTree(field(e2, "data")).get("instance").get("instanceId").asText()).isEqualTo("o2");
        first.close();

        register("ORDERS", "o3");
        live.delete("/eureka/apps/ORDERS/o1");
        EventReader resumed = new EventReader("", "2");
        List<String> e3 = resumed.next();
        List<String> e4 = resumed.next();
        assertThat(field(e3, "id")).isEqualTo("3");
        assertThat(field(e4, "id")).isEqualTo("4");
        assertThat(JSON.readTree(field(e4, "data")).get("action").asText()).isEqualTo("DELETED");
        register("ORDERS", "o5");
        assertThat(field(resumed.next(), "id")).isEqualTo("5");
        assertThat(resumed.events.poll(200, TimeUnit.MILLISECONDS)).isNull();
        resumed.close();
    }

    @Test
    void aStreamWhoseClientStopsReadingIsDroppedNotBufferedWithoutBound() throws Exception {
        live.close();
        LiveServer small = new LiveServer(CairnConfig.builder().watchMaxQueuedBytes(4096).watchHistory(100_000));
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", small.server.port()));
            socket.getOutputStream().write(("GET /eureka/events?index=0 HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (small.server.watch().openStreams() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(small.server.watch().openStreams()).isEqualTo(1);

            // Megabytes of changes that the client never reads.
            String big = "x".repeat(15_000);
            var registry = small.server.registry();
            for (int i = 0; i < 2_000 && small.server.watch().openStreams() > 0; i++) {
                registry.register(io.cairn.model.InstanceInfo.builder().instanceId("big-" + i).app("BIG")
                        .hostName("h").ipAddr("10.0.0.1").dataCenterInfo(io.cairn.model.DataCenterInfo.MY_OWN)
                        .metadata(java.util.Map.of("padding", big)).build(), false);
            }
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (small.server.watch().openStreams() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(small.server.watch().openStreams()).isZero();
        } finally {
            small.close();
        }
    }

    @Test
    void aStreamWhoseBacklogIsMoreThanItMayQueueIsDroppedAtOnce() throws Exception {
        live.close();
        LiveServer small = new LiveServer(CairnConfig.builder().watchMaxQueuedBytes(4096).watchHistory(100_000));
        String big = "x".repeat(15_000);
        for (int i = 0; i < 200; i++) {
            small.server.registry().register(io.cairn.model.InstanceInfo.builder().instanceId("big-" + i).app("BIG")
                    .hostName("h").ipAddr("10.0.0.1").dataCenterInfo(io.cairn.model.DataCenterInfo.MY_OWN)
                    .metadata(java.util.Map.of("padding", big)).build(), false);
        }
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", small.server.port()));
            socket.getOutputStream().write(("GET /eureka/events?index=0&epoch=" + small.server.watch().epoch()
                    + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            // Dropped: the server closes the connection before sending the backlog. A stream that was kept would
            // send all of it and then stay open, and this read would time out.
            socket.setSoTimeout(10_000);
            long received = socket.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            assertThat(received).isLessThan(200L * big.length());
            io.cairn.server.Eventually.awaitTrue("the dropped stream uncounted", Duration.ofSeconds(5),
                    () -> small.server.watch().openStreams() == 0);
        } finally {
            small.close();
        }
    }

    @Test
    void aStreamFilterDeliversOnlyItsApp() throws Exception {
        EventReader reader = new EventReader("index=0&app=ORDERS", null);
        register("GATEWAY", "g1");
        register("ORDERS", "o1");
        assertThat(field(reader.next(), "id")).isEqualTo("2");
        reader.close();
    }
}
