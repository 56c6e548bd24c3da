package io.cairn.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cairn.model.Applications;
import io.cairn.model.DataCenterInfo;
import io.cairn.model.InstanceInfo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The JSON writer's own contract beyond byte-compatibility: shape details, streams, bodies, concurrency. */
class JsonWriterTest {

    private final EurekaJsonCodec codec = new EurekaJsonCodec(() -> 0);

    @Test
    void outputIsCompactWithoutWhitespace() {
        String json = utf8(codec.writeApplications(Samples.registry(), false));

        assertThat(json).doesNotContain(": ", ", ", "\n").startsWith("{\"applications\":{\"versions__delta\":\"42\",");
    }

    @Test
    void sidIsLeftOutWhenItCarriesNoInformation() {
        for (String sid : new String[] {"na", "unknown", null}) {
            assertThat(utf8(codec.writeInstance(Samples.spring().toBuilder().sid(sid).build())))
                    .as(sid).doesNotContain("\"sid\"");
        }
        assertThat(utf8(codec.writeInstance(Samples.spring().toBuilder().sid("s1").build())))
                .contains("\"ipAddr\":\"10.20.0.11\",\"sid\":\"s1\",\"status\"");
    }

    @Test
    void emptyMetadataIsTheEmptyMapMarker() {
        assertThat(utf8(codec.writeInstance(Samples.minimal())))
                .contains("\"metadata\":{\"@class\":\"java.util.Collections$EmptyMap\"}");
    }

    @Test
    void amazonWithoutMetadataIsAnEmptyObjectLikeTheLegacyWriter() {
        InstanceInfo i = Samples.spring().toBuilder().dataCenterInfo(new DataCenterInfo("Amazon", Map.of())).build();

        assertThat(utf8(codec.writeInstance(i)))
                .isEqualTo(utf8(Netflix.encode(Netflix.JSON, Netflix.toNetflix(i))))
                .contains("{\"@class\":\"com.netflix.appinfo.AmazonInfo\",\"name\":\"Amazon\",\"metadata\":{}}");
    }

    @Test
    void autoFieldsAreStrings() {
        InstanceInfo i = Samples.amazon();

        assertThat(utf8(codec.writeInstance(i))).contains("\"isCoordinatingDiscoveryServer\":\"true\","
                + "\"lastUpdatedTimestamp\":\"1712000400000\",\"lastDirtyTimestamp\":\"1712000399000\","
                + "\"actionType\":\"MODIFIED\",\"asgName\":\"billing-v042\"}");
    }

    /** Supplementary characters go out as 4-byte UTF-8, as in Netflix's string-built payloads, not as escapes. */
    @Test
    void supplementaryCharactersAreRawUtf8() {
        byte[] json = codec.writeInstance(Samples.spring().toBuilder().metadata(Map.of("e", "😀")).build());

        assertThat(utf8(json)).contains("\"e\":\"😀\"").doesNotContain("\\uD83D");
    }

    @Test
    void controlCharactersAreEscapedLikeTheLegacyWriter() {
        InstanceInfo i = Samples.spring().toBuilder().metadata(Map.of("c", "a\u0001b\u001fc\bd")).build();

        assertThat(utf8(codec.writeInstance(i)))
                .isEqualTo(utf8(Netflix.encode(Netflix.JSON, Netflix.toNetflix(i))))
                .contains("\"c\":\"a\\u0001b\\u001Fc\\bd\"");
        assertThat(codec.readInstance(codec.writeInstance(i)).metadata()).containsEntry("c", "a\u0001b\u001fc\bd");
    }

    @Test
    void streamingGivesTheSameBytesAndLeavesTheStreamOpen() throws IOException {
        XmlWriterTest.ClosingTrackingStream out = new XmlWriterTest.ClosingTrackingStream();

        codec.writeApplications(Samples.registry(), false, out);

        assertThat(out.toByteArray()).isEqualTo(codec.writeApplications(Samples.registry(), false));
        assertThat(out.closed).isFalse();
    }

    @Test
    void instanceBodyHasNoWrapper() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = codec.factory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("appName", "ORDER-SERVICE");
            g.writeFieldName("instanceInfo");
            codec.writeInstanceBody(g, Samples.spring());
            g.writeEndObject();
        }

        String instance = utf8(codec.writeInstance(Samples.spring()));
        String body = instance.substring("{\"instance\":".length(), instance.length() - 1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"appName\":\"ORDER-SERVICE\",\"instanceInfo\":" + body + "}");
    }

    @Test
    void oneCodecServesManyThreads() throws Exception {
        Applications registry = Samples.registry();
        byte[] expected = codec.writeApplications(registry, false);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = pool.invokeAll(java.util.Collections.nCopies(16, () -> {
                for (int k = 0; k < 50; k++) {
                    byte[] written = codec.writeApplications(registry, false);
                    if (!java.util.Arrays.equals(written, expected) || !codec.readApplications(written).equals(registry)) {
                        return false;
                    }
                }
                return true;
            }));
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
