package io.cairn.client.balance;

import static io.cairn.client.support.Samples.inZone;
import static io.cairn.client.support.Samples.instance;
import static io.cairn.client.support.Samples.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.model.DataCenterInfo;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ZoneAwareRoundRobinTest {

    private static Map<String, Integer> spread(InstanceChooser c, List<InstanceInfo> instances, int calls) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < calls; i++) {
            counts.merge(c.choose("app:X", instances).orElseThrow().id(), 1, Integer::sum);
        }
        return counts;
    }

    private static List<String> sequence(InstanceChooser c, List<InstanceInfo> instances, int calls) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            out.add(c.choose("app:X", instances).orElseThrow().id());
        }
        return out;
    }

    @Test
    void roundRobinVisitsEveryUpInstanceInTurn() {
        List<InstanceInfo> l = List.of(instance("x", "a", InstanceStatus.UP), instance("x", "b", InstanceStatus.UP),
                instance("x", "c", InstanceStatus.UP));
        ZoneAwareRoundRobin rr = new ZoneAwareRoundRobin(null, new Random(3));
        List<String> seq = sequence(rr, l, 9);
        assertThat(seq.subList(0, 3)).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(seq.subList(3, 6)).isEqualTo(seq.subList(0, 3));
        assertThat(spread(rr, l, 300)).containsExactly(Map.entry("a", 100), Map.entry("b", 100), Map.entry("c", 100));
    }

    @Test
    void neverDownOutOfServiceStartingOrUnknown() {
        List<InstanceInfo> l = List.of(instance("x", "up", InstanceStatus.UP),
                instance("x", "down", InstanceStatus.DOWN), instance("x", "oos", InstanceStatus.OUT_OF_SERVICE),
                instance("x", "starting", InstanceStatus.STARTING), instance("x", "unknown", InstanceStatus.UNKNOWN));
        assertThat(spread(new ZoneAwareRoundRobin(null, new Random(1)), l, 50)).containsOnlyKeys("up");
        assertThat(new ZoneAwareRoundRobin(null, new Random(1)).choose("k", l.subList(1, 5))).isEmpty();
        assertThat(new ZoneAwareRoundRobin(null, new Random(1)).choose("k", List.of())).isEmpty();
    }

    @Test
    void theOwnZoneIsPreferredWhileItHasAnUpInstance() {
        InstanceInfo a1 = inZone("x", "a1", "zone-a");
        InstanceInfo a2 = inZone("x", "a2", "ZONE-A");
        InstanceInfo b1 = inZone("x", "b1", "zone-b");
        ZoneAwareRoundRobin rr = new ZoneAwareRoundRobin("zone-a", new Random(1));
        assertThat(spread(rr, List.of(a1, a2, b1), 100)).containsOnlyKeys("a1", "a2");
        InstanceInfo a1Down = a1.toBuilder().status(InstanceStatus.DOWN).build();
        InstanceInfo a2Oos = a2.toBuilder().status(InstanceStatus.OUT_OF_SERVICE).build();
        assertThat(spread(rr, List.of(a1Down, a2Oos, b1), 10)).containsOnlyKeys("b1");
    }

    @Test
    void awsAvailabilityZoneCountsAsZone() {
        InstanceInfo aws = instance("x", "i-1", InstanceStatus.UP).toBuilder()
                .dataCenterInfo(new DataCenterInfo("Amazon", Map.of("availability-zone", "us-east-1c",
                        "instance-id", "i-1")))
                .build();
        assertThat(Zones.zoneOf(aws)).isEqualTo("us-east-1c");
        assertThat(Zones.zoneOf(inZone("x", "y", "z9"))).isEqualTo("z9");
        assertThat(Zones.zoneOf(instance("x", "y", InstanceStatus.UP))).isNull();
        ZoneAwareRoundRobin rr = new ZoneAwareRoundRobin("us-east-1c", new Random(1));
        assertThat(spread(rr, List.of(aws, inZone("x", "other", "us-east-1a")), 10)).containsOnlyKeys("i-1");
    }

    @Test
    void weightsShareCallsInProportionAndInterleaved() {
        List<InstanceInfo> l = List.of(weighted("x", "heavy", 3), weighted("x", "light", 1));
        ZoneAwareRoundRobin rr = new ZoneAwareRoundRobin(null, new Random(1));
        List<String> seq = sequence(rr, l, 8);
        assertThat(seq).containsExactly("heavy", "heavy", "light", "heavy", "heavy", "heavy", "light", "heavy");
        assertThat(spread(rr, l, 400)).containsExactly(Map.entry("heavy", 300), Map.entry("light", 100));
    }

    @Test
    void weightZeroDrainsAnInstanceUnlessNothingElseIsLeft() {
        InstanceInfo drained = weighted("x", "drained", 0);
        InstanceInfo normal = instance("x", "normal", InstanceStatus.UP);
        ZoneAwareRoundRobin rr = new ZoneAwareRoundRobin(null, new Random(1));
        assertThat(spread(rr, List.of(drained, normal), 20)).containsOnlyKeys("normal");
        assertThat(spread(rr, List.of(drained), 3)).containsOnlyKeys("drained");
        assertThat(Zones.weightOf(instance("x", "y", InstanceStatus.UP, Map.of("weight", "lots")))).isEqualTo(1);
        assertThat(Zones.weightOf(weighted("x", "y", 5000))).isEqualTo(1000);
    }

    @Test
    void clientsStartTheirRotationAtDifferentInstances() {
        List<InstanceInfo> l = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            l.add(instance("x", "i" + i, InstanceStatus.UP));
        }
        java.util.Set<String> firsts = new java.util.HashSet<>();
        for (int seed = 0; seed < 40; seed++) {
            firsts.add(new ZoneAwareRoundRobin(null, new Random(seed)).choose("app:X", l).orElseThrow().id());
        }
        assertThat(firsts.size()).isGreaterThan(5);
    }
}
