package io.cairn.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.model.DataCenterInfo;
import io.cairn.model.InstanceInfo;
import io.cairn.server.http.LiveServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A registry document too large to keep twice: held compressed only, served whole with and without gzip. */
class LargeDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private LiveServer live = new LiveServer();

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void aLargeRegistryIsKeptCompressedAndServedWholeWithAndWithoutGzip() throws IOException {
        fetchLargeRegistryBothWays();
    }

    @Test
    void aRegistryTooLargeForAPlainCopyIsInflatedAsItIsSent() throws IOException {
        live.close();
        live = new LiveServer(io.cairn.server.config.CairnConfig.builder().maxPlainCopyBytes(0));
        fetchLargeRegistryBothWays();
    }

    private void fetchLargeRegistryBothWays() throws IOException {
        String padding = "p".repeat(2_000);
        for (int i = 0; i < 400; i++) {
            live.server.registry().register(InstanceInfo.builder().instanceId("big-" + i).app("BIG-" + (i % 7))
                    .hostName("host-" + i).ipAddr("10.0.0.1").dataCenterInfo(DataCenterInfo.MY_OWN)
                    .metadata(Map.of("padding", padding)).build(), false);
        }

        HttpResponse<byte[]> plain = live.send(HttpRequest.newBuilder(live.uri("/eureka/apps"))
                .header("Accept", "application/json").GET());
        HttpResponse<byte[]> gzipped = live.send(HttpRequest.newBuilder(live.uri("/eureka/apps"))
                .header("Accept", "application/json").header("Accept-Encoding", "gzip").GET());

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body().length).isGreaterThan(Payload.KEEP_PLAIN_UP_TO);
        assertThat(plain.headers().firstValue("Content-Length")).hasValue(Integer.toString(plain.body().length));
        assertThat(plain.headers().firstValue("X-Cairn-Index")).hasValue("400");
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] inflated = new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes();
        assertThat(inflated).isEqualTo(plain.body());

        JsonNode apps = JSON.readTree(plain.body()).get("applications").get("application");
        int instances = 0;
        for (JsonNode app : apps) {
            instances += app.get("instance").size();
        }
        assertThat(instances).isEqualTo(400);
        // One document built for both answers, and kept compressed only.
        assertThat(live.server.payloadCache().builds()).isEqualTo(1);
    }
}
