package io.cairn.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cairn.model.ActionType;
import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.DataCenterInfo;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.model.LeaseInfo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The spec's samples (§3.11–§3.15), compacted, as golden files: Cairn must read them and write them back byte for
 * byte, and the real codecs must agree with what they say.
 */
class GoldenFilesTest {

    private final EurekaJsonCodec json = new EurekaJsonCodec(() -> -1);
    private final EurekaXmlCodec xml = new EurekaXmlCodec(() -> -1);

    @Test
    void fullRegistryRoundTripsByteForByte() {
        byte[] golden = golden("apps-full.json");

        Applications apps = json.readApplications(golden);

        assertThat(utf8(json.writeApplications(apps, false))).isEqualTo(utf8(golden));
    }

    @Test
    void fullRegistryDecodesToTheDocumentedValues() {
        Applications apps = json.readApplications(golden("apps-full.json"));

        assertThat(apps.versionsDelta()).isEqualTo(1);
        assertThat(apps.appsHashcode()).isEqualTo("DOWN_1_UP_2_").isEqualTo(Applications.reconcileHashCode(apps.instances()));
        assertThat(apps.applications()).extracting(Application::name).containsExactly("ORDER-SERVICE", "GATEWAY");
        InstanceInfo ord2 = apps.applications().get(0).instances().get(1);
        assertThat(ord2.status()).isEqualTo(InstanceStatus.DOWN);
        assertThat(ord2.leaseInfo()).isEqualTo(new LeaseInfo(30, 90, 1712000100000L, 1712000250000L, 0, 0));
        assertThat(ord2.metadata()).isEqualTo(Map.of("management.port", "8080", "zone", "zone-b"));
        InstanceInfo gw1 = apps.applications().get(1).instances().get(0);
        assertThat(gw1.metadata()).isEmpty();
        assertThat(gw1.dataCenterInfo()).isEqualTo(DataCenterInfo.MY_OWN);
        assertThat(gw1.lastDirtyTimestamp()).isEqualTo(1712000000100L);
    }

    @Test
    void fullRegistryIsReadTheSameByTheLegacyCodec() {
        byte[] golden = golden("apps-full.json");

        com.netflix.discovery.shared.Applications netflix =
                Netflix.decode(Netflix.JSON, golden, com.netflix.discovery.shared.Applications.class);

        Netflix.assertEquivalent(netflix, json.readApplications(golden));
        assertThat(netflix.getReconcileHashCode()).isEqualTo("DOWN_1_UP_2_");
    }

    @Test
    void deltaRoundTripsByteForByte() {
        byte[] golden = golden("apps-delta.json");

        Applications delta = json.readApplications(golden);

        assertThat(utf8(json.writeApplications(delta, false))).isEqualTo(utf8(golden));
        assertThat(delta.versionsDelta()).isEqualTo(137);
        assertThat(delta.appsHashcode()).isEqualTo("OUT_OF_SERVICE_1_UP_3_");
        InstanceInfo ord3 = delta.applications().get(0).instances().get(1);
        assertThat(ord3.actionType()).isEqualTo(ActionType.DELETED);
        assertThat(ord3.leaseInfo().evictionTimestamp()).isEqualTo(1712000320000L);
    }

    @Test
    void deltaIsReadTheSameByTheLegacyCodec() {
        byte[] golden = golden("apps-delta.json");

        Netflix.assertEquivalent(Netflix.decode(Netflix.JSON, golden, com.netflix.discovery.shared.Applications.class),
                json.readApplications(golden));
    }

    @Test
    void xmlRegistryRoundTripsByteForByte() {
        byte[] golden = golden("apps-full.xml");

        Applications apps = xml.readApplications(golden);

        assertThat(utf8(xml.writeApplications(apps, false))).isEqualTo(utf8(golden));
    }

    /** The golden XML is genuine XStream layout: XStream itself writes it back unchanged. */
    @Test
    void xmlRegistryIsXStreamsOwnLayout() {
        byte[] golden = golden("apps-full.xml");

        com.netflix.discovery.shared.Applications netflix =
                Netflix.decode(Netflix.XML, golden, com.netflix.discovery.shared.Applications.class);

        assertThat(utf8(Netflix.encode(Netflix.XML, netflix))).isEqualTo(utf8(golden));
        Netflix.assertEquivalent(netflix, xml.readApplications(golden));
    }

    /** The spec's XML sample (§3.15) is the gateway of §3.12 without its three URLs. */
    @Test
    void xmlAndJsonSamplesDescribeTheSameGateway() {
        InstanceInfo fromXml = xml.readApplications(golden("apps-full.xml")).applications().get(0).instances().get(0);
        InstanceInfo fromJson = json.readApplications(golden("apps-full.json")).applications().get(1).instances().get(0);

        assertThat(fromXml).isEqualTo(fromJson.toBuilder().homePageUrl(null).statusPageUrl(null).healthCheckUrl(null)
                .build());
    }

    /** §3.14: nulls written out, numbers and booleans native, sid present, field order of a Jackson bean. */
    @Test
    void springRegisterBodyDecodes() {
        InstanceInfo i = json.readInstance(golden("register-spring.json"));

        assertThat(i.instanceId()).isEqualTo("ord-1.internal:order-service:8080");
        assertThat(i.app()).isEqualTo("ORDER-SERVICE");
        assertThat(i.appGroupName()).isNull();
        assertThat(i.sid()).isEqualTo("na");
        assertThat(i.secureHealthCheckUrl()).isNull();
        assertThat(i.actionType()).isNull();
        assertThat(i.asgName()).isNull();
        assertThat(i.port()).isEqualTo(8080);
        assertThat(i.portEnabled()).isTrue();
        assertThat(i.securePort()).isEqualTo(443);
        assertThat(i.securePortEnabled()).isFalse();
        assertThat(i.coordinatingDiscoveryServer()).isFalse();
        assertThat(i.lastUpdatedTimestamp()).isEqualTo(1712000000200L);
        assertThat(i.lastDirtyTimestamp()).isEqualTo(1712000000200L);
        assertThat(i.leaseInfo()).isEqualTo(LeaseInfo.DEFAULT);
        assertThat(i.metadata()).isEqualTo(Map.of("management.port", "8080"));
        assertThat(i.dataCenterInfo()).isEqualTo(DataCenterInfo.MY_OWN);
    }

    /** Re-encoded, a Spring body comes out in the legacy shape, exactly as a Netflix server would store it. */
    @Test
    void springRegisterBodyReEncodesLikeTheLegacyCodec() {
        byte[] spring = golden("register-spring.json");
        com.netflix.appinfo.InstanceInfo netflix =
                Netflix.decode(Netflix.JSON, spring, com.netflix.appinfo.InstanceInfo.class);

        assertThat(utf8(json.writeInstance(json.readInstance(spring))))
                .isEqualTo(utf8(Netflix.encode(Netflix.JSON, netflix)));
    }

    /** §3.11: an instance inside a replication document has no wrapper and is read and written as a bare body. */
    @Test
    void replicationDocumentCarriesABareInstanceBody() throws IOException {
        byte[] golden = golden("replication-batch.json");
        InstanceInfo instance;
        try (JsonParser p = json.factory().createParser(golden)) {
            while (p.nextToken() != JsonToken.FIELD_NAME || !"instanceInfo".equals(p.currentName())) {
                assertThat(p.currentToken()).isNotNull();
            }
            p.nextToken();
            instance = json.readInstanceBody(p);
            assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(p.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
            assertThat(p.currentName()).isEqualTo("action");
        }
        assertThat(instance.id()).isEqualTo("gw-1.internal:gateway:8080");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = json.factory().createGenerator(out)) {
            json.writeInstanceBody(g, instance);
        }
        assertThat(utf8(golden)).contains("\"instanceInfo\":" + out.toString(StandardCharsets.UTF_8) + ",\"action\"");
    }

    static byte[] golden(String name) {
        try (InputStream in = GoldenFilesTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
