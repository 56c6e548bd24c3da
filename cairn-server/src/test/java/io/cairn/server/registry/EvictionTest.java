package io.cairn.server.registry;

import static io.cairn.server.registry.Instances.instance;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.model.ActionType;
import io.cairn.model.InstanceInfo;
import io.cairn.server.config.CairnConfig;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EvictionTest {
    private final MutableClock clock = new MutableClock(1_700_000_000_000L);

    private Registry registry(CairnConfig config) {
        return new Registry(config, clock);
    }

    private static CairnConfig noSelfPreservation() {
        return CairnConfig.builder().enableSelfPreservation(false).build();
    }

    private EvictionTask task(Registry r) {
        return new EvictionTask(r, clock, 60_000, new SplittableRandom(42));
    }

    @Test
    void aLeaseExpiresOneDurationAfterItsLastRenewal() {
        Registry r = registry(noSelfPreservation());
        r.register(instance("orders", "o1").build(), false);
        clock.advance(Duration.ofSeconds(30));
        r.renew("orders", "o1", false, null, null);
        EvictionTask evictor = task(r);

        clock.advance(Duration.ofSeconds(90));
        assertThat(evictor.runOnce()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(evictor.runOnce()).extracting(InstanceInfo::id).containsExactly("o1");
        assertThat(r.instance("orders", "o1")).isEmpty();
        assertThat(r.delta().applications().instances()).extracting(InstanceInfo::actionType)
                .containsExactly(ActionType.DELETED);
    }

    @Test
    void legacyExpiryWaitsTwoDurationsAfterARenewalLikeEureka() {
        Registry r = registry(noSelfPreservation().toBuilder().legacyLeaseExpiry(true).build());
        r.register(instance("orders", "o1").build(), false);
        r.renew("orders", "o1", false, null, null);
        EvictionTask evictor = task(r);

        clock.advance(Duration.ofSeconds(180));
        assertThat(evictor.runOnce()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(evictor.runOnce()).hasSize(1);
    }

    @Test
    void legacyExpiryOfANeverRenewedLeaseIsOneDuration() {
        Registry r = registry(noSelfPreservation().toBuilder().legacyLeaseExpiry(true).build());
        r.register(instance("orders", "o1").build(), false);

        clock.advance(Duration.ofSeconds(90).plusMillis(1));
        assertThat(task(r).runOnce()).hasSize(1);
    }

    @Test
    void theLeaseDurationComesFromTheInstance() {
        Registry r = registry(noSelfPreservation());
        r.register(instance("orders", "o1").leaseInfo(new io.cairn.model.LeaseInfo(1, 5, 0, 0, 0, 0)).build(), false);

        clock.advance(Duration.ofSeconds(5).plusMillis(1));
        assertThat(task(r).runOnce()).hasSize(1);
    }

    @Test
    void aLateRunAllowsLeasesTheTimeItIsLate() {
        Registry r = registry(noSelfPreservation());
        EvictionTask evictor = task(r);
        evictor.runOnce();
        r.register(instance("orders", "o1").build(), false);

        // The run was due 60 s after the previous one but comes 100 s late: 100 s of grace.
        clock.advance(Duration.ofSeconds(160));
        assertThat(evictor.runOnce()).isEmpty();
        // The next run is on time, so no more grace: 160 s + 60 s > 90 s.
        clock.advance(Duration.ofSeconds(60));
        assertThat(evictor.runOnce()).hasSize(1);
    }

    @Test
    void atMostFifteenPercentOfTheRegistryIsEvictedPerRun() {
        Registry r = registry(noSelfPreservation());
        for (int i = 0; i < 200; i++) {
            r.register(instance("app" + (i % 20), "i" + i).build(), false);
        }
        EvictionTask evictor = task(r);
        clock.advance(Duration.ofSeconds(91));

        assertThat(evictor.runOnce()).hasSize(30);
        assertThat(r.size()).isEqualTo(170);
        clock.advance(Duration.ofSeconds(60));
        // 170 - (int)(170 * 0.85) = 170 - 144 = 26
        assertThat(evictor.runOnce()).hasSize(26);
    }

    @Test
    void evictionPicksAtRandomAcrossApplications() {
        Registry r = registry(noSelfPreservation());
        for (int i = 0; i < 200; i++) {
            r.register(instance("app" + (i / 10), "i" + i).build(), false);
        }
        clock.advance(Duration.ofSeconds(91));

        var apps = task(r).runOnce().stream().map(InstanceInfo::app).distinct().count();
        assertThat(apps).isGreaterThan(5);
    }

    @Test
    void selfPreservationStopsEvictionWhenTooFewRenewalsArrive() {
        Registry r = registry(CairnConfig.defaults());
        for (int i = 0; i < 10; i++) {
            r.register(instance("orders", "o" + i).build(), false);
        }
        // expected = 1 (seed) + 10 = 11; threshold = (int)(11 * 2 * 0.85) = 18
        assertThat(r.selfPreservation().renewsThreshold()).isEqualTo(18);
        EvictionTask evictor = task(r);

        // Minute 0: all ten renew twice (20 > 18).
        clock.advance(Duration.ofSeconds(10));
        renew(r, 10);
        clock.advance(Duration.ofSeconds(30));
        renew(r, 10);
        assertThat(r.isLeaseExpirationEnabled()).isFalse(); // no complete minute yet
        clock.advance(Duration.ofSeconds(21)); // t = 61 s
        assertThat(r.selfPreservation().renewsLastMinute()).isEqualTo(20);
        assertThat(r.isLeaseExpirationEnabled()).isTrue();

        // Minutes 1 and 2: two instances died, eight renew twice a minute (16 <= 18).
        for (int beat = 0; beat < 4; beat++) {
            clock.advance(Duration.ofSeconds(30));
            renew(r, 8);
        }
        clock.advance(Duration.ofSeconds(1)); // t = 182 s: the dead ones last renewed at 40 s
        assertThat(r.selfPreservation().renewsLastMinute()).isEqualTo(16);
        assertThat(r.selfPreservation().active()).isTrue();
        assertThat(evictor.runOnce()).isEmpty();
        assertThat(r.size()).isEqualTo(10);
    }

    private static void renew(Registry r, int count) {
        for (int i = 0; i < count; i++) {
            r.renew("orders", "o" + i, false, null, null);
        }
    }

    @Test
    void nothingIsEvictedDuringTheFirstMinute() {
        Registry r = registry(CairnConfig.defaults());
        r.register(instance("orders", "o1").leaseInfo(new io.cairn.model.LeaseInfo(1, 1, 0, 0, 0, 0)).build(), false);
        clock.advance(Duration.ofSeconds(2));

        assertThat(task(r).runOnce()).isEmpty();
    }

    @Test
    void theRecountAcceptsARiseButOnlyASmallDrop() {
        Registry r = registry(CairnConfig.defaults());
        for (int i = 0; i < 20; i++) {
            r.register(instance("orders", "o" + i).build(), false);
        }
        assertThat(r.selfPreservation().expectedClients()).isEqualTo(21);
        r.updateRenewalThreshold();
        assertThat(r.selfPreservation().expectedClients()).isEqualTo(20); // 20 > 0.85 * 21
        for (int i = 0; i < 5; i++) {
            r.cancel("orders", "o" + i, false);
        }
        assertThat(r.selfPreservation().expectedClients()).isEqualTo(15);
    }

    @Test
    void overridesLapseAnHourAfterTheLastRead() {
        Registry r = registry(noSelfPreservation());
        r.register(instance("orders", "o1").leaseInfo(new io.cairn.model.LeaseInfo(30, 86_400, 0, 0, 0, 0)).build(),
                false);
        r.setStatusOverride("orders", "o1", io.cairn.model.InstanceStatus.OUT_OF_SERVICE, null, false);
        clock.advance(Duration.ofMinutes(59));
        r.renew("orders", "o1", false, null, null);
        clock.advance(Duration.ofMinutes(59));
        task(r).runOnce();
        assertThat(r.statusOverrides()).containsKey("o1");
        clock.advance(Duration.ofMinutes(61));
        task(r).runOnce();
        assertThat(r.statusOverrides()).isEmpty();
    }
}
