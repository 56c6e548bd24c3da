package io.cairn.client.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.client.schedule.Backoff;
import io.cairn.client.schedule.TokenBucket;
import io.cairn.client.support.FakeClock;
import io.cairn.client.support.FakeEureka;
import io.cairn.client.support.ManualScheduler;
import io.cairn.client.support.Samples;
import io.cairn.client.transport.EurekaHttp;
import io.cairn.client.transport.FailoverClient;
import io.cairn.client.transport.Quarantine;
import io.cairn.client.transport.ServiceEndpoint;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.model.codec.EurekaJsonCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class RegistrarTest {
    private static final String URL = "http://eureka/eureka/";
    private final FakeClock clock = new FakeClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakeEureka eureka = new FakeEureka();
    private final SelfInstance self = new SelfInstance(Samples.instance("me", "me-1", InstanceStatus.UP), clock);

    private Registrar registrar(BooleanSupplier health) {
        FailoverClient servers = new FailoverClient(List.of(ServiceEndpoint.parse("z", URL)), eureka,
                new Quarantine(clock, Duration.ofSeconds(60)), 3);
        EurekaHttp http = new EurekaHttp(servers, new EurekaJsonCodec(clock::millis), Duration.ofSeconds(8));
        return new Registrar(self, http, scheduler, clock, Duration.ofSeconds(30),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0L),
                new TokenBucket(clock, 2, 4), health, Duration.ofSeconds(10));
    }

    private long registers() {
        return eureka.count("POST");
    }

    private long renewals() {
        return eureka.log().stream().filter(l -> l.startsWith("PUT") && !l.contains("/status?")).count();
    }

    @Test
    void registersAtOnceThenRenewsEveryInterval() {
        Registrar r = registrar(null);
        r.start();
        scheduler.runDue();
        assertThat(registers()).isEqualTo(1);
        assertThat(r.isRegistered()).isTrue();
        assertThat(eureka.instances()).extracting(InstanceInfo::id).containsExactly("me-1");
        scheduler.advance(Duration.ofSeconds(29));
        assertThat(renewals()).isZero();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(renewals()).isEqualTo(1);
        scheduler.advance(Duration.ofSeconds(60));
        assertThat(renewals()).isEqualTo(3);
        assertThat(r.heartbeats()).isEqualTo(3);
        assertThat(r.lastHeartbeat()).isEqualTo(clock.instant());
        assertThat(eureka.log()).allMatch(l -> !l.startsWith("PUT") || l.contains("apps/ME/me-1?status=UP&lastDirtyTimestamp="));
    }

    @Test
    void aHeartbeatAnswered404RegistersAgainAtOnce() {
        Registrar r = registrar(null);
        r.start();
        scheduler.runDue();
        eureka.dropSilently("me-1");
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(registers()).isEqualTo(2);
        assertThat(eureka.instances()).hasSize(1);
        assertThat(r.registrations()).isEqualTo(2);
    }

    @Test
    void failuresBackOffExponentiallyUpToTheIntervalAndRecover() {
        Registrar r = registrar(null);
        eureka.down(URL, true);
        r.start();
        scheduler.runDue();
        assertThat(registers()).isEqualTo(1);
        // No jitter: 0.5 s, 1 s, 2 s, 4 s, 8 s, 15 s, 15 s ... after each failure.
        long[] gaps = {500, 1000, 2000, 4000, 8000, 15000, 15000};
        for (long gap : gaps) {
            long before = registers();
            scheduler.advance(Duration.ofMillis(gap - 1));
            assertThat(registers()).isEqualTo(before);
            scheduler.advance(Duration.ofMillis(1));
            assertThat(registers()).isEqualTo(before + 1);
        }
        eureka.down(URL, false);
        scheduler.advance(Duration.ofSeconds(15));
        assertThat(r.isRegistered()).isTrue();
        long registered = registers();
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(registers()).isEqualTo(registered);
        assertThat(renewals()).isEqualTo(1);
    }

    @Test
    void statusChangesArePushedAtOnceButRateLimited() {
        Registrar r = registrar(null);
        r.start();
        scheduler.runDue();
        assertThat(registers()).isEqualTo(1);
        // Burst of 2, then one every 15 s; intermediate states are coalesced.
        for (InstanceStatus s : List.of(InstanceStatus.DOWN, InstanceStatus.UP, InstanceStatus.OUT_OF_SERVICE,
                InstanceStatus.DOWN, InstanceStatus.UP)) {
            self.setStatus(s);
            r.changed();
            scheduler.runDue();
        }
        assertThat(registers()).isEqualTo(3);
        assertThat(self.isDirty()).isTrue();
        scheduler.advance(Duration.ofSeconds(14));
        assertThat(registers()).isEqualTo(3);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(registers()).isEqualTo(4);
        assertThat(self.isDirty()).isFalse();
        assertThat(eureka.instances().iterator().next().status()).isEqualTo(InstanceStatus.UP);
    }

    @Test
    void outOfServiceTravelsAsAnOverrideBecauseEurekaKeepsUpOnReRegistration() {
        Registrar r = registrar(null);
        r.start();
        scheduler.runDue();
        self.setStatus(InstanceStatus.OUT_OF_SERVICE);
        r.changed();
        scheduler.runDue();
        assertThat(eureka.instances()).extracting(InstanceInfo::status).containsExactly(InstanceStatus.OUT_OF_SERVICE);
        assertThat(eureka.log()).anyMatch(l -> l.startsWith("PUT") && l.contains("/status?value=OUT_OF_SERVICE"));
        self.setStatus(InstanceStatus.UP);
        r.changed();
        scheduler.runDue();
        assertThat(eureka.instances()).extracting(InstanceInfo::status).containsExactly(InstanceStatus.UP);
        assertThat(eureka.log()).anyMatch(l -> l.startsWith("DELETE") && l.contains("/status?value=UP"));
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(eureka.instances()).extracting(InstanceInfo::status).containsExactly(InstanceStatus.UP);
    }

    @Test
    void aRefusedOverrideIsNotAFailedHeartbeat() {
        eureka.refuseOverrides(true);
        Registrar r = registrar(null);
        r.start();
        scheduler.runDue();
        self.setStatus(InstanceStatus.OUT_OF_SERVICE);
        r.changed();
        scheduler.runDue();
        assertThat(self.isDirty()).isFalse();
        long registers = registers();
        scheduler.advance(Duration.ofSeconds(90));
        // Heartbeats as usual, no re-registration loop; the server kept the status it had.
        assertThat(registers()).isEqualTo(registers);
        assertThat(renewals()).isEqualTo(3);
        assertThat(eureka.instances()).extracting(InstanceInfo::status).containsExactly(InstanceStatus.UP);
    }

    @Test
    void theHealthCheckDecidesBetweenUpAndDownBeforeTheFirstRegistration() {
        AtomicBoolean healthy = new AtomicBoolean(false);
        Registrar r = registrar(healthy::get);
        r.start();
        scheduler.runDue();
        assertThat(registers()).isEqualTo(1);
        assertThat(eureka.instances().iterator().next().status()).isEqualTo(InstanceStatus.DOWN);
        healthy.set(true);
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(registers()).isEqualTo(2);
        assertThat(eureka.instances().iterator().next().status()).isEqualTo(InstanceStatus.UP);
    }

    @Test
    void aThrowingHealthCheckMeansDown() {
        Registrar r = registrar(() -> {
            throw new IllegalStateException("db gone");
        });
        r.start();
        scheduler.runDue();
        assertThat(eureka.instances().iterator().next().status()).isEqualTo(InstanceStatus.DOWN);
    }

    @Test
    void cancelDeletesOnlyWhatWasRegistered() {
        Registrar never = registrar(null);
        never.cancel();
        assertThat(eureka.count("DELETE")).isZero();

        Registrar r = registrar(null);
        r.start();
        scheduler.runDue();
        r.stop();
        r.cancel();
        assertThat(eureka.count("DELETE")).isEqualTo(1);
        assertThat(eureka.instances()).isEmpty();
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(renewals()).isZero();
        assertThat(registers()).isEqualTo(1);
    }
}
