package io.cairn.server.http;

import static io.cairn.server.http.LiveServer.instanceJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.server.config.CairnConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Details of Eureka's wire protocol on a live node: compact JSON, XML bodies, v1 paths, informational endpoints. */
class WireDetailsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LiveServer live = new LiveServer(CairnConfig.builder().anonymousOverrides(true).peerToken("t"));

    @AfterEach
    void stop() {
        live.close();
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static String contentType(HttpResponse<byte[]> r) {
        return r.headers().firstValue("Content-Type").orElse("");
    }

    private void register(String app, String id, String status) {
        assertThat(live.postJson("/eureka/apps/" + app, instanceJson(app, id, status)).statusCode()).isEqualTo(204);
    }

    private HttpResponse<byte[]> getWithoutAccept(String path) {
        return live.send(HttpRequest.newBuilder(live.uri(path)).GET());
    }

    // ---------------------------------------------------------------- (a) compact JSON

    @Test
    void xEurekaAcceptCompactServesTheMiniJsonWithoutLeaseMetadataOrOverride() throws Exception {
        register("ORDERS", "o1", "UP");

        HttpResponse<byte[]> full = live.get("/eureka/apps", "application/json");
        HttpResponse<byte[]> compact = live.send(HttpRequest.newBuilder(live.uri("/eureka/apps"))
                .header("Accept", "application/json").header("X-Eureka-Accept", "compact").GET());

        assertThat(compact.statusCode()).isEqualTo(200);
        assertThat(contentType(compact)).startsWith("application/json");
        // The full form carries what the mini form leaves out, so the difference is the header's doing.
        assertThat(text(full)).contains("\"leaseInfo\"", "\"overriddenStatus\"", "\"countryId\"",
                "\"management.port\"", "\"lastDirtyTimestamp\"", "\"isCoordinatingDiscoveryServer\"");
        assertThat(text(compact)).doesNotContain("\"leaseInfo\"", "\"overriddenStatus\"", "\"countryId\"",
                "\"metadata\"", "\"management.port\"", "\"lastDirtyTimestamp\"", "\"isCoordinatingDiscoveryServer\"");

        JsonNode instance = MAPPER.readTree(compact.body()).path("applications").path("application").get(0)
                .path("instance").get(0);
        assertThat(instance.path("instanceId").asText()).isEqualTo("o1");
        assertThat(instance.path("app").asText()).isEqualTo("ORDERS");
        assertThat(instance.path("hostName").asText()).isEqualTo("o1.internal");
        assertThat(instance.path("status").asText()).isEqualTo("UP");
        assertThat(instance.path("port").path("$").asInt()).isEqualTo(8080);
        // The mini codec writes lastUpdatedTimestamp as a number, the full one as a string.
        assertThat(instance.path("lastUpdatedTimestamp").isNumber()).isTrue();
        assertThat(MAPPER.readTree(full.body()).path("applications").path("application").get(0).path("instance")
                .get(0).path("lastUpdatedTimestamp").isTextual()).isTrue();
    }

    @Test
    void compactIsOnlyAJsonVariantSoAnXmlReadStaysFull() {
        register("ORDERS", "o1", "UP");

        HttpResponse<byte[]> r = live.send(HttpRequest.newBuilder(live.uri("/eureka/apps"))
                .header("X-Eureka-Accept", "compact").GET());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(contentType(r)).startsWith("application/xml");
        assertThat(text(r)).contains("<leaseInfo>", "<overriddenstatus>UNKNOWN</overriddenstatus>");
    }

    // ---------------------------------------------------------------- (b) XML register

    @Test
    void aRegistrationWithAnXmlBodyIs204AndReadable() throws Exception {
        String xml = "<instance>"
                + "<instanceId>x1</instanceId>"
                + "<hostName>x1.internal</hostName>"
                + "<app>XMLAPP</app>"
                + "<ipAddr>10.0.0.7</ipAddr>"
                + "<status>UP</status>"
                + "<overriddenstatus>UNKNOWN</overriddenstatus>"
                + "<port enabled=\"true\">8081</port>"
                + "<securePort enabled=\"false\">443</securePort>"
                + "<countryId>1</countryId>"
                + "<dataCenterInfo class=\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\">"
                + "<name>MyOwn</name></dataCenterInfo>"
                + "<leaseInfo><renewalIntervalInSecs>30</renewalIntervalInSecs><durationInSecs>90</durationInSecs>"
                + "<registrationTimestamp>0</registrationTimestamp><lastRenewalTimestamp>0</lastRenewalTimestamp>"
                + "<evictionTimestamp>0</evictionTimestamp><serviceUpTimestamp>0</serviceUpTimestamp></leaseInfo>"
                + "<metadata><zone>z1</zone></metadata>"
                + "<vipAddress>xmlapp</vipAddress>"
                + "<secureVipAddress>xmlapp</secureVipAddress>"
                + "<isCoordinatingDiscoveryServer>false</isCoordinatingDiscoveryServer>"
                + "<lastUpdatedTimestamp>1712000000000</lastUpdatedTimestamp>"
                + "<lastDirtyTimestamp>1712000000000</lastDirtyTimestamp>"
                + "</instance>";

        HttpResponse<byte[]> r = live.send(HttpRequest.newBuilder(live.uri("/eureka/apps/XMLAPP"))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml)));

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        HttpResponse<byte[]> read = live.get("/eureka/apps/XMLAPP/x1", "application/json");
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode instance = MAPPER.readTree(read.body()).path("instance");
        assertThat(instance.path("hostName").asText()).isEqualTo("x1.internal");
        assertThat(instance.path("ipAddr").asText()).isEqualTo("10.0.0.7");
        assertThat(instance.path("port").path("$").asInt()).isEqualTo(8081);
        assertThat(instance.path("status").asText()).isEqualTo("UP");
        assertThat(instance.path("metadata").path("zone").asText()).isEqualTo("z1");
        assertThat(instance.path("lastDirtyTimestamp").asText()).isEqualTo("1712000000000");
        assertThat(text(live.get("/eureka/apps", "application/json"))).contains("\"instanceId\":\"x1\"");
    }

    // ---------------------------------------------------------------- (c) instances by id

    @Test
    void instancesByIdFindsALocalInstanceInJsonOrXmlByAccept() throws Exception {
        register("ORDERS", "o1", "UP");
        register("GATEWAY", "g1", "UP");

        HttpResponse<byte[]> json = live.get("/eureka/instances/g1", "application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(contentType(json)).startsWith("application/json");
        JsonNode instance = MAPPER.readTree(json.body()).path("instance");
        assertThat(instance.path("instanceId").asText()).isEqualTo("g1");
        assertThat(instance.path("app").asText()).isEqualTo("GATEWAY");

        HttpResponse<byte[]> xml = getWithoutAccept("/eureka/instances/o1");
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(contentType(xml)).startsWith("application/xml");
        assertThat(text(xml)).startsWith("<instance>").contains("<instanceId>o1</instanceId>", "<app>ORDERS</app>");

        HttpResponse<byte[]> wildcard = live.get("/eureka/instances/o1", "*/*");
        assertThat(contentType(wildcard)).startsWith("application/xml");
    }

    @Test
    void instancesByIdOfAnUnknownIdIsAnEmpty404() {
        register("ORDERS", "o1", "UP");

        HttpResponse<byte[]> json = live.get("/eureka/instances/nope", "application/json");
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.body()).isEmpty();
        HttpResponse<byte[]> xml = getWithoutAccept("/eureka/instances/nope");
        assertThat(xml.statusCode()).isEqualTo(404);
        assertThat(xml.body()).isEmpty();
        // The app name is not an instance id.
        assertThat(live.get("/eureka/instances/ORDERS", "application/json").statusCode()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- (d) /v1/ downgrade

    @Test
    void v1XmlDowngradesOutOfServiceToDownButLeavesTheOverrideAndTheHash() {
        register("ORDERS", "o1", "UP");
        assertThat(live.put("/eureka/apps/ORDERS/o1/status?value=OUT_OF_SERVICE").statusCode()).isEqualTo(200);

        // v1 first: a v1 document cached under the same key as the v2 one would show in the v2 read below.
        String v1 = text(getWithoutAccept("/eureka/v1/apps"));
        assertThat(v1).contains("<status>DOWN</status>", "<overriddenstatus>OUT_OF_SERVICE</overriddenstatus>",
                "<apps__hashcode>OUT_OF_SERVICE_1_</apps__hashcode>");
        assertThat(v1).doesNotContain("<status>OUT_OF_SERVICE</status>");

        for (String path : new String[] {"/eureka/apps", "/eureka/v2/apps", "/eureka/anything/apps"}) {
            String v2 = text(getWithoutAccept(path));
            assertThat(v2).as(path).contains("<status>OUT_OF_SERVICE</status>",
                    "<overriddenstatus>OUT_OF_SERVICE</overriddenstatus>");
        }
    }

    @Test
    void v1DowngradesEverySingleInstanceAndApplicationReadInXml() {
        register("ORDERS", "o1", "UP");
        live.put("/eureka/apps/ORDERS/o1/status?value=OUT_OF_SERVICE");

        for (String path : new String[] {"/eureka/v1/apps/ORDERS", "/eureka/v1/apps/ORDERS/o1",
                "/eureka/v1/instances/o1", "/eureka/V1/apps/ORDERS/o1", "/eureka/v1/apps/delta",
                "/eureka/v1/vips/orders"}) {
            HttpResponse<byte[]> r = getWithoutAccept(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(text(r)).as(path).contains("<status>DOWN</status>")
                    .doesNotContain("<status>OUT_OF_SERVICE</status>");
        }
        assertThat(text(getWithoutAccept("/eureka/apps/ORDERS/o1"))).contains("<status>OUT_OF_SERVICE</status>");
    }

    @Test
    void v1LeavesJsonAndTheStatusesV1KnowsAlone() {
        register("ORDERS", "o1", "UP");
        register("ORDERS", "o2", "STARTING");
        live.put("/eureka/apps/ORDERS/o1/status?value=OUT_OF_SERVICE");

        String json = text(live.get("/eureka/v1/apps", "application/json"));
        assertThat(json).contains("\"status\":\"OUT_OF_SERVICE\"").doesNotContain("\"status\":\"DOWN\"");
        assertThat(text(getWithoutAccept("/eureka/v1/apps/ORDERS/o2"))).contains("<status>STARTING</status>");
    }

    // ---------------------------------------------------------------- (e) status, overrides, ASG

    @Test
    void statusIsJsonDescribingTheNode() throws Exception {
        register("ORDERS", "o1", "UP");

        HttpResponse<byte[]> r = getWithoutAccept("/eureka/status");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(contentType(r)).startsWith("application/json");
        JsonNode body = MAPPER.readTree(r.body());
        assertThat(body.path("registry").path("instances").asInt()).isEqualTo(1);
        assertThat(body.path("registry").path("byStatus").path("UP").asInt()).isEqualTo(1);
        assertThat(body.path("selfPreservation").path("enabled").asBoolean()).isTrue();
        assertThat(body.path("selfPreservation").path("expectedClients").asInt()).isEqualTo(2);
        assertThat(body.has("generalStats")).isTrue();
    }

    @Test
    void statusOverridesListsAnOverrideOnceItIsSetAndNotAfterItIsRemoved() throws Exception {
        register("ORDERS", "o1", "UP");
        assertThat(MAPPER.readTree(live.get("/eureka/serverinfo/statusoverrides", "application/json").body())
                .size()).isZero();

        assertThat(live.put("/eureka/apps/ORDERS/o1/status?value=OUT_OF_SERVICE").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> r = getWithoutAccept("/eureka/serverinfo/statusoverrides");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(contentType(r)).startsWith("application/json");
        JsonNode overrides = MAPPER.readTree(r.body());
        assertThat(overrides.size()).isEqualTo(1);
        assertThat(overrides.path("o1").asText()).isEqualTo("OUT_OF_SERVICE");

        assertThat(live.delete("/eureka/apps/ORDERS/o1/status").statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(getWithoutAccept("/eureka/serverinfo/statusoverrides").body()).size()).isZero();
    }

    @Test
    void asgStatusIs400() {
        HttpResponse<byte[]> r = live.put("/eureka/asg/x/status?value=ENABLED");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(text(r)).containsIgnoringCase("ASG");
        assertThat(live.put("/eureka/asg/x/status").statusCode()).isEqualTo(400);
    }

    // ---------------------------------------------------------------- (f) 409 negotiation

    private HttpRequest.Builder replicatedHeartbeat(String lastDirtyTimestamp) {
        return HttpRequest.newBuilder(live.uri("/eureka/apps/ORDERS/o1?status=UP&lastDirtyTimestamp="
                        + lastDirtyTimestamp))
                .header("Authorization", "Bearer t")
                .header("x-netflix-discovery-replication", "true")
                .PUT(HttpRequest.BodyPublishers.noBody());
    }

    @Test
    void aConflictOnAReplicatedHeartbeatWithoutAcceptIsXmlCarryingOurCopy() {
        // instanceJson registers with lastDirtyTimestamp 1712000000000; the peer's copy is older.
        register("ORDERS", "o1", "UP");

        HttpResponse<byte[]> r = live.send(replicatedHeartbeat("1711999999000"));

        assertThat(r.request().headers().firstValue("Accept")).isEmpty();
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(contentType(r)).startsWith("application/xml");
        assertThat(text(r)).startsWith("<instance>")
                .contains("<instanceId>o1</instanceId>", "<lastDirtyTimestamp>1712000000000</lastDirtyTimestamp>");
        assertThat(r.headers().firstValue("X-Cairn-Index")).isPresent();
    }

    @Test
    void aConflictIsJsonWhenThePeerAsksForJson() throws Exception {
        register("ORDERS", "o1", "UP");

        HttpResponse<byte[]> r = live.send(replicatedHeartbeat("1711999999000").header("Accept", "application/json"));

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(contentType(r)).startsWith("application/json");
        assertThat(MAPPER.readTree(r.body()).path("instance").path("lastDirtyTimestamp").asText())
                .isEqualTo("1712000000000");
    }

    @Test
    void theSameOlderHeartbeatFromAClientOrWithoutPeerCredentialsIsNoConflict() {
        register("ORDERS", "o1", "UP");

        HttpResponse<byte[]> noHeader = live.send(HttpRequest.newBuilder(live.uri(
                        "/eureka/apps/ORDERS/o1?status=UP&lastDirtyTimestamp=1711999999000"))
                .header("Authorization", "Bearer t").PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(noHeader.statusCode()).isEqualTo(200);
        HttpResponse<byte[]> anonymous = live.send(HttpRequest.newBuilder(live.uri(
                        "/eureka/apps/ORDERS/o1?status=UP&lastDirtyTimestamp=1711999999000"))
                .header("x-netflix-discovery-replication", "true").PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(anonymous.statusCode()).isEqualTo(200);
    }
}
