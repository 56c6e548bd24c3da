package io.cairn.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.InstanceInfo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mini form served for {@code X-Eureka-Accept: compact} (§3.10), checked against Netflix's JacksonJsonMini. */
class CompactJsonTest {

    private final EurekaJsonCodec codec = new EurekaJsonCodec(() -> 0);

    @Test
    void compactInstanceHasOnlyTheMiniFieldsInBeanOrder() {
        Applications one = new Applications(1, "UP_1_", List.of(new Application("ORDER-SERVICE",
                List.of(Samples.spring()))));

        assertThat(utf8(codec.writeApplications(one, true))).isEqualTo("{\"applications\":{\"application\":[{"
                + "\"name\":\"ORDER-SERVICE\",\"instance\":[{\"instanceId\":\"ord-1.internal:order-service:8080\","
                + "\"app\":\"ORDER-SERVICE\",\"ipAddr\":\"10.20.0.11\",\"vipAddress\":\"order-service\","
                + "\"secureVipAddress\":\"order-service\",\"dataCenterInfo\":{\"@class\":"
                + "\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\",\"name\":\"MyOwn\"},"
                + "\"hostName\":\"ord-1.internal\",\"status\":\"UP\",\"lastUpdatedTimestamp\":1712000031000,"
                + "\"actionType\":\"ADDED\",\"port\":{\"$\":8080,\"@enabled\":\"true\"},"
                + "\"securePort\":{\"$\":443,\"@enabled\":\"false\"}}]}],"
                + "\"versions__delta\":\"1\",\"apps__hashcode\":\"UP_1_\"}}");
    }

    @Test
    void amazonMetadataIsCutToTheFiveZoneAndAddressKeysInMapOrder() {
        Applications one = new Applications(1, "OUT_OF_SERVICE_1_",
                List.of(new Application("BILLING", List.of(Samples.amazon()))));

        String compact = utf8(codec.writeApplications(one, true));

        assertThat(compact).contains("\"metadata\":{\"availability-zone\":\"us-east-1a\",\"instance-id\":\"i-0abc123\","
                + "\"public-hostname\":\"ec2-1-2-3-4.compute.amazonaws.com\",\"local-ipv4\":\"10.1.2.3\","
                + "\"public-ipv4\":\"1.2.3.4\"}}");
        assertThat(compact).doesNotContain("ami-id", "mac", "management.port", "leaseInfo", "overriddenStatus");
        assertThat(compact).isEqualTo(utf8(Netflix.encode(Netflix.MINI_JSON, Netflix.toNetflix(one))));
    }

    @Test
    void nullFieldsAreLeftOutLikeTheMiniCodec() {
        InstanceInfo bare = InstanceInfo.builder().instanceId("b-1").app("BARE").lastUpdatedTimestamp(3).build();
        Applications one = new Applications(1, "UP_1_", List.of(new Application("BARE", List.of(bare))));

        assertThat(utf8(codec.writeApplications(one, true)))
                .isEqualTo(utf8(Netflix.encode(Netflix.MINI_JSON, Netflix.toNetflix(one))))
                .contains("\"instance\":[{\"instanceId\":\"b-1\",\"app\":\"BARE\",\"status\":\"UP\",\"lastUpdatedTimestamp\":3,\"port\"");
    }

    @Test
    void emptyRegistryPutsTheListFirst() {
        Applications empty = new Applications(1, "", List.of());

        assertThat(utf8(codec.writeApplications(empty, true)))
                .isEqualTo("{\"applications\":{\"application\":[],\"versions__delta\":\"1\",\"apps__hashcode\":\"\"}}")
                .isEqualTo(utf8(Netflix.encode(Netflix.MINI_JSON, Netflix.toNetflix(empty))));
    }

    @Test
    void streamingTheCompactFormGivesTheSameBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        codec.writeApplications(Samples.registry(), true, out);

        assertThat(out.toByteArray()).isEqualTo(codec.writeApplications(Samples.registry(), true));
    }

    @Test
    void legacyReaderReadsTheCompactForm() {
        Applications registry = Samples.registry();

        com.netflix.discovery.shared.Applications decoded = Netflix.decode(Netflix.JSON,
                codec.writeApplications(registry, true), com.netflix.discovery.shared.Applications.class);

        assertThat(decoded.getReconcileHashCode()).isEqualTo(registry.appsHashcode());
        assertThat(decoded.getRegisteredApplications("BILLING").getInstances().get(0).getId()).isEqualTo("i-0abc123");
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
