package io.cairn.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.DataCenterInfo;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.model.LeaseInfo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every input variant the reader tolerates, one per test. Documents are written with {@code '} for {@code "}.
 */
class JsonReaderVariantsTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final String MY_OWN =
            "'dataCenterInfo':{'@class':'com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo','name':'MyOwn'}";

    private final AtomicInteger clockCalls = new AtomicInteger();
    private final EurekaJsonCodec codec = new EurekaJsonCodec(() -> {
        clockCalls.incrementAndGet();
        return NOW;
    });

    @Test
    void overriddenStatusInCamelCase() {
        assertThat(read("'overriddenStatus':'OUT_OF_SERVICE'").overriddenStatus()).isEqualTo(InstanceStatus.OUT_OF_SERVICE);
    }

    @Test
    void overriddenStatusInLowerCaseAsXStreamJsonWritesIt() {
        assertThat(read("'overriddenstatus':'DOWN'").overriddenStatus()).isEqualTo(InstanceStatus.DOWN);
    }

    @Test
    void overriddenStatusDefaultsToUnknown() {
        assertThat(read("'hostName':'h'").overriddenStatus()).isEqualTo(InstanceStatus.UNKNOWN);
    }

    @Test
    void statusDefaultsToUp() {
        assertThat(read("'hostName':'h'").status()).isEqualTo(InstanceStatus.UP);
    }

    @Test
    void everyStatusName() {
        for (InstanceStatus s : InstanceStatus.values()) {
            assertThat(read("'status':'" + s.name() + "'").status()).isEqualTo(s);
        }
    }

    @Test
    void timestampsAsNumbers() {
        InstanceInfo i = read("'lastUpdatedTimestamp':1712000000001,'lastDirtyTimestamp':1712000000002");
        assertThat(i.lastUpdatedTimestamp()).isEqualTo(1712000000001L);
        assertThat(i.lastDirtyTimestamp()).isEqualTo(1712000000002L);
    }

    @Test
    void timestampsAsStrings() {
        InstanceInfo i = read("'lastUpdatedTimestamp':'1712000000001','lastDirtyTimestamp':'1712000000002'");
        assertThat(i.lastUpdatedTimestamp()).isEqualTo(1712000000001L);
        assertThat(i.lastDirtyTimestamp()).isEqualTo(1712000000002L);
    }

    @Test
    void timestampInExponentNotationIfWhole() {
        assertThat(read("'lastUpdatedTimestamp':1.712E12").lastUpdatedTimestamp()).isEqualTo(1712000000000L);
    }

    @Test
    void absentTimestampsAreTheParseTimeFromOneClockReading() {
        InstanceInfo i = read("'hostName':'h'");
        assertThat(i.lastUpdatedTimestamp()).isEqualTo(NOW);
        assertThat(i.lastDirtyTimestamp()).isEqualTo(NOW);
        assertThat(clockCalls).hasValue(1);
    }

    @Test
    void onlyTheAbsentTimestampTakesTheParseTime() {
        InstanceInfo i = read("'lastDirtyTimestamp':'5'");
        assertThat(i.lastUpdatedTimestamp()).isEqualTo(NOW);
        assertThat(i.lastDirtyTimestamp()).isEqualTo(5);
    }

    @Test
    void clockIsNotAskedWhenBothTimestampsArePresent() {
        read("'lastUpdatedTimestamp':'1','lastDirtyTimestamp':'2'");
        assertThat(clockCalls).hasValue(0);
    }

    @Test
    void countryIdAsNumberOrString() {
        assertThat(read("'countryId':3").countryId()).isEqualTo(3);
        assertThat(read("'countryId':'4'").countryId()).isEqualTo(4);
    }

    @Test
    void countryIdDefaultsToOne() {
        assertThat(read("'hostName':'h'").countryId()).isEqualTo(1);
    }

    @Test
    void portNumberAsString() {
        assertThat(read("'port':{'$':'8080','@enabled':'true'}").port()).isEqualTo(8080);
    }

    @Test
    void portEnabledAsBoolean() {
        InstanceInfo i = read("'port':{'$':8080,'@enabled':false},'securePort':{'$':443,'@enabled':true}");
        assertThat(i.portEnabled()).isFalse();
        assertThat(i.securePortEnabled()).isTrue();
    }

    @Test
    void portKeysInXStreamOrder() {
        InstanceInfo i = read("'securePort':{'@enabled':true,'$':'8443'}");
        assertThat(i.securePort()).isEqualTo(8443);
        assertThat(i.securePortEnabled()).isTrue();
    }

    /** As in the legacy reader (verified): without @enabled the builder default stays, true for port. */
    @Test
    void portWithoutEnabledKeepsTheDefaults() {
        InstanceInfo i = read("'port':{'$':80},'securePort':{'$':444}");
        assertThat(i.port()).isEqualTo(80);
        assertThat(i.portEnabled()).isTrue();
        assertThat(i.securePort()).isEqualTo(444);
        assertThat(i.securePortEnabled()).isFalse();
    }

    @Test
    void portWithOnlyEnabledKeepsTheDefaultNumber() {
        InstanceInfo i = read("'port':{'@enabled':'false'}");
        assertThat(i.port()).isEqualTo(InstanceInfo.DEFAULT_PORT);
        assertThat(i.portEnabled()).isFalse();
    }

    @Test
    void absentPortsAre7001EnabledAnd7002Disabled() {
        InstanceInfo i = read("'hostName':'h'");
        assertThat(i.port()).isEqualTo(7001);
        assertThat(i.portEnabled()).isTrue();
        assertThat(i.securePort()).isEqualTo(7002);
        assertThat(i.securePortEnabled()).isFalse();
    }

    @Test
    void portAsABareNumber() {
        assertThat(read("'port':9090").port()).isEqualTo(9090);
    }

    @Test
    void unknownKeysInsidePortAreSkipped() {
        assertThat(read("'port':{'x':{'y':[1]},'$':81}").port()).isEqualTo(81);
    }

    @Test
    void coordinatingFlagAsBooleanOrString() {
        assertThat(read("'isCoordinatingDiscoveryServer':true").coordinatingDiscoveryServer()).isTrue();
        assertThat(read("'isCoordinatingDiscoveryServer':'true'").coordinatingDiscoveryServer()).isTrue();
        assertThat(read("'isCoordinatingDiscoveryServer':'false'").coordinatingDiscoveryServer()).isFalse();
    }

    @Test
    void nullValuesAreAbsentValues() {
        InstanceInfo i = read("'hostName':null,'app':null,'status':null,'overriddenStatus':null,'sid':null,"
                + "'port':null,'securePort':null,'countryId':null,'dataCenterInfo':null,'leaseInfo':null,"
                + "'metadata':null,'appGroupName':null,'vipAddress':null,'isCoordinatingDiscoveryServer':null,"
                + "'lastUpdatedTimestamp':null,'lastDirtyTimestamp':null,'actionType':null,'asgName':null");
        assertThat(i).isEqualTo(InstanceInfo.builder().lastUpdatedTimestamp(NOW).lastDirtyTimestamp(NOW).build());
    }

    @Test
    void nullValuesInsideNestedObjects() {
        InstanceInfo i = read("'port':{'$':null,'@enabled':null},'leaseInfo':{'durationInSecs':null},"
                + "'metadata':{'a':null,'b':'1'},'dataCenterInfo':{'@class':'com.netflix.appinfo.AmazonInfo',"
                + "'name':null,'metadata':null}");
        assertThat(i.port()).isEqualTo(7001);
        assertThat(i.leaseInfo()).isEqualTo(LeaseInfo.DEFAULT);
        assertThat(i.metadata()).isEqualTo(Map.of("b", "1"));
        assertThat(i.dataCenterInfo()).isEqualTo(new DataCenterInfo("Amazon", Map.of()));
    }

    @Test
    void unknownScalarFieldsAreIgnored() {
        assertThat(read("'zzz':1,'hostName':'h','yyy':'x','www':true").hostName()).isEqualTo("h");
    }

    /**
     * The legacy reader does not skip nested values: it reads on inside them and loses the fields that follow
     * (verified: dataCenterInfo comes out null). Cairn skips them whole.
     */
    @Test
    void unknownObjectFieldsAreSkippedCleanly() {
        byte[] doc = doc("'app':'a','hostName':'h','ext':{'a':{'b':1}}," + MY_OWN);

        InstanceInfo i = codec.readInstance(doc);

        assertThat(i.hostName()).isEqualTo("h");
        assertThat(i.dataCenterInfo()).isEqualTo(DataCenterInfo.MY_OWN);
        assertThat(Netflix.decode(Netflix.JSON, doc, com.netflix.appinfo.InstanceInfo.class).getDataCenterInfo())
                .as("the legacy reader loses what follows a nested unknown field").isNull();
    }

    @Test
    void unknownArrayFieldsAreSkippedCleanly() {
        InstanceInfo i = read("'tags':[1,{'a':[2]},[3]]," + MY_OWN + ",'hostName':'h'");
        assertThat(i.hostName()).isEqualTo("h");
        assertThat(i.dataCenterInfo()).isEqualTo(DataCenterInfo.MY_OWN);
    }

    @Test
    void identifyingAttributeIsIgnored() {
        assertThat(read("'identifyingAttribute':'EC2_INSTANCE_ID','hostName':'h'"))
                .isEqualTo(read("'hostName':'h'"));
    }

    @Test
    void emptyMapMarkerIsDropped() {
        assertThat(read("'metadata':{'@class':'java.util.Collections$EmptyMap'}").metadata()).isEmpty();
    }

    @Test
    void classKeyAmongRealMetadataIsDropped() {
        assertThat(read("'metadata':{'zone':'a','@class':'java.util.HashMap','k':'v'}").metadata())
                .containsExactly(Map.entry("zone", "a"), Map.entry("k", "v"));
    }

    @Test
    void metadataValuesThatAreNumbersOrBooleansBecomeText() {
        assertThat(read("'metadata':{'management.port':8080,'secure':true,'ratio':0.5}").metadata())
                .isEqualTo(Map.of("management.port", "8080", "secure", "true", "ratio", "0.5"));
    }

    @Test
    void metadataKeepsDocumentOrderAndDottedKeys() {
        assertThat(read("'metadata':{'z.b':'1','a.c':'2','m':'3'}").metadata().keySet())
                .containsExactly("z.b", "a.c", "m");
    }

    @Test
    void defaultDataCenterClass() {
        assertThat(read(MY_OWN).dataCenterInfo()).isEqualTo(DataCenterInfo.MY_OWN);
    }

    @Test
    void myDataCenterInfoClassNameIsAccepted() {
        assertThat(read("'dataCenterInfo':{'@class':'com.netflix.appinfo.MyDataCenterInfo','name':'MyOwn'}")
                .dataCenterInfo()).isEqualTo(DataCenterInfo.MY_OWN);
    }

    @Test
    void netflixDataCenterName() {
        assertThat(read("'dataCenterInfo':{'@class':'com.netflix.appinfo.MyDataCenterInfo','name':'Netflix'}")
                .dataCenterInfo().name()).isEqualTo("Netflix");
    }

    @Test
    void classHintMayFollowTheName() {
        assertThat(read("'dataCenterInfo':{'name':'MyOwn','@class':'com.netflix.appinfo.MyDataCenterInfo'}")
                .dataCenterInfo()).isEqualTo(DataCenterInfo.MY_OWN);
    }

    @Test
    void amazonMetadataIsKept() {
        InstanceInfo i = read("'dataCenterInfo':{'@class':'com.netflix.appinfo.AmazonInfo','name':'Amazon',"
                + "'metadata':{'instance-id':'i-1','availability-zone':'us-east-1c','custom':7}}");
        assertThat(i.dataCenterInfo()).isEqualTo(new DataCenterInfo("Amazon",
                Map.of("instance-id", "i-1", "availability-zone", "us-east-1c", "custom", "7")));
        assertThat(i.id()).isEqualTo("i-1");
    }

    /** The legacy reader fails on this (verified); nothing is lost by reading it as no metadata. */
    @Test
    void amazonWithoutMetadataOrWithTheEmptyMapMarker() {
        assertThat(read("'dataCenterInfo':{'@class':'com.netflix.appinfo.AmazonInfo','name':'Amazon'}")
                .dataCenterInfo()).isEqualTo(new DataCenterInfo("Amazon", Map.of()));
        assertThat(read("'dataCenterInfo':{'@class':'com.netflix.appinfo.AmazonInfo','name':'Amazon',"
                + "'metadata':{'@class':'java.util.Collections$EmptyMap'}}").dataCenterInfo().metadata()).isEmpty();
    }

    /** The legacy reader types the data center by its class hint: an AmazonInfo is Amazon whatever its name. */
    @Test
    void amazonClassDecidesTheDataCenter() {
        assertThat(read("'dataCenterInfo':{'@class':'com.netflix.appinfo.AmazonInfo','name':'MyOwn',"
                + "'metadata':{'instance-id':'i-2'}}").dataCenterInfo())
                .isEqualTo(new DataCenterInfo("Amazon", Map.of("instance-id", "i-2")));
    }

    @Test
    void appAndAppGroupNameAreUpperCasedWithoutLocaleSurprises() {
        InstanceInfo i = read("'app':'billing-i','appGroupName':'payments-i'");
        assertThat(i.app()).isEqualTo("BILLING-I");
        assertThat(i.appGroupName()).isEqualTo("PAYMENTS-I");
    }

    @Test
    void leaseInfoWithLegacyRenewalTimestampKey() {
        assertThat(read("'leaseInfo':{'renewalTimestamp':5}").leaseInfo().lastRenewalTimestamp()).isEqualTo(5);
    }

    @Test
    void lastRenewalTimestampWinsOverTheLegacyKey() {
        assertThat(read("'leaseInfo':{'lastRenewalTimestamp':6,'renewalTimestamp':5}").leaseInfo()
                .lastRenewalTimestamp()).isEqualTo(6);
    }

    @Test
    void leaseInfoValuesAsStringsAndDefaults() {
        assertThat(read("'leaseInfo':{'durationInSecs':'50','registrationTimestamp':'7','x':{}}").leaseInfo())
                .isEqualTo(new LeaseInfo(30, 50, 7, 0, 0, 0));
    }

    @Test
    void sidDefaultsToNaAndIsKeptWhenPresent() {
        assertThat(read("'hostName':'h'").sid()).isEqualTo("na");
        assertThat(read("'sid':'s-1'").sid()).isEqualTo("s-1");
    }

    @Test
    void stringFieldsGivenAsNumbersBecomeText() {
        assertThat(read("'hostName':42,'asgName':true").hostName()).isEqualTo("42");
    }

    @Test
    void whitespaceAndLineBreaksAnywhere() {
        byte[] pretty = ("{\n  \"instance\" : {\n    \"hostName\" : \"h\",\n    \"port\" : { \"$\" : 1 }\n  }\n}\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(codec.readInstance(pretty).port()).isEqualTo(1);
    }

    @Test
    void readsFromAStreamWithoutClosingIt() {
        TrackingInputStream in = new TrackingInputStream(doc("'hostName':'h'"));
        assertThat(codec.readInstance(in).hostName()).isEqualTo("h");
        assertThat(in.closed).isFalse();
    }

    @Test
    void singleInstanceObjectInsteadOfAnArray() {
        Application app = codec.readApplication(bytes("{'application':{'name':'A','instance':{'hostName':'h'}}}"));
        assertThat(app.instances()).extracting(InstanceInfo::hostName).containsExactly("h");
    }

    @Test
    void singleApplicationObjectInsteadOfAnArray() {
        Applications apps = codec.readApplications(bytes(
                "{'applications':{'versions__delta':'2','apps__hashcode':'UP_1_','application':{'name':'A',"
                        + "'instance':[{'hostName':'h'}]}}}"));
        assertThat(apps.applications()).extracting(Application::name).containsExactly("A");
    }

    @Test
    void nullListsAndNullElementsAreEmpty() {
        Applications apps = codec.readApplications(bytes(
                "{'applications':{'application':[null,{'name':'A','instance':[null,{'hostName':'h'},null]},"
                        + "{'name':'B','instance':null}]}}"));
        assertThat(apps.applications()).extracting(a -> a.instances().size()).containsExactly(1, 0);
    }

    @Test
    void versionsDeltaAsStringOrNumber() {
        assertThat(apps("'versions__delta':'7'").versionsDelta()).isEqualTo(7);
        assertThat(apps("'versions__delta':8").versionsDelta()).isEqualTo(8);
    }

    @Test
    void absentVersionsDeltaIsMinusOne() {
        assertThat(apps("'apps__hashcode':'UP_1_'").versionsDelta()).isEqualTo(-1);
    }

    @Test
    void appsHashcodeAsStringOrNumber() {
        assertThat(apps("'apps__hashcode':'DOWN_1_'").appsHashcode()).isEqualTo("DOWN_1_");
        assertThat(apps("'apps__hashcode':5").appsHashcode()).isEqualTo("5");
    }

    @Test
    void absentAppsHashcodeIsEmpty() {
        assertThat(apps("'versions__delta':'1'").appsHashcode()).isEmpty();
    }

    @Test
    void unknownFieldsAroundApplicationsAndApplicationAreSkipped() {
        Applications apps = codec.readApplications(bytes("{'applications':{'x':{'application':[1]},'y':[{}],"
                + "'application':[{'z':{'name':'NO'},'name':'A','instance':[]}]}}"));
        assertThat(apps.applications()).extracting(Application::name).containsExactly("A");
    }

    /** A hand-written XStream/Jettison body: the shape old clients with encoderName=XStreamJson send. */
    @Test
    void xstreamStyleRegisterBody() {
        InstanceInfo i = codec.readInstance(bytes("{'instance':{'hostName':'h','app':'svc','ipAddr':'10.0.0.1',"
                + "'status':'UP','overriddenstatus':'UNKNOWN','port':{'@enabled':true,'$':'8080'},"
                + "'securePort':{'@enabled':false,'$':'443'},'countryId':1," + MY_OWN + ","
                + "'leaseInfo':{'renewalIntervalInSecs':30,'durationInSecs':90,'registrationTimestamp':0,"
                + "'lastRenewalTimestamp':0,'evictionTimestamp':0,'serviceUpTimestamp':0},"
                + "'metadata':{'management.port':8080},'isCoordinatingDiscoveryServer':false,"
                + "'lastUpdatedTimestamp':1712000000200,'lastDirtyTimestamp':1712000000100}}"));
        assertThat(i).isEqualTo(InstanceInfo.builder().hostName("h").app("SVC").ipAddr("10.0.0.1").port(8080)
                .securePort(443).dataCenterInfo(DataCenterInfo.MY_OWN).leaseInfo(LeaseInfo.DEFAULT)
                .metadata(Map.of("management.port", "8080")).lastUpdatedTimestamp(1712000000200L)
                .lastDirtyTimestamp(1712000000100L).build());
    }

    private InstanceInfo read(String fields) {
        return codec.readInstance(doc(fields));
    }

    private Applications apps(String fields) {
        return codec.readApplications(bytes("{'applications':{" + fields + "}}"));
    }

    private static byte[] doc(String fields) {
        return bytes("{'instance':{" + fields + "}}");
    }

    static byte[] bytes(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    static final class TrackingInputStream extends ByteArrayInputStream {
        boolean closed;

        TrackingInputStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
