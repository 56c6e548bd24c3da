package io.cairn.server.regions;

import static io.cairn.server.http.LiveServer.instanceJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.server.config.CairnConfig;
import io.cairn.server.config.Setting;
import io.cairn.server.http.LiveServer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A node serving another region's registry, fetched from that region's own live server. */
class RemoteRegionsTest {
    private final LiveServer west = new LiveServer();
    private LiveServer local;

    @AfterEach
    void stop() {
        west.close();
        if (local != null) {
            local.close();
        }
    }

    private LiveServer localWith(CairnConfig.Builder config) {
        local = new LiveServer(config.set(Setting.REMOTE_REGION_FETCH_INTERVAL, 1)
                .remoteRegion("us-west", "http://127.0.0.1:" + west.server.port() + "/eureka/"));
        return local;
    }

    private static String body(LiveServer s, String path) {
        return new String(s.get(path, "application/json").body(), StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void readsNamingTheRegionAndPlainReadsIncludeItsInstances() {
        LiveServer l = localWith(CairnConfig.builder());
        assertThat(west.postJson("/eureka/apps/WESTAPP", instanceJson("WESTAPP", "w1", "UP")).statusCode())
                .isEqualTo(204);
        assertThat(l.postJson("/eureka/apps/LOCALAPP", instanceJson("LOCALAPP", "l1", "UP")).statusCode())
                .isEqualTo(204);

        await(() -> body(l, "/eureka/apps?regions=us-west").contains("\"w1\""));
        assertThat(body(l, "/eureka/apps?regions=us-west")).contains("\"l1\"").contains("\"apps__hashcode\":\"UP_2_\"");
        assertThat(body(l, "/eureka/apps")).contains("\"w1\"", "\"l1\"");
        assertThat(body(l, "/eureka/apps/delta?regions=us-west")).contains("\"w1\"")
                .contains("\"apps__hashcode\":\"UP_2_\"");
        assertThat(l.get("/eureka/apps/WESTAPP", "application/json").statusCode()).isEqualTo(200);
        assertThat(l.get("/eureka/apps/WESTAPP/w1", "application/json").statusCode()).isEqualTo(200);
        assertThat(l.get("/eureka/instances/w1", "application/json").statusCode()).isEqualTo(200);
        assertThat(body(l, "/eureka/apps?regions=nowhere")).doesNotContain("\"w1\"");

        assertThat(west.delete("/eureka/apps/WESTAPP/w1").statusCode()).isEqualTo(200);
        await(() -> !body(l, "/eureka/apps?regions=us-west").contains("\"w1\""));
        assertThat(body(l, "/eureka/apps/delta?regions=us-west")).contains("\"DELETED\"")
                .contains("\"apps__hashcode\":\"UP_1_\"");
    }

    @Test
    void withTransparentFallbackDisabledPlainReadsStayLocal() {
        LiveServer l = localWith(CairnConfig.builder().set(Setting.DISABLE_TRANSPARENT_FALLBACK, true));
        west.postJson("/eureka/apps/WESTAPP", instanceJson("WESTAPP", "w1", "UP"));
        await(() -> body(l, "/eureka/apps?regions=us-west").contains("\"w1\""));

        assertThat(body(l, "/eureka/apps")).doesNotContain("\"w1\"");
        assertThat(l.get("/eureka/apps/WESTAPP", "application/json").statusCode()).isEqualTo(404);
        assertThat(l.get("/eureka/instances/w1", "application/json").statusCode()).isEqualTo(404);
    }

    @Test
    void aWhitelistLimitsWhichApplicationsComeFromTheRegion() {
        LiveServer l = localWith(CairnConfig.builder().remoteRegionWhitelist("us-west", "allowed"));
        west.postJson("/eureka/apps/ALLOWED", instanceJson("ALLOWED", "a1", "UP"));
        west.postJson("/eureka/apps/HIDDEN", instanceJson("HIDDEN", "h1", "UP"));

        await(() -> body(l, "/eureka/apps?regions=us-west").contains("\"a1\""));
        assertThat(body(l, "/eureka/apps?regions=us-west")).doesNotContain("\"h1\"");
    }

    @Test
    void aRegionNotFetchedYetIsAnswered403WhenNamed() {
        local = new LiveServer(CairnConfig.builder().remoteRegion("dead", "http://127.0.0.1:9/eureka/"));
        assertThat(local.get("/eureka/apps?regions=dead", "application/json").statusCode()).isEqualTo(403);
        assertThat(local.get("/eureka/apps", "application/json").statusCode()).isEqualTo(200);
    }
}
