package io.cairn.model.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cairn.model.Applications;
import io.cairn.model.DataCenterInfo;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.model.LeaseInfo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** What the XML reader accepts (XStream's variants) and what it refuses, including every DTD trick. */
class XmlReaderTest {

    private static final long NOW = 1_700_000_000_000L;

    private final EurekaXmlCodec codec = new EurekaXmlCodec(() -> NOW);

    @Test
    void minimalInstanceGetsTheLegacyDefaults() {
        assertThat(read("<app>a</app>")).isEqualTo(InstanceInfo.builder().app("A")
                .lastUpdatedTimestamp(NOW).lastDirtyTimestamp(NOW).build());
    }

    @Test
    void overriddenStatusInXStreamsLowerCaseOrCamelCase() {
        assertThat(read("<overriddenstatus>DOWN</overriddenstatus>").overriddenStatus()).isEqualTo(InstanceStatus.DOWN);
        assertThat(read("<overriddenStatus>OUT_OF_SERVICE</overriddenStatus>").overriddenStatus())
                .isEqualTo(InstanceStatus.OUT_OF_SERVICE);
    }

    @Test
    void missingEnabledMeansEnabledForPortAndDisabledForSecurePort() {
        InstanceInfo i = read("<port>8080</port><securePort>8443</securePort>");
        assertThat(i.port()).isEqualTo(8080);
        assertThat(i.portEnabled()).isTrue();
        assertThat(i.securePort()).isEqualTo(8443);
        assertThat(i.securePortEnabled()).isFalse();
    }

    @Test
    void explicitEnabledAttributes() {
        InstanceInfo i = read("<port enabled=\"false\">80</port><securePort enabled=\"true\">443</securePort>");
        assertThat(i.portEnabled()).isFalse();
        assertThat(i.securePortEnabled()).isTrue();
    }

    @Test
    void numbersMayBeSurroundedByWhitespace() {
        InstanceInfo i = read("<port> 81 </port><countryId>\n2\n</countryId>"
                + "<lastDirtyTimestamp> 5 </lastDirtyTimestamp>");
        assertThat(i.port()).isEqualTo(81);
        assertThat(i.countryId()).isEqualTo(2);
        assertThat(i.lastDirtyTimestamp()).isEqualTo(5);
    }

    @Test
    void metadataNamesAreDecodedLikeXStream() {
        InstanceInfo i = read("<metadata><management.port>8080</management.port><a__b_-c>1</a__b_-c>"
                + "<my_.0020key>2</my_.0020key><_.0031st>3</_.0031st><lone_x>4</lone_x></metadata>");
        assertThat(i.metadata()).containsExactly(Map.entry("management.port", "8080"), Map.entry("a_b$c", "1"),
                Map.entry("my key", "2"), Map.entry("1st", "3"), Map.entry("lone_x", "4"));
    }

    @Test
    void emptyMapMarkerAndEmptyElements() {
        assertThat(read("<metadata class=\"java.util.Collections$EmptyMap\"/>").metadata()).isEmpty();
        assertThat(read("<metadata><x/><y></y></metadata>").metadata()).isEqualTo(Map.of("x", "", "y", ""));
    }

    @Test
    void dataCenterGoesByNameWithOrWithoutClass() {
        assertThat(read("<dataCenterInfo><name>MyOwn</name></dataCenterInfo>").dataCenterInfo())
                .isEqualTo(DataCenterInfo.MY_OWN);
        assertThat(read("<dataCenterInfo class=\"com.netflix.appinfo.MyDataCenterInfo\"><name>Netflix</name>"
                + "</dataCenterInfo>").dataCenterInfo().name()).isEqualTo("Netflix");
    }

    @Test
    void amazonDataCenterWithMetadataInAnyCase() {
        InstanceInfo i = read("<dataCenterInfo class=\"com.netflix.appinfo.AmazonInfo\"><name>amazon</name>"
                + "<metadata><instance-id>i-9</instance-id><availability-zone>eu-west-1b</availability-zone>"
                + "</metadata></dataCenterInfo>");
        assertThat(i.dataCenterInfo()).isEqualTo(new DataCenterInfo("Amazon",
                Map.of("instance-id", "i-9", "availability-zone", "eu-west-1b")));
        assertThat(i.id()).isEqualTo("i-9");
    }

    @Test
    void unknownElementsAreSkippedWithTheirChildren() {
        InstanceInfo i = read("<ext><hostName>evil</hostName><deep><x/></deep></ext><hostName>h</hostName>"
                + "<identifyingAttribute>EC2_INSTANCE_ID</identifyingAttribute>");
        assertThat(i.hostName()).isEqualTo("h");
    }

    @Test
    void commentsCdataAndReferencesInText() {
        InstanceInfo i = read("<!-- c --><hostName><![CDATA[a<b]]>&amp;c<!-- d -->&#x41;</hostName>"
                + "<homePageUrl>http://h/?a=1&amp;b=2</homePageUrl>");
        assertThat(i.hostName()).isEqualTo("a<b&cA");
        assertThat(i.homePageUrl()).isEqualTo("http://h/?a=1&b=2");
    }

    @Test
    void declaredEncodingIsHonoured() {
        byte[] latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><instance><hostName>caf\u00e9</hostName></instance>"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(codec.readInstance(latin1).hostName()).isEqualTo("café");
    }

    @Test
    void appAndAppGroupNameAreUpperCased() {
        InstanceInfo i = read("<app>billing</app><appGroupName>payments</appGroupName>");
        assertThat(i.app()).isEqualTo("BILLING");
        assertThat(i.appGroupName()).isEqualTo("PAYMENTS");
    }

    @Test
    void leaseInfoWithLegacyRenewalTimestamp() {
        assertThat(read("<leaseInfo><durationInSecs>60</durationInSecs><renewalTimestamp>9</renewalTimestamp>"
                + "</leaseInfo>").leaseInfo()).isEqualTo(new LeaseInfo(30, 60, 0, 9, 0, 0));
    }

    @Test
    void applicationsWithoutVersionOrHash() {
        Applications apps = codec.readApplications(utf8("<applications><application><name>A</name>"
                + "<instance><hostName>h</hostName></instance></application></applications>"));
        assertThat(apps.versionsDelta()).isEqualTo(-1);
        assertThat(apps.appsHashcode()).isEmpty();
        assertThat(apps.applications().get(0).instances()).extracting(InstanceInfo::hostName).containsExactly("h");
    }

    @Test
    void readsFromAStreamWithoutClosingIt() {
        JsonReaderVariantsTest.TrackingInputStream in =
                new JsonReaderVariantsTest.TrackingInputStream(utf8("<instance><hostName>h</hostName></instance>"));
        assertThat(codec.readInstance(in).hostName()).isEqualTo("h");
        assertThat(in.closed).isFalse();
    }

    @Test
    void doctypeIsRefused() {
        assertRejected("<?xml version=\"1.0\"?><!DOCTYPE instance><instance/>").hasMessage("DOCTYPE is not allowed");
    }

    @Test
    void internalEntityIsRefused() {
        assertRejected("<!DOCTYPE instance [<!ENTITY e \"EVIL\">]><instance><hostName>&e;</hostName></instance>")
                .hasMessage("DOCTYPE is not allowed");
    }

    @Test
    void externalEntityIsRefused() {
        assertRejected("<!DOCTYPE instance [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<instance><hostName>&xxe;</hostName></instance>").hasMessage("DOCTYPE is not allowed");
    }

    @Test
    void externalDtdIsRefused() {
        assertRejected("<!DOCTYPE instance SYSTEM \"http://127.0.0.1:1/evil.dtd\"><instance/>")
                .hasMessage("DOCTYPE is not allowed");
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE instance [<!ENTITY l0 \"lol\">");
        for (int k = 1; k < 10; k++) {
            dtd.append("<!ENTITY l").append(k).append(" \"").append(("&l" + (k - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]><instance><hostName>&l9;</hostName></instance>");
        assertRejected(dtd.toString()).hasMessage("DOCTYPE is not allowed");
    }

    @Test
    void undeclaredEntityIsMalformed() {
        assertRejected("<instance><hostName>&e;</hostName></instance>").hasMessageStartingWith("malformed XML at line 1");
    }

    @Test
    void malformedXmlGivesItsPosition() {
        assertRejected("<instance>\n<hostName>h</hostname></instance>").hasMessageStartingWith("malformed XML at line 2");
    }

    @Test
    void truncatedXml() {
        assertRejected("<instance><hostName>h</hostName>").hasMessageStartingWith("malformed XML");
    }

    @Test
    void emptyDocument() {
        assertRejected("").isInstanceOf(CodecException.class);
        assertRejected("<!-- nothing -->").isInstanceOf(CodecException.class);
    }

    @Test
    void wrongRootElement() {
        assertRejected("<application><name>A</name></application>")
                .hasMessage("expected root element 'instance' but found 'application'");
    }

    @Test
    void secondRootElement() {
        assertRejected("<instance/><instance/>").hasMessageStartingWith("malformed XML");
    }

    @Test
    void unknownOrLowerCaseStatus() {
        assertRejected(instance("<status>up</status>")).hasMessage("invalid status 'up'");
        assertRejected(instance("<overriddenstatus>GONE</overriddenstatus>"))
                .hasMessage("invalid overriddenStatus 'GONE'");
    }

    @Test
    void nonNumericValues() {
        assertRejected(instance("<port>x</port>")).hasMessage("invalid port 'x'");
        assertRejected(instance("<leaseInfo><evictionTimestamp>soon</evictionTimestamp></leaseInfo>"))
                .hasMessage("invalid evictionTimestamp 'soon'");
        assertThatThrownBy(() -> codec.readApplications(utf8("<applications><versions__delta>x</versions__delta>"
                + "</applications>"))).isInstanceOf(CodecException.class).hasMessage("invalid versions__delta 'x'");
    }

    @Test
    void unreadableFlags() {
        assertRejected(instance("<port enabled=\"yes\">1</port>")).hasMessage("invalid port enabled 'yes'");
        assertRejected(instance("<isCoordinatingDiscoveryServer>1</isCoordinatingDiscoveryServer>"))
                .hasMessage("invalid isCoordinatingDiscoveryServer '1'");
        assertRejected(instance("<actionType>added</actionType>")).hasMessage("invalid actionType 'added'");
    }

    @Test
    void elementsInsideALeaf() {
        assertRejected(instance("<hostName><b>h</b></hostName>")).hasMessage("hostName must be text, not elements");
        assertRejected(instance("<metadata><k><v/></k></metadata>")).hasMessage("metadata 'k' must be text, not elements");
    }

    @Test
    void unknownDataCenterName() {
        assertRejected(instance("<dataCenterInfo><name>Azure</name></dataCenterInfo>"))
                .hasMessage("invalid dataCenterInfo name 'Azure'");
        assertRejected(instance("<dataCenterInfo/>")).hasMessage("dataCenterInfo without name");
    }

    @Test
    void applicationWithoutName() {
        assertThatThrownBy(() -> codec.readApplications(utf8("<applications><application/></applications>")))
                .isInstanceOf(CodecException.class).hasMessage("application without name");
    }

    @Test
    void everyTruncationIsACodecException() {
        byte[] full = codec.writeApplications(Samples.registry(), false);
        for (int cut = 0; cut < full.length; cut++) {
            byte[] head = Arrays.copyOf(full, cut);
            assertThat(catchThrowable(() -> codec.readApplications(head))).as("cut at %d", cut)
                    .isInstanceOf(CodecException.class);
        }
    }

    @Test
    void readsWhatItWrites() {
        Applications registry = Samples.registry();
        assertThat(codec.readApplications(codec.writeApplications(registry, false))).isEqualTo(registry);
        for (InstanceInfo i : List.copyOf(registry.instances())) {
            assertThat(codec.readInstance(codec.writeInstance(i, false))).isEqualTo(i);
        }
    }

    private InstanceInfo read(String children) {
        return codec.readInstance(utf8("<instance>" + children + "</instance>"));
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String xml) {
        return assertThatThrownBy(() -> codec.readInstance(utf8(xml))).isInstanceOf(CodecException.class);
    }

    private static String instance(String children) {
        return "<instance>" + children + "</instance>";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
