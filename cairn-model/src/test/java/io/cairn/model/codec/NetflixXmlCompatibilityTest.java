package io.cairn.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.InstanceInfo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cairn's XML against XStream as configured by eureka-client ({@code CodecWrappers.XStreamXml}). */
class NetflixXmlCompatibilityTest {

    private final EurekaXmlCodec codec = new EurekaXmlCodec(() -> -1);

    static Stream<Arguments> instances() {
        return Samples.instances().stream().map(i -> Arguments.of(i.app() + "/" + i.id(), i));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instances")
    void instanceBytesAreIdenticalToXStream(String name, InstanceInfo instance) {
        byte[] netflix = Netflix.encode(Netflix.XML, Netflix.toNetflix(instance));

        assertThat(utf8(codec.writeInstance(instance, false))).isEqualTo(utf8(netflix));
    }

    @Test
    void registryBytesAreIdenticalToXStream() {
        Applications registry = Samples.registry();
        byte[] netflix = Netflix.encode(Netflix.XML, Netflix.toNetflix(registry));

        assertThat(utf8(codec.writeApplications(registry, false))).isEqualTo(utf8(netflix));
    }

    @Test
    void applicationBytesAreIdenticalToXStream() {
        Application app = Samples.registry().applications().get(1);
        byte[] netflix = Netflix.encode(Netflix.XML, Netflix.toNetflix(app));

        assertThat(utf8(codec.writeApplication(app, false))).isEqualTo(utf8(netflix));
    }

    @Test
    void emptyRegistryBytesAreIdenticalToXStream() {
        Applications empty = new Applications(1, "", List.of());
        byte[] netflix = Netflix.encode(Netflix.XML, Netflix.toNetflix(empty));

        assertThat(utf8(codec.writeApplications(empty, false)))
                .isEqualTo(utf8(netflix))
                .isEqualTo("<applications>\n  <versions__delta>1</versions__delta>\n"
                        + "  <apps__hashcode></apps__hashcode>\n</applications>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instances")
    void xstreamDecodesCairnInstances(String name, InstanceInfo instance) {
        com.netflix.appinfo.InstanceInfo decoded = Netflix.decode(Netflix.XML, codec.writeInstance(instance, false),
                com.netflix.appinfo.InstanceInfo.class);

        Netflix.assertEquivalent(decoded, instance);
    }

    @Test
    void xstreamDecodesCairnRegistry() {
        Applications registry = Samples.registry();
        com.netflix.discovery.shared.Applications decoded = Netflix.decode(Netflix.XML,
                codec.writeApplications(registry, false), com.netflix.discovery.shared.Applications.class);

        Netflix.assertEquivalent(decoded, registry);
        assertThat(decoded.getReconcileHashCode()).isEqualTo(registry.appsHashcode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instances")
    void cairnDecodesXStreamInstances(String name, InstanceInfo instance) {
        byte[] netflix = Netflix.encode(Netflix.XML, Netflix.toNetflix(instance));

        assertThat(codec.readInstance(netflix)).isEqualTo(instance);
    }

    @Test
    void cairnDecodesXStreamRegistry() {
        Applications registry = Samples.registry();
        byte[] netflix = Netflix.encode(Netflix.XML, Netflix.toNetflix(registry));

        assertThat(codec.readApplications(netflix)).isEqualTo(registry);
    }

    /**
     * Cairn codes ':' and non-ASCII letters in metadata keys where XStream writes them raw (a ':' then breaks any
     * namespace-aware parser); the bytes differ, but XStream decodes Cairn's names back to the original keys.
     */
    @Test
    void xstreamDecodesKeysThatCairnCodesMoreStrictly() {
        Map<String, String> metadata = Samples.ordered("a:b", "1", "é", "2", "zone.é-1", "3", "_", "4", "$", "5");
        InstanceInfo instance = Samples.spring().toBuilder().metadata(metadata).build();

        String xml = utf8(codec.writeInstance(instance, false));

        assertThat(xml).contains("<a_.003ab>1</a_.003ab>", "<_.00e9>2</_.00e9>", "<zone._.00e9-1>3</zone._.00e9-1>",
                "<__>4</__>", "<_->5</_->");
        com.netflix.appinfo.InstanceInfo decoded =
                Netflix.decode(Netflix.XML, xml.getBytes(StandardCharsets.UTF_8), com.netflix.appinfo.InstanceInfo.class);
        assertThat(decoded.getMetadata()).isEqualTo(metadata);
        assertThat(codec.readInstance(xml.getBytes(StandardCharsets.UTF_8)).metadata()).isEqualTo(metadata);
    }

    /** XStream lets ':' through; Cairn's reader is not namespace-aware either, so such documents still parse. */
    @Test
    void cairnDecodesXStreamKeysWithColonsAndNonAsciiLetters() {
        Map<String, String> metadata = Samples.ordered("a:b", "1", "é", "2");
        byte[] netflix = Netflix.encode(Netflix.XML,
                Netflix.toNetflix(Samples.spring().toBuilder().metadata(metadata).build()));

        assertThat(utf8(netflix)).contains("<a:b>1</a:b>", "<é>2</é>");
        assertThat(codec.readInstance(netflix).metadata()).isEqualTo(metadata);
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
