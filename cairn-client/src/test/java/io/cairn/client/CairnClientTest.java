package io.cairn.client;

import static io.cairn.client.support.Samples.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.client.support.FakeEureka;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The client's wiring, against an in-memory Eureka: real threads, so waits poll with a deadline. */
class CairnClientTest {
    private final FakeEureka eureka = new FakeEureka();

    private ClientConfig.Builder config() {
        return ClientConfig.builder()
                .serviceUrl("http://fake/eureka/")
                .appName("me").hostName("me.test").ipAddress("10.0.0.9").port(8080)
                .registryFetchInterval(Duration.ofMillis(100))
                .retryInitialDelay(Duration.ofMillis(50))
                .shutdownHook(false);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    @Test
    void registersDiscoversPushesStatusAndCancelsOnClose() {
        eureka.put(instance("greeter", "g1", InstanceStatus.UP));
        CairnClient client = CairnClient.builder(config().build()).exchange(eureka).random(new Random(1)).start();
        try {
            // The first fetch is done before start() returns.
            assertThat(client.instances("greeter")).extracting(InstanceInfo::id).containsExactly("g1");
            assertThat(client.choose("GREETER")).map(InstanceInfo::id).contains("g1");
            assertThat(client.state()).isEqualTo(CairnClient.State.RUNNING);
            await(() -> client.stats().registered());
            assertThat(eureka.instances()).extracting(InstanceInfo::id).contains("me.test:me:8080");

            List<ApplicationChange> seen = new CopyOnWriteArrayList<>();
            client.subscribe("me", seen::add);
            await(() -> !client.instances("me").isEmpty());
            client.setStatus(InstanceStatus.OUT_OF_SERVICE);
            assertThat(client.status()).contains(InstanceStatus.OUT_OF_SERVICE);
            await(() -> eureka.instances().stream().anyMatch(i -> i.status() == InstanceStatus.OUT_OF_SERVICE));
            await(() -> client.instances("me").isEmpty());
            await(() -> seen.stream().anyMatch(c -> c.upInstances().isEmpty()));
            assertThat(client.application("me").orElseThrow().instances()).extracting(InstanceInfo::status)
                    .containsExactly(InstanceStatus.OUT_OF_SERVICE);
        } finally {
            client.close();
        }
        assertThat(client.state()).isEqualTo(CairnClient.State.CLOSED);
        assertThat(eureka.count("DELETE")).isEqualTo(1);
        assertThat(eureka.instances()).extracting(InstanceInfo::id).containsExactly("g1");
        assertThatThrownBy(() -> client.setStatus(InstanceStatus.UP)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> client.subscribeAll(c -> { })).isInstanceOf(IllegalStateException.class);
        assertThat(client.instances("greeter")).hasSize(1);
        client.close();
    }

    @Test
    void aClientThatOnlyReadsNeverWrites() {
        eureka.put(instance("greeter", "g1", InstanceStatus.UP));
        try (CairnClient client = CairnClient.builder(config().appName(null).registerWithEureka(false).build())
                .exchange(eureka).start()) {
            assertThat(client.instance()).isEmpty();
            assertThat(client.applicationNames()).containsExactly("GREETER");
            assertThat(client.chooseByVip("GREETER")).isPresent();
            assertThatThrownBy(() -> client.setStatus(InstanceStatus.DOWN)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(eureka.log()).allMatch(l -> l.startsWith("GET"));
    }

    @Test
    void aHealthCheckKeepsTheInstanceDownWhileItFails() {
        CairnClient client = CairnClient.builder(config().build()).exchange(eureka).healthCheck(() -> false).start();
        try {
            await(() -> client.stats().registered());
            assertThat(eureka.instances()).extracting(InstanceInfo::status).containsExactly(InstanceStatus.DOWN);
            assertThat(client.status()).contains(InstanceStatus.DOWN);
        } finally {
            client.close();
        }
    }
}
