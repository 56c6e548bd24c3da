package io.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wire details a replacement must get right (spec section 9), checked with plain HTTP against a live node:
 * paths, status codes, empty bodies, content negotiation, compression, deltas and hashes, peer replication.
 */
class EurekaWireConformanceTest {
    private static final String JSON = "application/json";

    private Cairn cairn;
    private RawEureka http;

    @BeforeEach
    void startCairn() {
        cairn = Cairn.start();
        http = new RawEureka(cairn);
    }

    @AfterEach
    void stopCairn() {
        cairn.close();
    }

    // ------------------------------------------------------------------------------------------------ paths

    @ParameterizedTest
    @ValueSource(strings = {
        "/eureka/apps", "/eureka/apps/", "/eureka/v2/apps", "/eureka/v2/apps/", "/eureka/v1/apps",
        "/eureka/anything/apps/", "/eureka//apps", "/eureka/apps//", "/eureka//v2//apps//"})
    void theRegistryIsServedUnderEveryBasePathVariantTheClientsUse(String path) {
        assertThat(http.register(InstanceDoc.of("DEMO", "demo-1"))).isEqualTo(204);

        JsonNode doc = http.readJson(path);

        assertThat(RawEureka.instancesOf(doc)).extracting(i -> i.path("instanceId").asText())
                .containsExactly("demo-1");
    }

    @Test
    void writesAcceptVersionSegmentsTrailingAndDoubledSlashes() {
        InstanceDoc demo = InstanceDoc.of("DEMO", "demo-1");
        byte[] body = demo.json().getBytes(StandardCharsets.UTF_8);

        assertThat(http.send("POST", "/eureka/v2/apps/DEMO/", body, "Content-Type", JSON).statusCode())
                .isEqualTo(204);
        assertThat(http.send("PUT", "/eureka//apps/DEMO/demo-1/?status=UP", null).statusCode()).isEqualTo(200);
        assertThat(http.send("PUT", "/eureka/v2/apps/DEMO/demo-1?status=UP", null).statusCode()).isEqualTo(200);
        assertThat(http.get("/eureka/apps/DEMO/demo-1/", "Accept", JSON).statusCode()).isEqualTo(200);
        assertThat(http.get("/eureka/v2/apps/delta/", "Accept", JSON).statusCode()).isEqualTo(200);
        assertThat(http.send("DELETE", "/eureka/v2/apps/DEMO/demo-1/", null).statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------------------------------------ status codes

    @Test
    void registerRenewAndCancelAnswerWithTheCodesTheClientsRequire() {
        HttpResponse<byte[]> register = http.send("POST", "/eureka/apps/DEMO",
                InstanceDoc.of("DEMO", "demo-1").json().getBytes(StandardCharsets.UTF_8), "Content-Type", JSON);
        assertThat(register.statusCode()).as("register").isEqualTo(204);
        assertThat(register.body()).isEmpty();

        HttpResponse<byte[]> renew = http.renew("DEMO", "demo-1");
        assertThat(renew.statusCode()).as("renew (not 204)").isEqualTo(200);

        // The Netflix client registers again on a 404 only if the body is empty.
        HttpResponse<byte[]> unknownRenew = http.renew("DEMO", "nobody");
        assertThat(unknownRenew.statusCode()).isEqualTo(404);
        assertThat(unknownRenew.body()).isEmpty();

        assertThat(http.cancel("DEMO", "demo-1").statusCode()).isEqualTo(200);
        assertThat(http.cancel("DEMO", "demo-1").statusCode()).isEqualTo(404);

        HttpResponse<byte[]> renewAfterCancel = http.renew("DEMO", "demo-1");
        assertThat(renewAfterCancel.statusCode()).isEqualTo(404);
        assertThat(renewAfterCancel.body()).isEmpty();
    }

    @Test
    void anAppNameInThePathIsCaseInsensitive() {
        assertThat(http.register("demo", InstanceDoc.of("demo", "demo-1").json())).isEqualTo(204);

        assertThat(http.renew("Demo", "demo-1").statusCode()).isEqualTo(200);
        assertThat(http.readJson("/eureka/apps/DEMO").path("application").path("name").asText()).isEqualTo("DEMO");
    }

    @ParameterizedTest
    @ValueSource(strings = {"?value=up", "?value=BOGUS", "?value=", ""})
    void aStatusOverrideWithAnInvalidValueIsABadRequestNotAServerError(String query) {
        assertThat(http.register(InstanceDoc.of("DEMO", "demo-1"))).isEqualTo(204);

        HttpResponse<byte[]> r = http.send("PUT", "/eureka/apps/DEMO/demo-1/status" + query, null);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(cairn.instance("DEMO", "demo-1").orElseThrow().status())
                .isEqualTo(io.cairn.model.InstanceStatus.UP);
    }

    @Test
    void statusOverridesAnswer200ForAKnownInstanceAnd404ForAnUnknownOne() {
        assertThat(http.register(InstanceDoc.of("DEMO", "demo-1"))).isEqualTo(204);

        assertThat(http.send("PUT", "/eureka/apps/DEMO/demo-1/status?value=OUT_OF_SERVICE", null).statusCode())
                .isEqualTo(200);
        assertThat(http.send("DELETE", "/eureka/apps/DEMO/demo-1/status", null).statusCode()).isEqualTo(200);
        assertThat(http.send("PUT", "/eureka/apps/DEMO/nobody/status?value=OUT_OF_SERVICE", null).statusCode())
                .isEqualTo(404);
        assertThat(http.send("DELETE", "/eureka/apps/DEMO/nobody/status", null).statusCode()).isEqualTo(404);
        assertThat(http.send("PUT", "/eureka/apps/DEMO/nobody/metadata?a=b", null).statusCode()).isEqualTo(404);
    }

    // ------------------------------------------------------------------------------------------------ negotiation

    @ParameterizedTest
    @ValueSource(strings = {"/eureka/apps", "/eureka/apps/delta", "/eureka/apps/DEMO", "/eureka/vips/demo"})
    void jsonOnlyWhenAcceptMentionsJsonAndXmlOtherwise(String path) {
        assertThat(http.register(InstanceDoc.of("DEMO", "demo-1"))).isEqualTo(204);

        assertJson(http.get(path, "Accept", JSON));
        assertJson(http.get(path, "Accept", "text/plain, application/json;q=0.9"));
        assertXml(http.get(path));
        assertXml(http.get(path, "Accept", "*/*"));
        assertXml(http.get(path, "Accept", "application/xml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/eureka/apps", "/eureka/apps/delta"})
    void gzipOnlyWhenAcceptEncodingAsksForIt(String path) {
        for (int i = 0; i < 20; i++) {
            // Enough instances for the body to be worth compressing.
            assertThat(http.register(InstanceDoc.of("DEMO", "demo-" + i).metadata("index", "" + i)))
                    .isEqualTo(204);
        }

        HttpResponse<byte[]> gzipped = http.get(path, "Accept", JSON, "Accept-Encoding", "gzip, deflate");
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith(JSON));
        JsonNode inflated = RawEureka.parse(RawEureka.gunzip(gzipped.body()));

        HttpResponse<byte[]> plain = http.get(path, "Accept", JSON);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(RawEureka.parse(plain.body())).isEqualTo(inflated);

        HttpResponse<byte[]> identity = http.get(path, "Accept", JSON, "Accept-Encoding", "identity");
        assertThat(identity.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(RawEureka.parse(identity.body())).isEqualTo(inflated);

        HttpResponse<byte[]> xml = http.get(path, "Accept-Encoding", "gzip");
        assertThat(xml.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(new String(RawEureka.gunzip(xml.body()), StandardCharsets.UTF_8).strip())
                .startsWith("<applications");
    }

    // ------------------------------------------------------------------------------------------------ index, delta

    @Test
    void everyAnswerCarriesTheRegistryIndexAndEveryWriteAdvancesIt() {
        long start = RawEureka.index(http.getJson("/eureka/apps"));

        HttpResponse<byte[]> register = http.send("POST", "/eureka/apps/DEMO",
                InstanceDoc.of("DEMO", "demo-1").json().getBytes(StandardCharsets.UTF_8), "Content-Type", JSON);
        long afterRegister = RawEureka.index(register);
        assertThat(afterRegister).isGreaterThan(start);
        assertThat(RawEureka.index(http.getJson("/eureka/apps"))).isGreaterThanOrEqualTo(afterRegister);
        assertThat(RawEureka.index(http.getJson("/eureka/apps/delta"))).isGreaterThanOrEqualTo(afterRegister);

        long afterRenew = RawEureka.index(http.renew("DEMO", "demo-1"));
        assertThat(afterRenew).as("a heartbeat changes nothing").isEqualTo(afterRegister);

        long afterOverride = RawEureka.index(
                http.send("PUT", "/eureka/apps/DEMO/demo-1/status?value=OUT_OF_SERVICE", null));
        assertThat(afterOverride).isGreaterThan(afterRenew);

        long afterMetadata = RawEureka.index(http.send("PUT", "/eureka/apps/DEMO/demo-1/metadata?k=v", null));
        assertThat(afterMetadata).isGreaterThan(afterOverride);

        long afterCancel = RawEureka.index(http.cancel("DEMO", "demo-1"));
        assertThat(afterCancel).isGreaterThan(afterMetadata);

        HttpResponse<byte[]> notFound = http.renew("DEMO", "demo-1");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(RawEureka.index(notFound)).isEqualTo(afterCancel);
    }

    @Test
    void theDeltaListsEachChangedInstanceOnceWithItsLatestActionAndTheFullRegistryHash() {
        for (String id : List.of("a-1", "b-1", "c-1")) {
            assertThat(http.register(InstanceDoc.of("DEMO", id))).isEqualTo(204);
        }
        assertThat(http.register(InstanceDoc.of("OTHER", "o-1"))).isEqualTo(204);
        assertThat(http.send("PUT", "/eureka/apps/DEMO/a-1/status?value=OUT_OF_SERVICE", null).statusCode())
                .isEqualTo(200);
        assertThat(http.cancel("DEMO", "b-1").statusCode()).isEqualTo(200);

        JsonNode delta = http.readJson("/eureka/apps/delta");
        JsonNode full = http.readJson("/eureka/apps");

        Map<String, JsonNode> byId = RawEureka.instancesOf(delta).stream()
                .collect(Collectors.toMap(i -> i.path("instanceId").asText(), Function.identity()));
        assertThat(RawEureka.instancesOf(delta)).hasSize(byId.size());
        assertThat(byId).containsOnlyKeys("a-1", "b-1", "c-1", "o-1");
        assertThat(byId.get("a-1").path("actionType").asText()).isEqualTo("MODIFIED");
        assertThat(byId.get("a-1").path("status").asText()).isEqualTo("OUT_OF_SERVICE");
        assertThat(byId.get("b-1").path("actionType").asText()).isEqualTo("DELETED");
        assertThat(byId.get("c-1").path("actionType").asText()).isEqualTo("ADDED");

        JsonNode deltaApps = delta.path("applications");
        assertThat(deltaApps.path("versions__delta").isTextual()).isTrue();
        assertThat(deltaApps.path("apps__hashcode").asText())
                .isEqualTo("OUT_OF_SERVICE_1_UP_2_")
                .isEqualTo(full.path("applications").path("apps__hashcode").asText());
        assertThat(full.path("applications").path("versions__delta").asText()).isEqualTo("1");
        assertThat(RawEureka.instancesOf(full)).extracting(i -> i.path("instanceId").asText())
                .containsExactlyInAnyOrder("a-1", "c-1", "o-1");
    }

    @Test
    void aReadRightAfterAWriteSeesIt() {
        for (int n = 0; n < 25; n++) {
            String id = "fresh-" + n;
            assertThat(http.register(InstanceDoc.of("FRESH", id))).isEqualTo(204);

            assertThat(idsIn(http.readJson("/eureka/apps"))).contains(id);
            assertThat(idsIn(http.readJson("/eureka/apps/delta"))).contains(id);
            assertThat(http.readJson("/eureka/apps/FRESH").path("application").path("instance"))
                    .extracting(i -> i.path("instanceId").asText()).contains(id);
            assertThat(idsIn(http.readJson("/eureka/vips/fresh"))).contains(id);

            if (n % 2 == 0) {
                assertThat(http.cancel("FRESH", id).statusCode()).isEqualTo(200);
                assertThat(idsIn(http.readJson("/eureka/apps"))).doesNotContain(id);
                assertThat(http.getJson("/eureka/apps/FRESH/" + id).statusCode()).isEqualTo(404);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ VIPs

    @Test
    void vipLookupsAnswer200WithVersionMinusOneEvenWhenNothingMatches() {
        JsonNode none = http.readJson("/eureka/vips/nothing-here");
        assertThat(none.path("applications").path("versions__delta").asText()).isEqualTo("-1");
        assertThat(none.path("applications").path("apps__hashcode").asText()).isEmpty();
        assertThat(none.path("applications").path("application").isArray()).isTrue();
        assertThat(none.path("applications").path("application")).isEmpty();
        assertThat(http.getJson("/eureka/svips/nothing-here").statusCode()).isEqualTo(200);

        assertThat(http.register(InstanceDoc.of("DEMO", "demo-1").vip("demo,demo-alias"))).isEqualTo(204);
        assertThat(http.register(InstanceDoc.of("OTHER", "other-1"))).isEqualTo(204);

        JsonNode hit = http.readJson("/eureka/vips/demo-alias");
        assertThat(hit.path("applications").path("versions__delta").asText()).isEqualTo("-1");
        assertThat(hit.path("applications").path("apps__hashcode").asText()).isEqualTo("UP_1_");
        assertThat(idsIn(hit)).containsExactly("demo-1");
        assertThat(idsIn(http.readJson("/eureka/svips/demo"))).containsExactly("demo-1");
        // Exact, case-sensitive match of one element of the comma-separated list.
        assertThat(idsIn(http.readJson("/eureka/vips/DEMO"))).isEmpty();
        assertThat(idsIn(http.readJson("/eureka/vips/demo-ali"))).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ replication

    @Test
    void aReplicatedHeartbeatOlderThanTheRegistrysCopyGets409WithThatCopy() {
        long dirty = System.currentTimeMillis() - 60_000;
        assertThat(http.register(InstanceDoc.of("DEMO", "demo-1").lastDirtyTimestamp(dirty))).isEqualTo(204);
        String path = "/eureka/apps/DEMO/demo-1?status=UP&lastDirtyTimestamp=";

        HttpResponse<byte[]> conflict = http.send("PUT", path + (dirty - 1000), null,
                "x-netflix-discovery-replication", "true", "Authorization", Cairn.PEER_AUTHORIZATION, "Accept", JSON);
        assertThat(conflict.statusCode()).isEqualTo(409);
        JsonNode copy = RawEureka.parse(conflict.body()).path("instance");
        assertThat(copy.path("instanceId").asText()).isEqualTo("demo-1");
        assertThat(copy.path("lastDirtyTimestamp").asText()).isEqualTo(Long.toString(dirty));

        // The same from a client (no replication header) is a plain success; newer data asks for a register.
        assertThat(http.send("PUT", path + (dirty - 1000), null).statusCode()).isEqualTo(200);
        assertThat(http.send("PUT", path + dirty, null, "x-netflix-discovery-replication", "true", "Authorization", Cairn.PEER_AUTHORIZATION).statusCode())
                .isEqualTo(200);
        HttpResponse<byte[]> newer = http.send("PUT", path + (dirty + 1000), null);
        assertThat(newer.statusCode()).isEqualTo(404);
        assertThat(newer.body()).isEmpty();
    }

    @Test
    void aPeerReplicationBatchIsAppliedInOrderWithOneStatusCodePerItem() {
        long dirty = System.currentTimeMillis() - 60_000;
        InstanceDoc peer = InstanceDoc.of("PEERED", "p-1").lastDirtyTimestamp(dirty);
        ArrayNode list = RawEureka.JSON.createArrayNode();
        list.add(item("Register", "p-1", dirty, "UP").set("instanceInfo", peer.node()));
        list.add(item("Heartbeat", "p-1", dirty, "UP"));
        list.add(item("Heartbeat", "ghost", dirty, "UP"));
        list.add(item("Heartbeat", "p-1", dirty - 1000, "UP"));
        list.add(item("StatusUpdate", "p-1", dirty, "OUT_OF_SERVICE"));
        list.add(item("Cancel", "ghost", null, null));
        list.add(item("DeleteStatusOverride", "p-1", dirty, "UP"));
        list.add(item("Cancel", "p-1", null, null));
        ObjectNode batch = RawEureka.JSON.createObjectNode();
        batch.set("replicationList", list);

        // Peers post to the path with a trailing slash, without the replication header.
        HttpResponse<byte[]> r = http.send("POST", "/eureka/peerreplication/batch/",
                batch.toString().getBytes(StandardCharsets.UTF_8),
                "Content-Type", JSON, "Accept", JSON, "Authorization", Cairn.PEER_AUTHORIZATION);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode responses = RawEureka.parse(r.body()).path("responseList");
        assertThat(responses).extracting(n -> n.path("statusCode").asInt())
                .containsExactly(200, 200, 404, 409, 200, 404, 200, 200);
        JsonNode conflict = responses.get(3).path("responseEntity");
        assertThat(conflict.path("instanceId").asText()).as("bare InstanceInfo, no root wrapper").isEqualTo("p-1");
        assertThat(conflict.path("lastDirtyTimestamp").asText()).isEqualTo(Long.toString(dirty));
        assertThat(responses.get(0).has("responseEntity")).isFalse();
        assertThat(cairn.statusHistoryOf("p-1")).containsSubsequence(
                io.cairn.model.InstanceStatus.UP, io.cairn.model.InstanceStatus.OUT_OF_SERVICE,
                io.cairn.model.InstanceStatus.UP);
        assertThat(cairn.instance("PEERED", "p-1")).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static ObjectNode item(String action, String id, Long dirty, String status) {
        ObjectNode n = RawEureka.JSON.createObjectNode();
        n.put("appName", "PEERED");
        n.put("id", id);
        if (dirty != null) {
            n.put("lastDirtyTimestamp", dirty);
        }
        if (status != null) {
            n.put("status", status);
        }
        n.put("action", action);
        return n;
    }

    private static List<String> idsIn(JsonNode applicationsDoc) {
        return RawEureka.instancesOf(applicationsDoc).stream().map(i -> i.path("instanceId").asText()).toList();
    }

    private static void assertJson(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith(JSON));
        assertThat(RawEureka.text(r).strip()).startsWith("{");
        RawEureka.parse(r.body());
    }

    private static void assertXml(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/xml"));
        assertThat(RawEureka.text(r).strip()).matches("(?s)(<\\?xml[^>]*>\\s*)?<(applications|application)[ >].*");
    }
}
