package io.cairn.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BodiesTest {
    private final Bodies bodies = new Bodies("SVC", 10, 90);

    @Test
    void registerBodiesAreEurekaJsonOfAboutOneKilobyte() throws Exception {
        byte[] body = bodies.register(12345);
        JsonNode i = new ObjectMapper().readTree(body).path("instance");
        assertThat(i.path("app").asText()).isEqualTo("SVC-01234");
        assertThat(i.path("instanceId").asText()).isEqualTo(bodies.id(12345));
        assertThat(i.path("port").path("$").asInt()).isEqualTo(8080);
        assertThat(i.path("leaseInfo").path("durationInSecs").asInt()).isEqualTo(90);
        assertThat(body.length).isBetween(700, 1400);
    }

    @Test
    void aMillionInstancesHaveDistinctIdsInAppsOfTen() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1_000_000; i += 997) {
            ids.add(bodies.id(i));
        }
        assertThat(ids).hasSize((1_000_000 + 996) / 997);
        assertThat(bodies.app(9)).isEqualTo(bodies.app(0));
        assertThat(bodies.app(10)).isNotEqualTo(bodies.app(9));
        assertThat(bodies.renewPath(3)).startsWith("apps/SVC-00000/" + bodies.id(3) + "?status=UP&lastDirtyTimestamp=");
    }

    @Test
    void countsInstancesInARegistryDocument() {
        String doc = "{\"applications\":{\"versions__delta\":\"1\",\"apps__hashcode\":\"UP_3_\",\"application\":["
                + "{\"name\":\"A\",\"instance\":[{\"hostName\":\"h1\",\"port\":{\"$\":1}},{\"hostName\":\"h2\"}]},"
                + "{\"name\":\"B\",\"instance\":[{\"hostName\":\"h3\",\"metadata\":{\"hostName\":\"x\"}}]}]}}";
        assertThat(Scenarios.countInstances(Buffer.buffer(doc))).isEqualTo(3);
    }
}
