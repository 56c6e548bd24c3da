package io.cairn.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.DataCenterInfo;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The XML writer's own decisions: the v1 status downgrade and what it does where XStream would break. */
class XmlWriterTest {

    private final EurekaXmlCodec codec = new EurekaXmlCodec(() -> 0);

    @ParameterizedTest
    @EnumSource(value = InstanceStatus.class, names = {"OUT_OF_SERVICE", "UNKNOWN"})
    void v1WritesStatusesItDoesNotKnowAsDown(InstanceStatus status) {
        InstanceInfo i = Samples.spring().toBuilder().status(status).overriddenStatus(status).build();

        String v1 = utf8(codec.writeInstance(i, true));

        // As Eureka's V1AwareInstanceInfoConverter: only the status is downgraded, the override is left as it is.
        assertThat(v1).contains("<status>DOWN</status>", "<overriddenstatus>" + status + "</overriddenstatus>");
        assertThat(utf8(codec.writeInstance(i, false)))
                .contains("<status>" + status + "</status>", "<overriddenstatus>" + status + "</overriddenstatus>");
    }

    @ParameterizedTest
    @EnumSource(value = InstanceStatus.class, names = {"UP", "DOWN", "STARTING"})
    void v1KeepsTheStatusesItKnows(InstanceStatus status) {
        InstanceInfo i = Samples.spring().toBuilder().status(status).overriddenStatus(status).build();

        assertThat(codec.writeInstance(i, true)).isEqualTo(codec.writeInstance(i, false));
    }

    @Test
    void v1AppliesToEveryInstanceOfAListing() {
        String v1 = utf8(codec.writeApplications(Samples.registry(), true));

        assertThat(v1).doesNotContain("OUT_OF_SERVICE</status>", "UNKNOWN</status>");
        assertThat(v1).contains("<apps__hashcode>DOWN_1_OUT_OF_SERVICE_1_STARTING_1_UNKNOWN_1_UP_1_</apps__hashcode>");
        assertThat(utf8(codec.writeApplication(Samples.registry().applications().get(1), true)))
                .contains("<status>DOWN</status>");
    }

    /** XStream writes &#x1; for a control character, which no XML 1.0 parser (XStream's included) reads back. */
    @Test
    void charactersXmlCannotCarryBecomeTheReplacementCharacter() {
        InstanceInfo i = Samples.spring().toBuilder()
                .metadata(Map.of("ctl", "a\u0001b\u0000c\u001fd\uFFFEe\uD800f"))
                .build();

        byte[] xml = codec.writeInstance(i, false);

        assertThat(utf8(xml)).contains("<ctl>a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf</ctl>");
        assertThat(codec.readInstance(xml).metadata()).containsEntry("ctl", "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf");
        assertThat(Netflix.decode(Netflix.XML, xml, com.netflix.appinfo.InstanceInfo.class).getMetadata())
                .containsEntry("ctl", "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf");
    }

    @Test
    void legalButUnusualCharactersSurviveAsXStreamWritesThem() {
        String value = "cr\r tab\t nl\n nel\u0085 del\u007f emoji😀 quote\" apos' lt< gt> amp&";
        InstanceInfo i = Samples.spring().toBuilder().metadata(Map.of("v", value)).build();

        byte[] xml = codec.writeInstance(i, false);

        assertThat(utf8(xml)).isEqualTo(utf8(Netflix.encode(Netflix.XML, Netflix.toNetflix(i))));
        assertThat(utf8(xml)).contains("cr&#xd; tab\t nl\n nel&#x85; del&#x7f; emoji😀 quote&quot; apos&apos; "
                + "lt&lt; gt&gt; amp&amp;");
        assertThat(codec.readInstance(xml).metadata()).containsEntry("v", value);
    }

    @Test
    void entriesThatCannotBeElementsAreLeftOut() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("", "empty key");
        metadata.put("kept", "1");
        metadata.put("nullValue", null);
        InstanceInfo i = Samples.spring().toBuilder().metadata(metadata).build();

        String xml = utf8(codec.writeInstance(i, false));

        assertThat(xml).contains("\n  <metadata>\n    <kept>1</kept>\n  </metadata>\n").doesNotContain("<>", "nullValue");
    }

    @Test
    void aMapWithNothingWritableIsTheEmptyMapMarker() {
        InstanceInfo i = Samples.spring().toBuilder().metadata(Map.of("", "x")).build();

        assertThat(utf8(codec.writeInstance(i, false)))
                .contains("<metadata class=\"java.util.Collections$EmptyMap\"/>");
    }

    /** XStream throws a NullPointerException on these; Cairn leaves the elements out, which reads back as null. */
    @Test
    void nullHostAppAndIpAreLeftOut() {
        InstanceInfo i = Samples.minimal().toBuilder().hostName(null).app(null).ipAddr(null).build();

        byte[] xml = codec.writeInstance(i, false);

        assertThat(utf8(xml)).startsWith("<instance>\n  <status>STARTING</status>");
        assertThat(codec.readInstance(xml)).isEqualTo(i);
    }

    @Test
    void sidIsLeftOutWhenItCarriesNoInformation() {
        for (String sid : new String[] {"na", "unknown", null}) {
            InstanceInfo i = Samples.spring().toBuilder().sid(sid).build();
            assertThat(utf8(codec.writeInstance(i, false))).as(sid).doesNotContain("<sid>");
        }
        assertThat(utf8(codec.writeInstance(Samples.spring().toBuilder().sid("s1").build(), false)))
                .contains("<sid>s1</sid>");
    }

    @Test
    void amazonWithoutMetadataIsXStreamsEmptyMapMarker() {
        InstanceInfo i = Samples.spring().toBuilder().dataCenterInfo(new DataCenterInfo("Amazon", Map.of())).build();

        assertThat(utf8(codec.writeInstance(i, false)))
                .isEqualTo(utf8(Netflix.encode(Netflix.XML, Netflix.toNetflix(i))))
                .contains("<name>Amazon</name>\n    <metadata class=\"java.util.Collections$EmptyMap\"/>");
    }

    @Test
    void noDeclarationAndNoTrailingNewline() {
        String xml = utf8(codec.writeApplications(new Applications(1, "", List.of()), false));

        assertThat(xml).startsWith("<applications>").endsWith("</applications>");
    }

    /** Large enough to drain the buffer many times, with multi-byte characters all over. */
    @Test
    void streamingALargeRegistryGivesTheSameBytesAndLeavesTheStreamOpen() throws IOException {
        List<InstanceInfo> many = new ArrayList<>();
        for (int k = 0; k < 500; k++) {
            many.add(Samples.amazon().toBuilder().hostName("höst-" + k + "-😀").build());
        }
        Applications big = new Applications(9, Applications.reconcileHashCode(many),
                List.of(new Application("BIG", many)));
        ClosingTrackingStream out = new ClosingTrackingStream();

        codec.writeApplications(big, false, out);

        assertThat(out.toByteArray()).isEqualTo(codec.writeApplications(big, false));
        assertThat(out.toByteArray().length).isGreaterThan(500_000);
        assertThat(out.closed).isFalse();
        assertThat(codec.readApplications(out.toByteArray())).isEqualTo(big);
    }

    static final class ClosingTrackingStream extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
