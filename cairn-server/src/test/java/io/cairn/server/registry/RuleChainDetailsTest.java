package io.cairn.server.registry;

import static io.cairn.server.registry.Instances.instance;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.model.ActionType;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.model.LeaseInfo;
import io.cairn.server.config.CairnConfig;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Corners of Eureka's register, renew and override rules around {@code lastDirtyTimestamp}. */
class RuleChainDetailsTest {
    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final Registry registry = new Registry(CairnConfig.defaults(), clock);

    private InstanceInfo stored() {
        return registry.instance("orders", "o1").orElseThrow();
    }

    // ---------------------------------------------------------------- stale registration

    @Test
    void anOlderRegistrationKeepsTheStoredCopyButRefreshesTheLease() {
        long registeredAt = clock.millis();
        registry.register(instance("orders", "o1").lastDirtyTimestamp(2_000).ipAddr("10.0.0.2")
                .metadata(java.util.Map.of("v", "new")).build(), false);
        clock.advance(Duration.ofSeconds(40));

        InstanceInfo result = registry.register(instance("orders", "o1").lastDirtyTimestamp(1_000)
                .ipAddr("10.0.0.9").metadata(java.util.Map.of("v", "old")).build(), false);

        InstanceInfo now = stored();
        assertThat(result.ipAddr()).isEqualTo("10.0.0.2");
        assertThat(now.ipAddr()).isEqualTo("10.0.0.2");
        assertThat(now.metadata()).containsEntry("v", "new");
        assertThat(now.lastDirtyTimestamp()).isEqualTo(2_000);
        assertThat(now.leaseInfo().lastRenewalTimestamp()).isEqualTo(clock.millis()).isGreaterThan(registeredAt);
    }

    @Test
    void theLeaseAnOlderRegistrationRefreshedRunsFromThatRegistration() {
        Registry r = new Registry(CairnConfig.builder().enableSelfPreservation(false).build(), clock);
        EvictionTask evictor = new EvictionTask(r, clock, 60_000, new SplittableRandom(3));
        r.register(instance("orders", "o1").lastDirtyTimestamp(2_000).build(), false);
        clock.advance(Duration.ofSeconds(60));
        r.register(instance("orders", "o1").lastDirtyTimestamp(1_000).build(), false);

        // 90 s after the first registration, but only 30 s after the stale one.
        clock.advance(Duration.ofSeconds(30).plusMillis(1));
        assertThat(evictor.runOnce()).isEmpty();
        assertThat(r.instance("orders", "o1")).isPresent();
        clock.advance(Duration.ofSeconds(60));
        assertThat(evictor.runOnce()).extracting(InstanceInfo::id).containsExactly("o1");
    }

    // ---------------------------------------------------------------- peer renew, equal timestamps

    @Test
    void aPeersRenewWithAnEqualLastDirtyTimestampIsRenewedNotAConflict() {
        registry.register(instance("orders", "o1").lastDirtyTimestamp(2_000).build(), false);
        clock.advance(Duration.ofSeconds(30));

        RenewResult equal = registry.renew("orders", "o1", true, 2_000L, null);

        assertThat(equal.outcome()).isEqualTo(RenewResult.Outcome.RENEWED);
        assertThat(equal.conflict()).isNull();
        assertThat(stored().leaseInfo().lastRenewalTimestamp()).isEqualTo(clock.millis());
        // The neighbours on either side are the two other outcomes.
        assertThat(registry.renew("orders", "o1", true, 1_999L, null).outcome())
                .isEqualTo(RenewResult.Outcome.CONFLICT);
        assertThat(registry.renew("orders", "o1", true, 2_001L, null).outcome())
                .isEqualTo(RenewResult.Outcome.NOT_FOUND);
    }

    @Test
    void aPeersRenewWithAnEqualTimestampAndAnOverrideLeavesTheOverridesAlone() {
        registry.register(instance("orders", "o1").lastDirtyTimestamp(2_000).build(), false);

        assertThat(registry.renew("orders", "o1", true, 2_000L, InstanceStatus.OUT_OF_SERVICE).outcome())
                .isEqualTo(RenewResult.Outcome.RENEWED);
        assertThat(registry.statusOverrides()).isEmpty();
        assertThat(stored().status()).isEqualTo(InstanceStatus.UP);
    }

    // ---------------------------------------------------------------- override delete and lastDirtyTimestamp

    @Test
    void deletingAnOverrideWithANewerLastDirtyTimestampRaisesTheStoredOne() {
        registry.register(instance("orders", "o1").lastDirtyTimestamp(5_000).build(), false);
        registry.setStatusOverride("orders", "o1", InstanceStatus.OUT_OF_SERVICE, null, false);
        assertThat(stored().lastDirtyTimestamp()).isEqualTo(5_000);
        long index = registry.index();

        assertThat(registry.deleteStatusOverride("orders", "o1", InstanceStatus.UNKNOWN, 9_000L, false)).isTrue();

        InstanceInfo after = stored();
        assertThat(after.lastDirtyTimestamp()).isEqualTo(9_000);
        assertThat(after.status()).isEqualTo(InstanceStatus.UNKNOWN);
        assertThat(after.overriddenStatus()).isEqualTo(InstanceStatus.UNKNOWN);
        assertThat(after.actionType()).isEqualTo(ActionType.MODIFIED);
        assertThat(registry.index()).isEqualTo(index + 1);
        assertThat(registry.statusOverrides()).isEmpty();
    }

    @Test
    void deletingAnOverrideWithAnOlderLastDirtyTimestampNeverLowersTheStoredOne() {
        registry.register(instance("orders", "o1").lastDirtyTimestamp(5_000).build(), false);
        registry.setStatusOverride("orders", "o1", InstanceStatus.OUT_OF_SERVICE, null, false);

        assertThat(registry.deleteStatusOverride("orders", "o1", InstanceStatus.UP, 3_000L, false)).isTrue();

        assertThat(stored().lastDirtyTimestamp()).isEqualTo(5_000);
        assertThat(stored().status()).isEqualTo(InstanceStatus.UP);
    }

    @Test
    void deletingAnOverrideThatDoesNotExistChangesNothingButRenewsTheLease() {
        registry.register(instance("orders", "o1").lastDirtyTimestamp(5_000).build(), false);
        long index = registry.index();
        clock.advance(Duration.ofSeconds(20));

        assertThat(registry.deleteStatusOverride("orders", "o1", InstanceStatus.UNKNOWN, 9_000L, false)).isTrue();

        InstanceInfo after = stored();
        assertThat(after.lastDirtyTimestamp()).isEqualTo(5_000);
        assertThat(after.status()).isEqualTo(InstanceStatus.UP);
        assertThat(registry.index()).isEqualTo(index);
        assertThat(after.leaseInfo().lastRenewalTimestamp()).isEqualTo(clock.millis());
    }

    @Test
    void afterADeleteRaisedTheDirtyTimeAPeerHeartbeatWithTheOldTimeIsAConflictCarryingTheNewOne() {
        registry.register(instance("orders", "o1").lastDirtyTimestamp(5_000)
                .leaseInfo(LeaseInfo.DEFAULT).build(), false);
        registry.setStatusOverride("orders", "o1", InstanceStatus.OUT_OF_SERVICE, null, false);
        registry.deleteStatusOverride("orders", "o1", InstanceStatus.UP, 9_000L, false);

        RenewResult r = registry.renew("orders", "o1", true, 5_000L, null);

        assertThat(r.outcome()).isEqualTo(RenewResult.Outcome.CONFLICT);
        assertThat(r.conflict().lastDirtyTimestamp()).isEqualTo(9_000);
        assertThat(r.conflict().status()).isEqualTo(InstanceStatus.UP);
    }
}
