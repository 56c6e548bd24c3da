package io.cairn.model.codec;

import static io.cairn.model.codec.JsonReaderVariantsTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonParser;
import io.cairn.model.Applications;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Documents Cairn refuses, each with a {@link CodecException} whose message says why in a few words. */
class JsonRejectionTest {

    private final EurekaJsonCodec codec = new EurekaJsonCodec(() -> 0);

    @Test
    void malformedJsonGivesItsPosition() {
        assertRejected("{'instance':{'hostName' 'h'}}").hasMessage("malformed JSON at line 1 column 25");
    }

    @Test
    void truncatedJson() {
        assertRejected("{'instance':{'hostName':'h'").hasMessageStartingWith("truncated JSON at line 1");
    }

    @Test
    void emptyDocument() {
        assertRejected("").hasMessage("empty JSON document");
    }

    @Test
    void bareInstanceWithoutTheWrapper() {
        assertRejected("{'hostName':'h','app':'A'}").hasMessage("expected root 'instance' but found 'hostName'");
    }

    @Test
    void wrongWrapperForApplications() {
        assertThatThrownBy(() -> codec.readApplications(bytes("{'application':{'name':'A'}}")))
                .isInstanceOf(CodecException.class)
                .hasMessage("expected root 'applications' but found 'application'");
    }

    @Test
    void emptyRootObject() {
        assertRejected("{}").hasMessage("missing root 'instance'");
    }

    @Test
    void rootThatIsNotAnObject() {
        assertRejected("[{'instance':{}}]").hasMessage("expected a JSON object with root 'instance'");
    }

    @Test
    void wrapperHoldingNull() {
        assertRejected("{'instance':null}").hasMessage("instance must be an object");
    }

    @Test
    void secondFieldNextToTheWrapper() {
        assertRejected("{'instance':{'hostName':'h'},'other':1}").hasMessage("unexpected field 'other' next to 'instance'");
    }

    @Test
    void secondDocumentAfterTheFirst() {
        assertRejected("{'instance':{}} {'instance':{}}").hasMessage("trailing content after the JSON document");
    }

    @Test
    void garbageAfterTheDocument() {
        assertRejected("{'instance':{}} garbage").hasMessageStartingWith("malformed JSON at line 1");
    }

    @Test
    void unknownStatus() {
        assertRejected(instance("'status':'RUNNING'")).hasMessage("invalid status 'RUNNING'");
    }

    /** The legacy reader turns this into UNKNOWN and Spring's fails; Cairn answers 400 rather than guess. */
    @Test
    void lowerCaseStatus() {
        assertRejected(instance("'status':'up'")).hasMessage("invalid status 'up'");
    }

    @Test
    void invalidOverriddenStatusInEitherSpelling() {
        assertRejected(instance("'overriddenStatus':'Down'")).hasMessage("invalid overriddenStatus 'Down'");
        assertRejected(instance("'overriddenstatus':''")).hasMessage("invalid overriddenStatus ''");
    }

    @Test
    void dataCenterInfoWithoutClass() {
        assertRejected(instance("'dataCenterInfo':{'name':'MyOwn'}")).hasMessage("dataCenterInfo without @class");
    }

    @Test
    void dataCenterInfoWithAnUnknownClass() {
        assertRejected(instance("'dataCenterInfo':{'@class':'com.example.Cloud','name':'MyOwn'}"))
                .hasMessage("invalid dataCenterInfo @class 'com.example.Cloud'");
    }

    @Test
    void dataCenterInfoWithAnUnknownName() {
        assertRejected(instance("'dataCenterInfo':{'@class':'com.netflix.appinfo.MyDataCenterInfo','name':'myown'}"))
                .hasMessage("invalid dataCenterInfo name 'myown'");
    }

    @Test
    void dataCenterInfoWithoutName() {
        assertRejected(instance("'dataCenterInfo':{'@class':'com.netflix.appinfo.MyDataCenterInfo'}"))
                .hasMessage("dataCenterInfo without name");
    }

    @Test
    void dataCenterInfoThatIsNotAnObject() {
        assertRejected(instance("'dataCenterInfo':'MyOwn'")).hasMessage("dataCenterInfo must be an object");
    }

    @Test
    void objectWhereAScalarIsNeeded() {
        assertRejected(instance("'hostName':{'a':1}")).hasMessage("hostName must be a single value, not an object");
        assertRejected(instance("'status':['UP']")).hasMessage("status must be a single value, not an array");
    }

    @Test
    void nonNumericTimestamp() {
        assertRejected(instance("'lastUpdatedTimestamp':'abc'")).hasMessage("invalid lastUpdatedTimestamp 'abc'");
    }

    @Test
    void fractionalTimestamp() {
        assertRejected(instance("'lastDirtyTimestamp':17.5")).hasMessage("invalid lastDirtyTimestamp '17.5'");
    }

    @Test
    void timestampBeyondLong() {
        assertRejected(instance("'lastDirtyTimestamp':99999999999999999999"))
                .hasMessage("invalid lastDirtyTimestamp '99999999999999999999'");
    }

    @Test
    void booleanWhereANumberIsNeeded() {
        assertRejected(instance("'countryId':true")).hasMessage("invalid countryId 'true'");
    }

    @Test
    void nonNumericPort() {
        assertRejected(instance("'port':{'$':'http'}")).hasMessage("invalid port 'http'");
    }

    @Test
    void portBeyondInt() {
        assertRejected(instance("'securePort':{'$':4294967296}")).hasMessage("invalid securePort '4294967296'");
    }

    @Test
    void unreadablePortFlag() {
        assertRejected(instance("'port':{'$':1,'@enabled':'yes'}")).hasMessage("invalid port @enabled 'yes'");
        assertRejected(instance("'port':{'$':1,'@enabled':2}")).hasMessage("invalid port @enabled '2'");
    }

    @Test
    void unreadableCoordinatingFlag() {
        assertRejected(instance("'isCoordinatingDiscoveryServer':'maybe'"))
                .hasMessage("invalid isCoordinatingDiscoveryServer 'maybe'");
    }

    @Test
    void unknownActionType() {
        assertRejected(instance("'actionType':'UPDATED'")).hasMessage("invalid actionType 'UPDATED'");
    }

    @Test
    void metadataValueThatIsAnObject() {
        assertRejected(instance("'metadata':{'k':{'nested':'v'}}"))
                .hasMessage("metadata 'k' must be a single value, not an object");
    }

    @Test
    void metadataThatIsNotAnObject() {
        assertRejected(instance("'metadata':['a']")).hasMessage("metadata must be an object");
    }

    @Test
    void leaseInfoWithANonNumericValue() {
        assertRejected(instance("'leaseInfo':{'durationInSecs':'ninety'}")).hasMessage("invalid durationInSecs 'ninety'");
    }

    @Test
    void applicationWithoutName() {
        assertThatThrownBy(() -> codec.readApplication(bytes("{'application':{'instance':[]}}")))
                .isInstanceOf(CodecException.class).hasMessage("application without name");
    }

    @Test
    void instanceListHoldingAScalar() {
        assertThatThrownBy(() -> codec.readApplication(bytes("{'application':{'name':'A','instance':['x']}}")))
                .isInstanceOf(CodecException.class).hasMessage("instance must be an object");
    }

    @Test
    void nonNumericVersion() {
        assertThatThrownBy(() -> codec.readApplications(bytes("{'applications':{'versions__delta':'v1'}}")))
                .isInstanceOf(CodecException.class).hasMessage("invalid versions__delta 'v1'");
    }

    @Test
    void longValuesAreCutInMessages() {
        String huge = "X".repeat(10_000);
        Throwable t = catchThrowable(() -> codec.readInstance(bytes(instance("'status':'" + huge + "'"))));
        assertThat(t).isInstanceOf(CodecException.class).hasMessageStartingWith("invalid status 'XXXX");
        assertThat(t.getMessage()).hasSizeLessThan(100);
    }

    @Test
    void nestingBeyondJacksonsLimitIsMalformed() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertRejected(instance("'ext':" + deep)).hasMessageStartingWith("malformed JSON");
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] doc = bytes(instance("'hostName':'h?'"));
        doc[doc.length - 5] = (byte) 0xC3;
        assertThatThrownBy(() -> codec.readInstance(doc)).isInstanceOf(CodecException.class)
                .hasMessageStartingWith("malformed JSON");
    }

    @Test
    void failingStreamIsACodecException() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> codec.readInstance(broken)).isInstanceOf(CodecException.class)
                .hasMessageContaining("connection reset");
    }

    @Test
    void bodyReaderMustStartOnAnObject() throws IOException {
        try (JsonParser p = codec.factory().createParser("[1]")) {
            p.nextToken();
            assertThatThrownBy(() -> codec.readInstanceBody(p)).isInstanceOf(CodecException.class)
                    .hasMessage("instance must be an object");
        }
    }

    @Test
    void bodyReaderReportsMalformedJsonAsCodecException() throws IOException {
        try (JsonParser p = codec.factory().createParser("{\"hostName\":\"h\",}")) {
            p.nextToken();
            assertThatThrownBy(() -> codec.readInstanceBody(p)).isInstanceOf(CodecException.class)
                    .hasMessageStartingWith("malformed JSON at line 1");
        }
    }

    /** Cut anywhere, a registry document is either still valid or a CodecException, never anything else. */
    @Test
    void everyTruncationIsACodecException() {
        byte[] full = codec.writeApplications(Samples.registry(), false);
        for (int cut = 0; cut < full.length; cut++) {
            byte[] head = Arrays.copyOf(full, cut);
            assertThat(catchThrowable(() -> codec.readApplications(head))).as("cut at %d", cut)
                    .isInstanceOf(CodecException.class);
        }
    }

    /** Random byte damage either still decodes or is a CodecException, never another exception type. */
    @Test
    void corruptedBytesNeverEscapeAsOtherExceptions() {
        byte[] full = codec.writeApplications(Samples.registry(), false);
        Random random = new Random(42);
        byte[] alphabet = "{}[]\",:0a-.\\ nt".getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < 3000; round++) {
            byte[] damaged = full.clone();
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                damaged[random.nextInt(damaged.length)] = alphabet[random.nextInt(alphabet.length)];
            }
            Throwable t = catchThrowable(() -> codec.readApplications(damaged));
            if (t != null) {
                assertThat(t).as("round %d", round).isInstanceOf(CodecException.class);
            }
        }
        assertThat(codec.readApplications(full)).isInstanceOf(Applications.class);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String singleQuoted) {
        return assertThatThrownBy(() -> codec.readInstance(bytes(singleQuoted))).isInstanceOf(CodecException.class);
    }

    private static String instance(String fields) {
        return "{'instance':{" + fields + "}}";
    }
}
