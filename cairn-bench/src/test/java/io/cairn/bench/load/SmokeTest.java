package io.cairn.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.server.CairnServer;
import io.cairn.server.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The load generator against an in-process Cairn node for about a second: it registers, renews and fetches over HTTP.
 * Asserts that it worked, never how fast.
 */
class SmokeTest {
    @Test
    void registersRenewsAndFetchesOverHttp() throws Exception {
        var config = ConfigLoader.load(null, Map.of(), Map.of(), Map.of("server.port", "0",
                "cairn.server.host", "127.0.0.1", "eureka.server.enable-self-preservation", "false")).config();
        try (CairnServer server = new CairnServer(config).start(); Http http = new Http(4)) {
            Target t = Target.of("cairn", "http://127.0.0.1:" + server.port() + "/eureka/", Proc.self());
            Scenarios s = new Scenarios(http, t, Proc.self());
            Bodies b = new Bodies("SMOKE", 10, 90);
            Driver.Result reg = s.register("register", b, 0, 50, 4);
            assertThat(reg.ok()).isEqualTo(50);
            Driver.Result hb = s.heartbeats("heartbeat", b, 0, 50, 4, 0.5);
            assertThat(hb.ok()).isPositive();
            assertThat(hb.failed()).isZero();
            Http.Reply full = Http.await(s.get("apps", Scenarios.JSON_GZIP_HEADERS, true), 30);
            assertThat(full.status()).isEqualTo(200);
            assertThat(full.index()).isPositive();
            assertThat(Scenarios.countInstances(full.body())).isEqualTo(50);
        }
    }
}
