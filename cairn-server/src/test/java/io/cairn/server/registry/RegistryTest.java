package io.cairn.server.registry;

import static io.cairn.server.registry.Instances.instance;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.model.ActionType;
import io.cairn.model.Application;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.server.config.CairnConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistryTest {
    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final Registry registry = new Registry(CairnConfig.defaults(), clock);

    @Test
    void registerStoresTheInstanceUpperCasedAndBumpsTheIndex() {
        long before = registry.index();
        registry.register(instance("orders", "o1").app("ORDERS").build(), false);

        assertThat(registry.index()).isEqualTo(before + 1);
        InstanceInfo stored = registry.instance("orders", "o1").orElseThrow();
        assertThat(stored.app()).isEqualTo("ORDERS");
        assertThat(stored.actionType()).isEqualTo(ActionType.ADDED);
        assertThat(stored.lastUpdatedTimestamp()).isEqualTo(clock.millis());
        assertThat(stored.leaseInfo().registrationTimestamp()).isEqualTo(clock.millis());
        assertThat(stored.leaseInfo().serviceUpTimestamp()).isEqualTo(clock.millis());
        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void aStaleRegistrationKeepsTheDirtierStoredCopy() {
        registry.register(instance("orders", "o1").lastDirtyTimestamp(2_000).ipAddr("10.0.0.2").build(), false);
        registry.register(instance("orders", "o1").lastDirtyTimestamp(1_000).ipAddr("10.0.0.9").build(), false);

        assertThat(registry.instance("orders", "o1").orElseThrow().ipAddr()).isEqualTo("10.0.0.2");
    }

    @Test
    void anEquallyDirtyRegistrationWins() {
        registry.register(instance("orders", "o1").ipAddr("10.0.0.2").build(), false);
        registry.register(instance("orders", "o1").ipAddr("10.0.0.3").build(), false);

        assertThat(registry.instance("orders", "o1").orElseThrow().ipAddr()).isEqualTo("10.0.0.3");
    }

    @Test
    void renewOfAnUnknownInstanceIsNotFound() {
        assertThat(registry.renew("orders", "nope", false, null, null).outcome())
                .isEqualTo(RenewResult.Outcome.NOT_FOUND);
    }

    @Test
    void renewRecordsTheRealRenewalTimeAndChangesNothingElse() {
        registry.register(instance("orders", "o1").build(), false);
        long index = registry.index();
        clock.advance(Duration.ofSeconds(30));

        assertThat(registry.renew("orders", "o1", false, 1_000L, null).outcome())
                .isEqualTo(RenewResult.Outcome.RENEWED);
        assertThat(registry.instance("orders", "o1").orElseThrow().leaseInfo().lastRenewalTimestamp())
                .isEqualTo(clock.millis());
        assertThat(registry.index()).isEqualTo(index);
    }

    @Test
    void renewFromAClientWithNewerDataIsNotFoundSoItRegistersAgain() {
        registry.register(instance("orders", "o1").lastDirtyTimestamp(1_000).build(), false);

        assertThat(registry.renew("orders", "o1", false, 2_000L, null).outcome())
                .isEqualTo(RenewResult.Outcome.NOT_FOUND);
    }

    @Test
    void renewFromAClientWithOlderDataIsFine() {
        registry.register(instance("orders", "o1").lastDirtyTimestamp(2_000).build(), false);

        assertThat(registry.renew("orders", "o1", false, 1_000L, null).outcome())
                .isEqualTo(RenewResult.Outcome.RENEWED);
    }

    @Test
    void renewFromAPeerWithOlderDataIsAConflictCarryingOurCopy() {
        registry.register(instance("orders", "o1").lastDirtyTimestamp(2_000).build(), false);

        RenewResult r = registry.renew("orders", "o1", true, 1_000L, null);
        assertThat(r.outcome()).isEqualTo(RenewResult.Outcome.CONFLICT);
        assertThat(r.conflict().lastDirtyTimestamp()).isEqualTo(2_000);
    }

    @Test
    void renewFromAPeerWithNewerDataStoresItsOverrideAndIsNotFound() {
        registry.register(instance("orders", "o1").lastDirtyTimestamp(1_000).build(), false);

        RenewResult r = registry.renew("orders", "o1", true, 2_000L, InstanceStatus.OUT_OF_SERVICE);
        assertThat(r.outcome()).isEqualTo(RenewResult.Outcome.NOT_FOUND);
        assertThat(registry.statusOverrides()).containsEntry("o1", InstanceStatus.OUT_OF_SERVICE);
    }

    @Test
    void timestampRulesAreSkippedWhenSyncWhenTimestampDiffersIsOff() {
        Registry r = new Registry(CairnConfig.builder()
                .set(io.cairn.server.config.Setting.SYNC_WHEN_TIMESTAMP_DIFFERS, false).build(), clock);
        r.register(instance("orders", "o1").lastDirtyTimestamp(1_000).build(), false);

        assertThat(r.renew("orders", "o1", false, 2_000L, null).outcome()).isEqualTo(RenewResult.Outcome.RENEWED);
    }

    @Test
    void cancelRemovesTheInstanceAndItsOverride() {
        registry.register(instance("orders", "o1").build(), false);
        registry.setStatusOverride("orders", "o1", InstanceStatus.OUT_OF_SERVICE, null, false);

        assertThat(registry.cancel("orders", "o1", false)).isTrue();
        assertThat(registry.instance("orders", "o1")).isEmpty();
        assertThat(registry.statusOverrides()).isEmpty();
        assertThat(registry.cancel("orders", "o1", false)).isFalse();
        assertThat(registry.size()).isZero();
    }

    @Test
    void anOverrideSurvivesReRegistrationAsUp() {
        registry.register(instance("orders", "o1").build(), false);
        registry.setStatusOverride("orders", "o1", InstanceStatus.OUT_OF_SERVICE, null, false);
        registry.register(instance("orders", "o1").lastDirtyTimestamp(5_000).build(), false);

        InstanceInfo stored = registry.instance("orders", "o1").orElseThrow();
        assertThat(stored.status()).isEqualTo(InstanceStatus.OUT_OF_SERVICE);
        assertThat(stored.overriddenStatus()).isEqualTo(InstanceStatus.OUT_OF_SERVICE);
    }

    @Test
    void anOverrideEqualToTheCurrentStatusRecordsNothing() {
        registry.register(instance("orders", "o1").build(), false);
        long index = registry.index();

        assertThat(registry.setStatusOverride("orders", "o1", InstanceStatus.UP, null, false)).isTrue();
        assertThat(registry.statusOverrides()).isEmpty();
        assertThat(registry.index()).isEqualTo(index);
    }

    @Test
    void settingAnOverrideRaisesLastDirtyTimestampButNeverLowersIt() {
        registry.register(instance("orders", "o1").lastDirtyTimestamp(5_000).build(), false);
        registry.setStatusOverride("orders", "o1", InstanceStatus.OUT_OF_SERVICE, 3_000L, false);
        assertThat(registry.instance("orders", "o1").orElseThrow().lastDirtyTimestamp()).isEqualTo(5_000);

        registry.setStatusOverride("orders", "o1", InstanceStatus.DOWN, 9_000L, false);
        assertThat(registry.instance("orders", "o1").orElseThrow().lastDirtyTimestamp()).isEqualTo(9_000);
    }

    @Test
    void deletingAnOverrideLeavesTheInstanceUnknownUntilItsNextHeartbeatMakesItRegister() {
        registry.register(instance("orders", "o1").build(), false);
        registry.setStatusOverride("orders", "o1", InstanceStatus.OUT_OF_SERVICE, null, false);

        assertThat(registry.deleteStatusOverride("orders", "o1", InstanceStatus.UNKNOWN, null, false)).isTrue();
        InstanceInfo stored = registry.instance("orders", "o1").orElseThrow();
        assertThat(stored.status()).isEqualTo(InstanceStatus.UNKNOWN);
        assertThat(stored.overriddenStatus()).isEqualTo(InstanceStatus.UNKNOWN);
        assertThat(registry.renew("orders", "o1", false, null, null).outcome())
                .isEqualTo(RenewResult.Outcome.NOT_FOUND);

        registry.register(instance("orders", "o1").build(), false);
        assertThat(registry.instance("orders", "o1").orElseThrow().status()).isEqualTo(InstanceStatus.UP);
    }

    @Test
    void statusOperationsOnUnknownInstancesAreNotFound() {
        assertThat(registry.setStatusOverride("orders", "x", InstanceStatus.DOWN, null, false)).isFalse();
        assertThat(registry.deleteStatusOverride("orders", "x", InstanceStatus.UNKNOWN, null, false)).isFalse();
        assertThat(registry.mergeMetadata("orders", "x", java.util.Map.of("a", "b"))).isFalse();
    }

    @Test
    void aClientSuppliedOverrideIsAdoptedWhenNoneExists() {
        registry.register(instance("orders", "o1").overriddenStatus(InstanceStatus.OUT_OF_SERVICE).build(), false);

        assertThat(registry.instance("orders", "o1").orElseThrow().status())
                .isEqualTo(InstanceStatus.OUT_OF_SERVICE);
    }

    @Test
    void metadataIsMergedAndShowsAsAdded() {
        registry.register(instance("orders", "o1").metadata(java.util.Map.of("zone", "a")).build(), false);

        assertThat(registry.mergeMetadata("orders", "o1", java.util.Map.of("weight", "5"))).isTrue();
        InstanceInfo stored = registry.instance("orders", "o1").orElseThrow();
        assertThat(stored.metadata()).containsEntry("zone", "a").containsEntry("weight", "5");
        assertThat(stored.actionType()).isEqualTo(ActionType.ADDED);
    }

    @Test
    void theFullRegistryIsOrderedByAppAndHashedOverEveryInstance() {
        registry.register(instance("orders", "o1").build(), false);
        registry.register(instance("orders", "o2").status(InstanceStatus.DOWN).build(), false);
        registry.register(instance("gateway", "g1").build(), false);

        Registry.Snapshot s = registry.snapshot();
        assertThat(s.applications().applications()).extracting(Application::name).containsExactly("GATEWAY", "ORDERS");
        assertThat(s.applications().appsHashcode()).isEqualTo("DOWN_1_UP_2_");
        assertThat(s.applications().versionsDelta()).isEqualTo(1);
        assertThat(s.index()).isEqualTo(registry.index());
    }

    @Test
    void theDeltaHoldsEachChangedInstanceOnceWithItsLatestStateAndTheFullHash() {
        registry.register(instance("orders", "o1").build(), false);
        registry.register(instance("orders", "o2").build(), false);
        registry.setStatusOverride("orders", "o1", InstanceStatus.OUT_OF_SERVICE, null, false);
        registry.cancel("orders", "o2", false);

        Registry.Snapshot d = registry.delta();
        assertThat(d.applications().instances())
                .extracting(InstanceInfo::id, InstanceInfo::actionType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("o1", ActionType.MODIFIED),
                        org.assertj.core.groups.Tuple.tuple("o2", ActionType.DELETED));
        assertThat(d.applications().appsHashcode()).isEqualTo("OUT_OF_SERVICE_1_");
        assertThat(d.applications().versionsDelta()).isEqualTo(registry.index());
        InstanceInfo deleted = d.applications().instances().get(1);
        assertThat(deleted.leaseInfo().evictionTimestamp()).isEqualTo(clock.millis());
    }

    @Test
    void theDeltaForgetsChangesOlderThanTheRetentionTime() {
        registry.register(instance("orders", "o1").build(), false);
        clock.advance(Duration.ofMinutes(3).plusMillis(1));
        registry.register(instance("orders", "o2").build(), false);

        assertThat(registry.delta().applications().instances()).extracting(InstanceInfo::id).containsExactly("o2");
    }

    @Test
    void vipQueriesMatchOneEntryOfACommaSeparatedListExactly() {
        registry.register(instance("orders", "o1").vipAddress("orders,orders-v2").build(), false);
        registry.register(instance("gateway", "g1").vipAddress("Orders").build(), false);

        Registry.Snapshot s = registry.byVip("orders-v2", false);
        assertThat(s.applications().instances()).extracting(InstanceInfo::id).containsExactly("o1");
        assertThat(s.applications().versionsDelta()).isEqualTo(-1);
        assertThat(s.applications().appsHashcode()).isEqualTo("UP_1_");
        assertThat(registry.byVip("order", false).applications().applications()).isEmpty();
    }

    @Test
    void listenersSeeEveryChangeInIndexOrder() {
        java.util.List<Change> seen = new java.util.ArrayList<>();
        registry.addListener(seen::add);
        registry.register(instance("orders", "o1").build(), false);
        registry.setStatusOverride("orders", "o1", InstanceStatus.DOWN, null, false);
        registry.cancel("orders", "o1", false);

        assertThat(seen).extracting(Change::action)
                .containsExactly(ActionType.ADDED, ActionType.MODIFIED, ActionType.DELETED);
        assertThat(seen).extracting(Change::index).isSorted().doesNotHaveDuplicates();
    }
}
