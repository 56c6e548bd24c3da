package io.cairn.model.codec;

import io.cairn.model.ActionType;
import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.DataCenterInfo;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.model.LeaseInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sample registry data covering every field, every status and both data center kinds. */
final class Samples {

    private Samples() {
    }

    /** What a Spring Cloud app looks like once registered (the ord-1 instance of the spec's §3.12 sample). */
    static InstanceInfo spring() {
        return InstanceInfo.builder()
                .instanceId("ord-1.internal:order-service:8080")
                .hostName("ord-1.internal")
                .app("ORDER-SERVICE")
                .ipAddr("10.20.0.11")
                .status(InstanceStatus.UP)
                .port(8080)
                .securePort(443)
                .dataCenterInfo(DataCenterInfo.MY_OWN)
                .leaseInfo(new LeaseInfo(30, 90, 1712000031000L, 1712000181000L, 0, 1712000031000L))
                .metadata(ordered("management.port", "8080", "zone", "zone-a"))
                .homePageUrl("http://ord-1.internal:8080/")
                .statusPageUrl("http://ord-1.internal:8080/actuator/info")
                .healthCheckUrl("http://ord-1.internal:8080/actuator/health")
                .vipAddress("order-service")
                .secureVipAddress("order-service")
                .lastUpdatedTimestamp(1712000031000L)
                .lastDirtyTimestamp(1712000000200L)
                .actionType(ActionType.ADDED)
                .build();
    }

    /** An AWS instance with every optional field set, an override, and metadata that needs escaping. */
    static InstanceInfo amazon() {
        Map<String, String> aws = ordered(
                "availability-zone", "us-east-1a",
                "instance-id", "i-0abc123",
                "public-hostname", "ec2-1-2-3-4.compute.amazonaws.com",
                "ami-id", "ami-42",
                "local-ipv4", "10.1.2.3",
                "public-ipv4", "1.2.3.4",
                "mac", "0e:ab:cd");
        return InstanceInfo.builder()
                .hostName("ip-10-1-2-3.ec2.internal")
                .app("BILLING")
                .ipAddr("10.1.2.3")
                .sid("sid-7")
                .status(InstanceStatus.OUT_OF_SERVICE)
                .overriddenStatus(InstanceStatus.OUT_OF_SERVICE)
                .port(8081)
                .portEnabled(true)
                .securePort(8443)
                .securePortEnabled(true)
                .countryId(2)
                .dataCenterInfo(new DataCenterInfo("Amazon", aws))
                .leaseInfo(new LeaseInfo(10, 40, 1712000000000L, 1712000400000L, 1712000500000L, 1712000001000L))
                .metadata(ordered(
                        "management.port", "8081",
                        "a_b$c", "x<y&\"z'",
                        "my key", "tab\tnl\ncr\rend é 😀",
                        "1st", "]]> \\ /",
                        "quo\"te/slash", "v",
                        "jmx.port", "9010"))
                .appGroupName("PAYMENTS")
                .homePageUrl("https://billing/")
                .statusPageUrl("https://billing/info")
                .healthCheckUrl("http://billing/health")
                .secureHealthCheckUrl("https://billing/health")
                .vipAddress("billing,billing-v2")
                .secureVipAddress("billing-secure")
                .coordinatingDiscoveryServer(true)
                .lastUpdatedTimestamp(1712000400000L)
                .lastDirtyTimestamp(1712000399000L)
                .actionType(ActionType.MODIFIED)
                .asgName("billing-v042")
                .build();
    }

    /** The least a document can say: no lease, no metadata, no URLs, no action, no instanceId. */
    static InstanceInfo minimal() {
        return InstanceInfo.builder()
                .hostName("tiny.internal")
                .app("TINY")
                .ipAddr("10.9.9.9")
                .status(InstanceStatus.STARTING)
                .dataCenterInfo(new DataCenterInfo("Netflix", Map.of()))
                .lastUpdatedTimestamp(5)
                .lastDirtyTimestamp(6)
                .build();
    }

    /** A cancelled instance as a delta carries it, in status UNKNOWN with an override of UP and odd ports. */
    static InstanceInfo deleted() {
        return InstanceInfo.builder()
                .instanceId("gone-1")
                .hostName("gone.internal")
                .app("TINY")
                .ipAddr("10.9.9.10")
                .status(InstanceStatus.UNKNOWN)
                .overriddenStatus(InstanceStatus.UP)
                .port(1)
                .portEnabled(false)
                .securePort(65535)
                .securePortEnabled(true)
                .dataCenterInfo(DataCenterInfo.MY_OWN)
                .leaseInfo(new LeaseInfo(30, 90, 1, 2, 3, 4))
                .metadata(ordered("instanceId", "gone-1"))
                .vipAddress("tiny")
                .lastUpdatedTimestamp(1712000320000L)
                .lastDirtyTimestamp(1712000000300L)
                .actionType(ActionType.DELETED)
                .build();
    }

    static InstanceInfo down() {
        return spring().toBuilder()
                .instanceId("ord-2.internal:order-service:8080")
                .hostName("ord-2.internal")
                .ipAddr("10.20.0.12")
                .status(InstanceStatus.DOWN)
                .metadata(ordered("management.port", "8080", "zone", "zone-b"))
                .actionType(ActionType.MODIFIED)
                .build();
    }

    static List<InstanceInfo> instances() {
        return List.of(spring(), amazon(), minimal(), deleted(), down());
    }

    /** Three applications holding all five statuses. */
    static Applications registry() {
        List<Application> apps = List.of(
                new Application("ORDER-SERVICE", List.of(spring(), down())),
                new Application("BILLING", List.of(amazon())),
                new Application("TINY", List.of(minimal(), deleted())));
        List<InstanceInfo> all = apps.stream().flatMap(a -> a.instances().stream()).toList();
        return new Applications(42, Applications.reconcileHashCode(all), apps);
    }

    static Map<String, String> ordered(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
