package io.cairn.client.cache;

import static io.cairn.client.support.Samples.instance;
import static io.cairn.model.InstanceStatus.DOWN;
import static io.cairn.model.InstanceStatus.OUT_OF_SERVICE;
import static io.cairn.model.InstanceStatus.UP;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.client.support.FakeClock;
import io.cairn.model.ActionType;
import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.InstanceInfo;
import io.cairn.model.LeaseInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryCacheTest {
    private final FakeClock clock = new FakeClock();
    private final List<AppDiff> changes = new ArrayList<>();
    private final RegistryCache cache = new RegistryCache(clock, changes::addAll);

    private static Applications doc(long version, String hash, InstanceInfo... instances) {
        List<Application> apps = new ArrayList<>();
        for (InstanceInfo i : instances) {
            apps.add(new Application(i.app(), List.of(i)));
        }
        return new Applications(version, hash, apps);
    }

    private static Applications full(InstanceInfo... instances) {
        return doc(1, Applications.reconcileHashCode(List.of(instances)), instances);
    }

    private static InstanceInfo with(InstanceInfo i, ActionType a) {
        return i.toBuilder().actionType(a).build();
    }

    private final InstanceInfo a1 = instance("orders", "a1", UP);
    private final InstanceInfo a2 = instance("orders", "a2", UP);
    private final InstanceInfo b1 = instance("billing", "b1", UP);

    @Test
    void aFullFetchReplacesEverythingAndReportsEachApplication() {
        cache.replace(full(a2, a1, b1));
        RegistrySnapshot s = cache.snapshot();
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.app("Orders").all()).extracting(InstanceInfo::id).containsExactly("a1", "a2");
        assertThat(s.hash()).isEqualTo("UP_3_");
        assertThat(cache.source()).isEqualTo(RegistryCache.Source.SERVER);
        assertThat(cache.confirmedAt()).isEqualTo(clock.instant());
        assertThat(changes).extracting(AppDiff::app).containsExactlyInAnyOrder("ORDERS", "BILLING");
    }

    @Test
    void deltasAddModifyAndDeleteAndAgreeOnTheHash() {
        cache.replace(full(a1, a2, b1));
        changes.clear();
        InstanceInfo a2Down = a2.toBuilder().status(DOWN).build();
        InstanceInfo a3 = instance("orders", "a3", UP);
        boolean agrees = cache.applyDelta(doc(7, "DOWN_1_UP_2_",
                with(a2Down, ActionType.MODIFIED), with(a3, ActionType.ADDED), with(b1, ActionType.DELETED)));
        assertThat(agrees).isTrue();
        RegistrySnapshot s = cache.snapshot();
        assertThat(s.version()).isEqualTo(7);
        assertThat(s.app("ORDERS").all()).extracting(InstanceInfo::id).containsExactly("a1", "a2", "a3");
        assertThat(s.app("ORDERS").up()).extracting(InstanceInfo::id).containsExactly("a1", "a3");
        assertThat(s.app("BILLING")).isNull();
        assertThat(s.appNames()).containsExactly("ORDERS");
        assertThat(changes).hasSize(2);
        AppDiff orders = changes.stream().filter(d -> d.app().equals("ORDERS")).findFirst().orElseThrow();
        assertThat(orders.before()).hasSize(2);
        assertThat(orders.after()).hasSize(3);
    }

    @Test
    void aDeltaThatWouldLeaveTheCacheOutOfStepIsNeitherKeptNorShownToListeners() {
        cache.replace(full(a1));
        changes.clear();
        RegistrySnapshot before = cache.snapshot();
        // The delta adds a2, but the server's hash says three instances are UP: something was missed.
        assertThat(cache.applyDelta(doc(2, "UP_3_", with(a2, ActionType.ADDED)))).isFalse();
        assertThat(cache.snapshot()).isSameAs(before);
        assertThat(changes).isEmpty();
    }

    @Test
    void aDeltaThatLeavesTheCacheOutOfStepSaysSo() {
        cache.replace(full(a1, a2));
        // The server lost a change: it has 3 UP, we only learn of none.
        assertThat(cache.applyDelta(doc(2, "UP_3_"))).isFalse();
        // The caller then fetches everything and replaces.
        cache.replace(full(a1, a2, b1));
        assertThat(cache.snapshot().hash()).isEqualTo("UP_3_");
    }

    @Test
    void anUnchangedDeltaKeepsTheSnapshotAndReportsNothing() {
        cache.replace(full(a1));
        changes.clear();
        RegistrySnapshot before = cache.snapshot();
        clock.advance(Duration.ofSeconds(30));
        assertThat(cache.applyDelta(doc(1, "UP_1_"))).isTrue();
        assertThat(cache.snapshot().app("ORDERS")).isSameAs(before.app("ORDERS"));
        assertThat(cache.confirmedAt()).isEqualTo(clock.instant());
        assertThat(changes).isEmpty();
    }

    @Test
    void untouchedApplicationsAreSharedBetweenSnapshots() {
        cache.replace(full(a1, b1));
        AppInstances billing = cache.snapshot().app("BILLING");
        cache.applyDelta(doc(2, "UP_2_", with(a1.toBuilder().port(9090).build(), ActionType.MODIFIED)));
        assertThat(cache.snapshot().app("BILLING")).isSameAs(billing);
        assertThat(cache.snapshot().app("ORDERS").all().get(0).port()).isEqualTo(9090);
    }

    @Test
    void leaseBookkeepingIsNotAChange() {
        cache.replace(full(a1));
        changes.clear();
        InstanceInfo renewed = a1.toBuilder().leaseInfo(new LeaseInfo(30, 90, 1, 99_999, 0, 1))
                .lastUpdatedTimestamp(99_999).actionType(ActionType.ADDED).build();
        cache.replace(full(renewed));
        assertThat(changes).isEmpty();
        cache.replace(full(renewed.toBuilder().status(OUT_OF_SERVICE).build()));
        assertThat(changes).hasSize(1);
    }

    @Test
    void watchEventsAreTheSameKindOfChange() {
        cache.replace(full(a1));
        cache.apply(List.of(new InstanceChange(ActionType.ADDED, a2),
                new InstanceChange(ActionType.MODIFIED, a1.toBuilder().status(DOWN).build())));
        assertThat(cache.snapshot().app("orders").up()).extracting(InstanceInfo::id).containsExactly("a2");
        cache.apply(List.of(new InstanceChange(ActionType.DELETED, a2), new InstanceChange(ActionType.DELETED, a1)));
        assertThat(cache.snapshot().size()).isZero();
        assertThat(cache.snapshot().hash()).isEmpty();
    }

    @Test
    void aFileIsOnlyLoadedBeforeAnyServerAnswered() {
        assertThat(cache.loadFromFile(full(a1))).isTrue();
        assertThat(cache.source()).isEqualTo(RegistryCache.Source.FILE);
        assertThat(cache.confirmedAt()).isNull();
        cache.replace(full(a2));
        assertThat(cache.loadFromFile(full(a1))).isFalse();
        assertThat(cache.snapshot().app("orders").all()).extracting(InstanceInfo::id).containsExactly("a2");
    }

    @Test
    void vipLookupsIgnoreCaseSplitListsAndKeepOnlyUpInstances() {
        InstanceInfo multi = a1.toBuilder().vipAddress("orders, Orders-V2").build();
        InstanceInfo down = a2.toBuilder().status(DOWN).build();
        cache.replace(full(multi, down, b1));
        RegistrySnapshot s = cache.snapshot();
        assertThat(s.byVip("ORDERS")).containsExactly(multi);
        assertThat(s.byVip("orders-v2")).containsExactly(multi);
        assertThat(s.byVip("nothing")).isEmpty();
        assertThat(s.bySecureVip("billing")).containsExactly(b1);
    }

    @Test
    void aSnapshotBecomesADocumentWithItsHash() {
        cache.replace(full(a1, a2.toBuilder().status(DOWN).build(), b1));
        Applications d = cache.snapshot().toApplications();
        assertThat(d.appsHashcode()).isEqualTo("DOWN_1_UP_2_");
        assertThat(d.applications()).extracting(Application::name).containsExactly("BILLING", "ORDERS");
        assertThat(RegistrySnapshot.of(d).hash()).isEqualTo("DOWN_1_UP_2_");
    }
}
