package io.cairn.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.thoughtworks.xstream.io.xml.XmlFriendlyNameCoder;
import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.InstanceInfo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cairn's JSON against the real Netflix codecs: the legacy writer is deterministic given the map iteration order
 * (the bridge hands it insertion-ordered maps), so the bytes must be identical, and each side must read the other.
 */
class NetflixJsonCompatibilityTest {

    private final EurekaJsonCodec codec = new EurekaJsonCodec(() -> -1);

    static Stream<Arguments> instances() {
        return Samples.instances().stream().map(i -> Arguments.of(i.app() + "/" + i.id(), i));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instances")
    void instanceBytesAreIdenticalToTheLegacyWriter(String name, InstanceInfo instance) {
        byte[] netflix = Netflix.encode(Netflix.JSON, Netflix.toNetflix(instance));

        assertThat(utf8(codec.writeInstance(instance))).isEqualTo(utf8(netflix));
    }

    @Test
    void registryBytesAreIdenticalToTheLegacyWriter() {
        Applications registry = Samples.registry();
        byte[] netflix = Netflix.encode(Netflix.JSON, Netflix.toNetflix(registry));

        assertThat(utf8(codec.writeApplications(registry, false))).isEqualTo(utf8(netflix));
    }

    @Test
    void applicationBytesAreIdenticalToTheLegacyWriter() {
        Application app = Samples.registry().applications().get(0);
        byte[] netflix = Netflix.encode(Netflix.JSON, Netflix.toNetflix(app));

        assertThat(utf8(codec.writeApplication(app))).isEqualTo(utf8(netflix));
    }

    @Test
    void emptyRegistryBytesAreIdenticalToTheLegacyWriter() {
        Applications empty = new Applications(1, "", List.of());
        byte[] netflix = Netflix.encode(Netflix.JSON, Netflix.toNetflix(empty));

        assertThat(utf8(codec.writeApplications(empty, false)))
                .isEqualTo(utf8(netflix))
                .isEqualTo("{\"applications\":{\"versions__delta\":\"1\",\"apps__hashcode\":\"\",\"application\":[]}}");
    }

    @Test
    void applicationWithoutInstancesIsAnEmptyArrayLikeTheLegacyWriter() {
        Application empty = new Application("EMPTY", List.of());

        assertThat(utf8(codec.writeApplication(empty)))
                .isEqualTo(utf8(Netflix.encode(Netflix.JSON, Netflix.toNetflix(empty))))
                .isEqualTo("{\"application\":{\"name\":\"EMPTY\",\"instance\":[]}}");
    }

    /** The legacy writer emits hostName, app and ipAddr as JSON null rather than leaving them out. */
    @Test
    void nullHostNameAndIpAreWrittenAsNullLikeTheLegacyWriter() {
        InstanceInfo noHost = Samples.minimal().toBuilder().hostName(null).ipAddr(null).dataCenterInfo(null).build();
        byte[] netflix = Netflix.encode(Netflix.JSON, Netflix.toNetflix(noHost));

        assertThat(utf8(codec.writeInstance(noHost)))
                .isEqualTo(utf8(netflix))
                .contains("\"hostName\":null,\"app\":\"TINY\",\"ipAddr\":null,")
                .doesNotContain("dataCenterInfo");
    }

    @Test
    void compactRegistryBytesAreIdenticalToTheMiniCodec() {
        Applications registry = Samples.registry();
        byte[] netflix = Netflix.encode(Netflix.MINI_JSON, Netflix.toNetflix(registry));

        assertThat(utf8(codec.writeApplications(registry, true))).isEqualTo(utf8(netflix));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instances")
    void legacyReaderDecodesCairnInstances(String name, InstanceInfo instance) {
        com.netflix.appinfo.InstanceInfo decoded =
                Netflix.decode(Netflix.JSON, codec.writeInstance(instance), com.netflix.appinfo.InstanceInfo.class);

        Netflix.assertEquivalent(decoded, instance);
    }

    @Test
    void legacyReaderDecodesCairnRegistryAndAgreesOnTheHash() {
        Applications registry = Samples.registry();
        com.netflix.discovery.shared.Applications decoded = Netflix.decode(Netflix.JSON,
                codec.writeApplications(registry, false), com.netflix.discovery.shared.Applications.class);

        Netflix.assertEquivalent(decoded, registry);
        assertThat(decoded.getReconcileHashCode())
                .isEqualTo(registry.appsHashcode())
                .isEqualTo("DOWN_1_OUT_OF_SERVICE_1_STARTING_1_UNKNOWN_1_UP_1_");
    }

    @Test
    void reconcileHashCodeMatchesNetflixForTheSameInstances() {
        Applications registry = Samples.registry();

        assertThat(Applications.reconcileHashCode(registry.instances()))
                .isEqualTo(Netflix.toNetflix(registry).getReconcileHashCode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instances")
    void cairnDecodesLegacyInstances(String name, InstanceInfo instance) {
        byte[] netflix = Netflix.encode(Netflix.JSON, Netflix.toNetflix(instance));

        assertThat(codec.readInstance(netflix)).isEqualTo(instance);
    }

    @Test
    void cairnDecodesLegacyRegistry() {
        Applications registry = Samples.registry();
        byte[] netflix = Netflix.encode(Netflix.JSON, Netflix.toNetflix(registry));

        assertThat(codec.readApplications(netflix)).isEqualTo(registry);
    }

    @Test
    void cairnDecodesLegacyApplication() {
        Application app = Samples.registry().applications().get(2);
        byte[] netflix = Netflix.encode(Netflix.JSON, Netflix.toNetflix(app));

        assertThat(codec.readApplication(netflix)).isEqualTo(app);
    }

    /**
     * XStream's JSON (Jettison) writes one-element lists as single objects, overriddenstatus in lower case, ports as
     * {"@enabled":true,"$":"8080"}, numbers and booleans natively, even numeric-looking metadata values as numbers.
     * Its element-name coding also applies to metadata keys ("a_b$c" becomes "a__b_-c", "my key" "my_.0020key"), which
     * the legacy Jackson reader does not undo either: a JSON key may legitimately contain "__".
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("instances")
    void cairnDecodesXStreamJsonInstances(String name, InstanceInfo instance) {
        byte[] xstream = Netflix.encode(Netflix.XSTREAM_JSON, Netflix.toNetflix(instance));

        InstanceInfo decoded = codec.readInstance(xstream);

        assertThat(decoded.toBuilder().metadata(instance.metadata()).build()).isEqualTo(instance);
        XmlFriendlyNameCoder xstreamNames = new XmlFriendlyNameCoder("_-", "__");
        assertThat(decoded.metadata().keySet()).containsExactlyElementsOf(instance.metadata().keySet().stream()
                .map(xstreamNames::encodeNode).toList());
        assertThat(decoded.metadata().values()).containsExactlyElementsOf(instance.metadata().values());
    }

    @Test
    void cairnDecodesXStreamJsonRegistryWithSingleObjects() {
        Applications registry = new Applications(3, "UP_1_",
                List.of(new Application("ORDER-SERVICE", List.of(Samples.spring()))));
        byte[] xstream = Netflix.encode(Netflix.XSTREAM_JSON, Netflix.toNetflix(registry));

        assertThat(utf8(xstream)).contains("\"application\":{\"name\"").contains("\"instance\":{\"instanceId\"");
        assertThat(codec.readApplications(xstream)).isEqualTo(registry);
    }

    @Test
    void cairnDecodesAnEmptyXStreamJsonRegistryWithoutApplicationKey() {
        byte[] xstream = Netflix.encode(Netflix.XSTREAM_JSON, Netflix.toNetflix(new Applications(1, "", List.of())));

        assertThat(utf8(xstream)).doesNotContain("application\"");
        assertThat(codec.readApplications(xstream)).isEqualTo(new Applications(1, "", List.of()));
    }

    /** The mini form lacks most fields; Cairn reads it with the legacy defaults for the rest. */
    @Test
    void cairnDecodesTheMiniCodecsOutput() {
        Applications registry = Samples.registry();
        byte[] mini = Netflix.encode(Netflix.MINI_JSON, Netflix.toNetflix(registry));

        Applications decoded = codec.readApplications(mini);

        assertThat(decoded.versionsDelta()).isEqualTo(42);
        assertThat(decoded.appsHashcode()).isEqualTo(registry.appsHashcode());
        InstanceInfo aws = decoded.applications().get(1).instances().get(0);
        InstanceInfo original = Samples.amazon();
        assertThat(aws.id()).isEqualTo("i-0abc123");
        assertThat(aws.status()).isEqualTo(original.status());
        assertThat(aws.port()).isEqualTo(original.port());
        assertThat(aws.securePortEnabled()).isTrue();
        assertThat(aws.lastUpdatedTimestamp()).isEqualTo(original.lastUpdatedTimestamp());
        assertThat(aws.dataCenterInfo().metadata()).containsOnlyKeys(
                "availability-zone", "instance-id", "public-hostname", "local-ipv4", "public-ipv4");
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
