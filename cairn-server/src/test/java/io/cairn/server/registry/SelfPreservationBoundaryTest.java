package io.cairn.server.registry;

import static io.cairn.server.registry.Instances.instance;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.model.LeaseInfo;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.config.Setting;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The edges of Eureka's self-preservation formula: the strict comparison, a zero threshold, the renewal interval. */
class SelfPreservationBoundaryTest {
    private static final long START = 1_700_000_000_000L;
    /** A lease short enough to have run out one minute later, when the first complete renewal minute is known. */
    private static final LeaseInfo SHORT_LEASE = new LeaseInfo(1, 5, 0, 0, 0, 0);

    private final MutableClock clock = new MutableClock(START);

    /** Registers {@code count} instances o0… at the start, expected clients = 1 (seed) + count. */
    private Registry registry(CairnConfig config, int count, LeaseInfo lease) {
        Registry r = new Registry(config, clock);
        for (int i = 0; i < count; i++) {
            r.register(instance("orders", "o" + i).leaseInfo(lease).build(), false);
        }
        return r;
    }

    /** {@code total} successful renewals spread over the instances o0 … o(instances-1). */
    private static void renew(Registry r, int instances, int total) {
        for (int n = 0; n < total; n++) {
            assertThat(r.renew("orders", "o" + n % instances, false, null, null).outcome())
                    .isEqualTo(RenewResult.Outcome.RENEWED);
        }
    }

    /** Moves the clock to {@code seconds} after the registry's start. */
    private void at(long seconds) {
        clock.advance(Duration.ofMillis(START + seconds * 1000 - clock.millis()));
    }

    private EvictionTask evictor(Registry r) {
        return new EvictionTask(r, clock, 60_000, new SplittableRandom(7));
    }

    @Test
    void renewalsExactlyAtTheThresholdKeepSelfPreservationOnAndOneMoreLiftsIt() {
        // 19 leases + the seed: expected 20, threshold (int)(20 * 60/30 * 0.85) = 34.
        Registry r = registry(CairnConfig.defaults(), 19, LeaseInfo.DEFAULT);
        assertThat(r.selfPreservation().renewsThreshold()).isEqualTo(34);

        at(10);
        renew(r, 19, 34);
        at(61);
        assertThat(r.selfPreservation().renewsLastMinute()).isEqualTo(34);
        assertThat(r.selfPreservation().active()).isTrue();
        assertThat(r.isLeaseExpirationEnabled()).isFalse();

        renew(r, 19, 35);
        at(121);
        assertThat(r.selfPreservation().renewsLastMinute()).isEqualTo(35);
        assertThat(r.selfPreservation().active()).isFalse();
        assertThat(r.isLeaseExpirationEnabled()).isTrue();
    }

    @Test
    void atTheThresholdNothingIsEvictedEvenThoughLeasesRanOut() {
        // One lease + the seed: expected 2, threshold (int)(2 * 2 * 0.85) = 3.
        Registry r = registry(CairnConfig.defaults(), 1, SHORT_LEASE);
        Registry control = new Registry(CairnConfig.defaults(), clock);
        control.register(instance("orders", "o0").leaseInfo(SHORT_LEASE).build(), false);
        assertThat(r.selfPreservation().renewsThreshold()).isEqualTo(3);

        at(50);
        renew(r, 1, 3);
        renew(control, 1, 4);
        at(61); // the lease was last renewed at 50 s and lasts 5 s

        assertThat(evictor(r).runOnce()).isEmpty();
        assertThat(r.size()).isEqualTo(1);
        assertThat(evictor(control).runOnce()).hasSize(1);
        assertThat(control.size()).isZero();
    }

    @Test
    void anExpectationOfZeroClientsNeverLetsALeaseExpire() {
        CairnConfig zero = CairnConfig.builder().set(Setting.EXPECTED_NUMBER_OF_CLIENTS_SENDING_RENEWS, 0).build();
        Registry r = registry(zero, 3, SHORT_LEASE);
        // As in Eureka, new leases move the expectation only while it is above zero.
        assertThat(r.selfPreservation().expectedClients()).isZero();
        assertThat(r.selfPreservation().renewsThreshold()).isZero();
        // The same registry with Spring's seed of 1: expected 4, threshold 6.
        Registry control = registry(CairnConfig.defaults(), 3, SHORT_LEASE);
        assertThat(control.selfPreservation().renewsThreshold()).isEqualTo(6);

        for (int minute = 0; minute < 3; minute++) {
            at(minute * 60L + 50);
            renew(r, 3, 30);
            renew(control, 3, 30);
        }
        at(181); // every lease ran out at 175 s; the last complete minute had 30 renewals, 30 > 0 and 30 > 6

        assertThat(r.selfPreservation().renewsLastMinute()).isEqualTo(30);
        assertThat(r.isLeaseExpirationEnabled()).isFalse();
        assertThat(r.selfPreservation().active()).isTrue();
        assertThat(evictor(r).runOnce()).isEmpty();
        assertThat(r.size()).isEqualTo(3);
        // An expired lease still counts as registered while it cannot expire.
        assertThat(r.instance("orders", "o0")).isPresent();

        assertThat(control.isLeaseExpirationEnabled()).isTrue();
        assertThat(control.instance("orders", "o0")).isEmpty();
        // 3 - (int)(3 * 0.85) = 1 per run.
        assertThat(evictor(control).runOnce()).hasSize(1);
    }

    @Test
    void aZeroExpectationIgnoresCancelsAndIsOnlyLiftedByTheRecount() {
        CairnConfig zero = CairnConfig.builder().set(Setting.EXPECTED_NUMBER_OF_CLIENTS_SENDING_RENEWS, 0).build();
        Registry r = registry(zero, 3, LeaseInfo.DEFAULT);
        r.cancel("orders", "o2", false);
        assertThat(r.selfPreservation().expectedClients()).isZero();

        // Eureka's recount accepts any count above 85 % of zero.
        r.updateRenewalThreshold();
        assertThat(r.selfPreservation().expectedClients()).isEqualTo(2);
        assertThat(r.selfPreservation().renewsThreshold()).isEqualTo(3);
    }

    @Test
    void anExpectedRenewalIntervalOfTenSecondsTriplesTheThreshold() {
        CairnConfig tenSeconds = CairnConfig.builder()
                .set(Setting.EXPECTED_CLIENT_RENEWAL_INTERVAL_SECONDS, 10).build();
        CairnConfig thirtySeconds = CairnConfig.builder()
                .set(Setting.EXPECTED_CLIENT_RENEWAL_INTERVAL_SECONDS, 30).build();
        // Expected 20 in both: (int)(20 * 2 * 0.85) = 34 and (int)(20 * 6 * 0.85) = 102.
        Registry every30 = registry(thirtySeconds, 19, LeaseInfo.DEFAULT);
        Registry every10 = registry(tenSeconds, 19, LeaseInfo.DEFAULT);

        assertThat(every30.selfPreservation().expectedClients()).isEqualTo(20);
        assertThat(every10.selfPreservation().expectedClients()).isEqualTo(20);
        assertThat(every30.selfPreservation().renewsThreshold()).isEqualTo(34);
        assertThat(every10.selfPreservation().renewsThreshold())
                .isEqualTo(3 * every30.selfPreservation().renewsThreshold()).isEqualTo(102);

        // The same renewals (19 clients renewing twice a minute) are enough for one and not for the other.
        at(10);
        renew(every30, 19, 38);
        renew(every10, 19, 38);
        at(61);
        assertThat(every30.isLeaseExpirationEnabled()).isTrue();
        assertThat(every10.isLeaseExpirationEnabled()).isFalse();
        assertThat(every10.selfPreservation().active()).isTrue();
    }

    @Test
    void theIntervalAlsoScalesTheThresholdAsTheExpectationMoves() {
        CairnConfig tenSeconds = CairnConfig.builder()
                .set(Setting.EXPECTED_CLIENT_RENEWAL_INTERVAL_SECONDS, 10).build();
        Registry r = registry(tenSeconds, 0, LeaseInfo.DEFAULT);
        // Seed only: (int)(1 * 6 * 0.85) = 5.
        assertThat(r.selfPreservation().renewsThreshold()).isEqualTo(5);
        r.register(instance("orders", "o0").build(), false);
        // (int)(2 * 6 * 0.85) = 10
        assertThat(r.selfPreservation().renewsThreshold()).isEqualTo(10);
        r.cancel("orders", "o0", false);
        assertThat(r.selfPreservation().renewsThreshold()).isEqualTo(5);
    }
}
