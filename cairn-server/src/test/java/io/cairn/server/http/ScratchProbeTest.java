package io.cairn.server.http;

import static io.cairn.server.http.LiveServer.instanceJson;

import io.cairn.server.config.CairnConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScratchProbeTest {
    @Test
    void probe() throws Exception {
        try (LiveServer live = new LiveServer(CairnConfig.builder().peerToken("pt").adminToken("at")
                .user("alice", io.cairn.server.security.PasswordHash.hash("pw".toCharArray(), 1000, new java.security.SecureRandom()), "client"))) {
            String alice = "Basic " + java.util.Base64.getEncoder().encodeToString("alice:pw".getBytes());
            for (int i = 0; i < 4; i++) {
                live.send(HttpRequest.newBuilder(live.uri("/eureka/apps/STABLE")).header("Content-Type", "application/json")
                        .header("Authorization", alice)
                        .POST(HttpRequest.BodyPublishers.ofString(instanceJson("STABLE", "stable-" + i, "UP"))));
            }
            System.out.println("PROBE put override " + live.send(HttpRequest.newBuilder(live.uri("/eureka/apps/STABLE/stable-3/status?value=OUT_OF_SERVICE"))
                    .header("Authorization", "Bearer at").PUT(HttpRequest.BodyPublishers.noBody())).statusCode());
            System.out.println("PROBE overrides " + live.server.registry().statusOverrides());
            for (String action : new String[] {"Cancel", "Heartbeat", "StatusUpdate", "DeleteStatusOverride"}) {
                for (String app : new String[] {"STABLE", "FUZZ"}) {
                    String batch = "{\"replicationList\":[{\"appName\":\"" + app + "\",\"action\":\"" + action
                            + "\",\"status\":\"DOWN\",\"instanceInfo\":{\"app\":\"X\"}}]}";
                    HttpResponse<byte[]> r = live.send(HttpRequest.newBuilder(live.uri("/eureka/peerreplication/batch"))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer pt")
                            .POST(HttpRequest.BodyPublishers.ofString(batch)));
                    System.out.println("PROBE batch " + action + " " + app + " -> " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
                }
            }
            System.out.println("PROBE cancel NOPE/stable-3 anon -> " + live.delete("/eureka/apps/NOPE/stable-3").statusCode());
            System.out.println("PROBE overrides " + live.server.registry().statusOverrides());
            String other = instanceJson("NOPE", "stable-0", "UP").replace("\"overriddenStatus\":\"UNKNOWN\"", "\"overriddenStatus\":\"OUT_OF_SERVICE\"");
            System.out.println("PROBE register NOPE/stable-0 anon -> " + live.postJson("/eureka/apps/NOPE", other).statusCode());
            System.out.println("PROBE overrides " + live.server.registry().statusOverrides());
            System.out.println("PROBE cancel NOPE/stable-0 anon -> " + live.delete("/eureka/apps/NOPE/stable-0").statusCode());
            System.out.println("PROBE renew STABLE/stable-0 alice -> " + live.send(HttpRequest.newBuilder(live.uri("/eureka/apps/STABLE/stable-0")).header("Authorization", alice).PUT(HttpRequest.BodyPublishers.noBody())).statusCode());
            System.out.println("PROBE stable-0 " + live.server.registry().instance("STABLE", "stable-0").orElseThrow().status() + " overrides " + live.server.registry().statusOverrides());
            // second variant: register NOPE/stable-1 with override, keep it
            String other1 = instanceJson("NOPE", "stable-1", "UP").replace("\"overriddenStatus\":\"UNKNOWN\"", "\"overriddenStatus\":\"OUT_OF_SERVICE\"");
            System.out.println("PROBE register NOPE/stable-1 anon -> " + live.postJson("/eureka/apps/NOPE", other1).statusCode());
            System.out.println("PROBE renew STABLE/stable-1 alice -> " + live.send(HttpRequest.newBuilder(live.uri("/eureka/apps/STABLE/stable-1")).header("Authorization", alice).PUT(HttpRequest.BodyPublishers.noBody())).statusCode());
            System.out.println("PROBE stable-1 " + live.server.registry().instance("STABLE", "stable-1").orElseThrow().status() + " overrides " + live.server.registry().statusOverrides());
        }
    }
}
